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

        from . import belemmeringen as b
        from . import rules, selectors

        register_sectie(
            DossierSectie(
                key="trajecten",
                volgorde=25,
                template="trajecten/_sectie.html",
                context=selectors.trajecten_sectie,
                actie=rules.SECTIE.naam,
                queries=8,
            )
        )
        for label, url_name, regel, volgorde, belemmering in [
            (
                "Traject starten",
                "trajecten:traject_nieuw",
                rules.TRAJECT,
                70,
                b.traject_belemmering,
            ),
            (
                "Plaatsing vastleggen",
                "trajecten:plaatsing_nieuw",
                rules.PLAATSING,
                71,
                b.plaatsing_belemmering,
            ),
            (
                "Plaatsen op participatieplek",
                "trajecten:plek_nieuw",
                rules.PLEK,
                72,
                b.plek_belemmering,
            ),
            (
                "Werkprofiel bijwerken",
                "trajecten:werkprofiel",
                rules.WERKPROFIEL,
                73,
                b.werkprofiel_belemmering,
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
        register_tijdlijn("traject", "Trajecten", selectors.tijdlijn_trajecten)
        register_tijdlijn("plaatsing", "Plaatsingen", selectors.tijdlijn_plaatsingen)
        register_tijdlijn("nazorg", "Nazorg", selectors.tijdlijn_nazorg)
        register_tijdlijn("uitkeringseinde", "Einde uitkering", selectors.tijdlijn_uitkeringseinde)
        register_tijdlijn("participatie", "Participatie", selectors.tijdlijn_participatie)
