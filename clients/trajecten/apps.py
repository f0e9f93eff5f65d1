from django.apps import AppConfig


class TrajectenConfig(AppConfig):
    name = "clients.trajecten"
    label = "trajecten"
    verbose_name = "Trajecten, plaatsingen en werkgevers"

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
                key="trajecten",
                volgorde=25,
                template="trajecten/_sectie.html",
                context=selectors.trajecten_sectie,
                queries=8,
            )
        )
        coaches = frozenset({Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR})
        for label, url_name, rollen, volgorde in [
            ("Traject starten", "trajecten:traject_nieuw", coaches, 70),
            ("Plaatsing vastleggen", "trajecten:plaatsing_nieuw", frozenset({Rol.WERKCOACH}), 71),
            (
                "Plaatsen op participatieplek",
                "trajecten:plek_nieuw",
                frozenset({Rol.PARTICIPATIEMAKELAAR}),
                72,
            ),
            ("Werkprofiel bijwerken", "trajecten:werkprofiel", coaches, 73),
        ]:
            register_actie(
                DossierActie(label=label, url_name=url_name, rollen=rollen, volgorde=volgorde)
            )
        register_tijdlijn("traject", "Trajecten", selectors.tijdlijn_trajecten)
        register_tijdlijn("plaatsing", "Plaatsingen", selectors.tijdlijn_plaatsingen)
        register_tijdlijn("nazorg", "Nazorg", selectors.tijdlijn_nazorg)
        register_tijdlijn("participatie", "Participatie", selectors.tijdlijn_participatie)
