from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "clients"
    verbose_name = "Klanten"

    def ready(self) -> None:
        from .registry import DossierSectie, register_sectie
        from .selectors import signalen_sectie
        from .tijdlijn import register_core

        register_core()
        register_sectie(
            DossierSectie(
                key="signalen",
                volgorde=0,
                template="clients/_sectie_signalen.html",
                context=signalen_sectie,
                plek="boven",
            )
        )
