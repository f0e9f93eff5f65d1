from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "clients.intake"
    label = "intake"
    verbose_name = "Intake: melding, screening, ambitiegesprek, kick-off"

    def ready(self) -> None:
        from clients.registry import (
            DossierActie,
            DossierSectie,
            afgesloten_belemmering,
            register_actie,
            register_sectie,
            register_tijdlijn,
        )

        from . import rules, selectors
        from .belemmeringen import aanvraag_belemmering as aanvraag_b
        from .belemmeringen import besluit_belemmering
        from .belemmeringen import screening_belemmering as screening_b

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
        for label, url_name, regel, volgorde, belemmering, queries in [
            ("Screening vastleggen", "intake:screening", rules.SCREENING, 10, screening_b, 0),
            (
                "Aanvraag uitkering registreren",
                "intake:aanvraag",
                rules.AANVRAAG,
                20,
                aanvraag_b,
                1,
            ),
            ("Besluit op aanvraag", "intake:besluit", rules.BESLUIT, 21, besluit_belemmering, 1),
            (
                "Ambitiegesprek vastleggen",
                "intake:ambitiegesprek",
                rules.AMBITIEGESPREK,
                30,
                afgesloten_belemmering("een ambitiegesprek vastleggen"),
                0,
            ),
            (
                "Participatieladder bijwerken",
                "intake:ladder",
                rules.LADDER,
                31,
                afgesloten_belemmering("de participatieladder bijwerken"),
                0,
            ),
        ]:
            register_actie(
                DossierActie(
                    label=label,
                    url_name=url_name,
                    actie=regel.naam,
                    volgorde=volgorde,
                    belemmering=belemmering,
                    queries=queries,
                    # the aanvragen the intake section read answer the aanvraag checks
                    sectie="intake" if queries else "",
                )
            )
        register_tijdlijn("screening", "Screening", selectors.tijdlijn_screening)
        register_tijdlijn(
            "aanvraag",
            "Aanvraag en besluit",
            selectors.tijdlijn_aanvraag,
            actie=rules.AANVRAAG_LEZEN.naam,  # the benefit: IO roles (DESIGN.md §1)
        )
        register_tijdlijn("ambitiegesprek", "Ambitiegesprek", selectors.tijdlijn_ambitie)
        register_tijdlijn("kickoff", "Kick-off", selectors.tijdlijn_kickoff)
        register_tijdlijn("ladder", "Participatieladder", selectors.tijdlijn_ladder)
