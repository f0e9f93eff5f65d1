from django.apps import AppConfig


class BegeleidingConfig(AppConfig):
    name = "clients.begeleiding"
    label = "begeleiding"
    verbose_name = "Begeleiding: plan van aanpak, voortgangsgesprek, uitstroom, werkvoorraad"

    def ready(self) -> None:
        from clients.registry import (
            DossierActie,
            DossierSectie,
            afgesloten_belemmering,
            register_actie,
            register_sectie,
            register_tijdlijn,
        )

        from ..intake import rules as intake_rules
        from . import afspraken, rules, selectors
        from .belemmeringen import plan_belemmering, voortgangsgesprek_belemmering

        register_sectie(
            DossierSectie(
                key="begeleiding",
                volgorde=20,
                template="begeleiding/_sectie.html",
                context=selectors.begeleiding_sectie,
                actie=rules.SECTIE.naam,
                queries=4,
            )
        )
        # The current agreements (issue 27 part 3): recorded at the ambitiegesprek, updated
        # in voortgangsgesprekken; read like the ambitiegesprek itself (intake section).
        register_sectie(
            DossierSectie(
                key="afspraken",
                volgorde=15,
                template="begeleiding/_afspraken.html",
                context=afspraken.afspraken_sectie,
                actie=intake_rules.SECTIE.naam,
                queries=1,
            )
        )
        for label, url_name, regel, volgorde, belemmering in [
            (
                "Plan van aanpak opstellen of herzien",
                "begeleiding:plan",
                rules.PLAN,
                40,
                plan_belemmering,
            ),
            (
                "Voortgangsgesprek vastleggen",
                "begeleiding:voortgangsgesprek",
                rules.VOORTGANGSGESPREK,
                50,
                voortgangsgesprek_belemmering,
            ),
            (
                "Uitstroom vastleggen",
                "begeleiding:uitstroom",
                rules.UITSTROOM,
                90,
                afgesloten_belemmering("uitstroom vastleggen"),
            ),
        ]:
            register_actie(
                DossierActie(
                    label=label,
                    url_name=url_name,
                    actie=regel.naam,
                    volgorde=volgorde,
                    belemmering=belemmering,
                )
            )
        register_tijdlijn("plan", "Plan van aanpak", selectors.tijdlijn_plan)
        register_tijdlijn("voortgangsgesprek", "Voortgangsgesprek", selectors.tijdlijn_voortgang)
