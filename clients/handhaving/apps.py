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
        for label, url_name, regel, volgorde in [
            ("Rechtmatigheidsonderzoek starten", "handhaving:onderzoek_start", rules.ONDERZOEK, 60),
            ("Samenloopsignaal registreren", "handhaving:samenloop", rules.SAMENLOOP, 61),
        ]:
            register_actie(
                DossierActie(label=label, url_name=url_name, actie=regel.naam, volgorde=volgorde)
            )
        register_tijdlijn("rechtmatigheid", "Rechtmatigheid", selectors.tijdlijn_rechtmatigheid)
