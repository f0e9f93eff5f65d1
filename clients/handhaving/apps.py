from django.apps import AppConfig


class HandhavingConfig(AppConfig):
    name = "clients.handhaving"
    label = "handhaving"
    verbose_name = "Rechtmatigheid en handhaving"

    def ready(self) -> None:
        from clients.registry import (
            DossierActie,
            DossierSectie,
            register_actie,
            register_sectie,
            register_tijdlijn,
        )
        from deventer_werk.accounts.constants import Rol

        from . import selectors

        register_sectie(
            DossierSectie(
                key="handhaving",
                volgorde=30,
                template="handhaving/_sectie.html",
                context=selectors.handhaving_sectie,
                queries=3,
            )
        )
        register_actie(
            DossierActie(
                label="Rechtmatigheidsonderzoek starten",
                url_name="handhaving:onderzoek_start",
                rollen=frozenset({Rol.HANDHAVER, Rol.INKOMENSCONSULENT}),
                volgorde=60,
            )
        )
        register_actie(
            DossierActie(
                label="Samenloopsignaal registreren",
                url_name="handhaving:samenloop",
                rollen=frozenset({Rol.HANDHAVER}),
                volgorde=61,
            )
        )
        register_tijdlijn("rechtmatigheid", "Rechtmatigheid", selectors.tijdlijn_rechtmatigheid)
