from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "clients"
    verbose_name = "Klanten"

    def ready(self) -> None:
        from . import rules
        from .registry import DossierActie, DossierSectie, register_actie, register_sectie
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
