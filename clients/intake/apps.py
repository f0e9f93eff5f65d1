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
        from deventer_werk.accounts.constants import Rol

        from . import selectors
        from .constants import LADDER_ROLLEN

        register_sectie(
            DossierSectie(
                key="intake",
                volgorde=10,
                template="intake/_sectie.html",
                context=selectors.intake_sectie,
                queries=7,
            )
        )
        for label, url_name, rol, volgorde in [
            ("Screening vastleggen", "intake:screening", Rol.POORTWACHTER, 10),
            ("Aanvraag uitkering registreren", "intake:aanvraag", Rol.INKOMENSCONSULENT, 20),
            ("Besluit op aanvraag", "intake:besluit", Rol.INKOMENSCONSULENT, 21),
            ("Ambitiegesprek vastleggen", "intake:ambitiegesprek", Rol.INTAKER, 30),
        ]:
            register_actie(
                DossierActie(
                    label=label, url_name=url_name, rollen=frozenset({rol}), volgorde=volgorde
                )
            )
        register_actie(
            DossierActie(
                label="Participatieladder bijwerken",
                url_name="intake:ladder",
                rollen=frozenset(LADDER_ROLLEN),
                volgorde=31,
            )
        )
        register_tijdlijn("screening", "Screening", selectors.tijdlijn_screening)
        register_tijdlijn("aanvraag", "Aanvraag en besluit", selectors.tijdlijn_aanvraag)
        register_tijdlijn("ambitiegesprek", "Ambitiegesprek", selectors.tijdlijn_ambitie)
        register_tijdlijn("kickoff", "Kick-off", selectors.tijdlijn_kickoff)
        register_tijdlijn("ladder", "Participatieladder", selectors.tijdlijn_ladder)
