from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "clients"
    verbose_name = "Klanten"

    def ready(self) -> None:
        from . import rules
        from .registry import (
            DossierActie,
            DossierSectie,
            afgesloten_belemmering,
            register_actie,
            register_belemmering,
            register_sectie,
        )
        from .selectors import signalen_sectie
        from .tijdlijn import register_core

        register_core()
        register_actie(
            DossierActie(
                label="Signaal melden",
                url_name="clients:signaal_melden",
                actie=rules.SIGNAAL_MELDEN.naam,
                volgorde=95,
            )
        )
        # Links in the dossier's own sections: a closed dossier has no group or contact person
        # any more (the uitstroom ended both); a new melding opens a new period first.
        register_belemmering(
            "clients:groepsindeling", afgesloten_belemmering("een klantgroep vastleggen")
        )
        register_belemmering(
            "clients:contactpersoon", afgesloten_belemmering("een contactpersoon vastleggen")
        )
        register_sectie(
            DossierSectie(
                key="signalen",
                volgorde=0,
                template="clients/_sectie_signalen.html",
                context=signalen_sectie,
                actie=rules.SECTIE_SIGNALEN.naam,
                plek="boven",
            )
        )
