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

        from . import rules, selectors
        from .belemmeringen import onderzoek_belemmering

        register_sectie(
            DossierSectie(
                key="handhaving",
                volgorde=30,
                template="handhaving/_sectie.html",
                context=selectors.handhaving_sectie,
                actie=rules.SECTIE.naam,
                queries=3,
            )
        )
        register_actie(
            DossierActie(
                label="Rechtmatigheidsonderzoek starten",
                url_name="handhaving:onderzoek_start",
                actie=rules.ONDERZOEK.naam,
                volgorde=60,
                belemmering=onderzoek_belemmering,
                queries=1,
                sectie="handhaving",  # its open onderzoek answers the check
            )
        )
        register_actie(
            DossierActie(
                label="Samenloopsignaal registreren",
                url_name="handhaving:samenloop",
                actie=rules.SAMENLOOP.naam,
                volgorde=61,
            )
        )
        register_tijdlijn(
            "rechtmatigheid",
            "Rechtmatigheid",
            selectors.tijdlijn_rechtmatigheid,
            actie=rules.SECTIE.naam,
        )
