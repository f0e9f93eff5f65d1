from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "clients.intake"
    label = "intake"
    verbose_name = "Intake: melding, screening, ambitiegesprek, kick-off"

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
                key="intake",
                volgorde=10,
                template="intake/_sectie.html",
                context=selectors.intake_sectie,
                actie=rules.SECTIE.naam,
                queries=7,
            )
        )
        for label, url_name, regel, volgorde in [
            ("Screening vastleggen", "intake:screening", rules.SCREENING, 10),
            ("Ambitiegesprek vastleggen", "intake:ambitiegesprek", rules.AMBITIEGESPREK, 30),
            ("Participatieladder bijwerken", "intake:ladder", rules.LADDER, 31),
        ]:
            register_actie(
                DossierActie(label=label, url_name=url_name, actie=regel.naam, volgorde=volgorde)
            )
        register_actie(
            DossierActie(
                label="Aanvraag uitkering registreren",
                url_name="intake:aanvraag",
                actie=rules.AANVRAAG.naam,
                volgorde=20,
                beschikbaar=selectors.aanvraag_kan_worden_geregistreerd,
                queries=1,
            )
        )
        register_actie(
            DossierActie(
                label="Besluit op aanvraag",
                url_name="intake:besluit",
                actie=rules.BESLUIT.naam,
                volgorde=21,
                beschikbaar=selectors.aanvraag_wacht_op_besluit,
                queries=1,
            )
        )
        register_tijdlijn("screening", "Screening", selectors.tijdlijn_screening)
        register_tijdlijn("aanvraag", "Aanvraag en besluit", selectors.tijdlijn_aanvraag)
        register_tijdlijn("ambitiegesprek", "Ambitiegesprek", selectors.tijdlijn_ambitie)
        register_tijdlijn("kickoff", "Kick-off", selectors.tijdlijn_kickoff)
        register_tijdlijn("ladder", "Participatieladder", selectors.tijdlijn_ladder)
