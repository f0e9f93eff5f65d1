from django.apps import AppConfig


class KlantgroepenConfig(AppConfig):
    name = "klantgroepen"
    verbose_name = "Klantgroepen"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (declares this app's access rules)
