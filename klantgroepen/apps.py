from django.apps import AppConfig


class KlantgroepenConfig(AppConfig):
    name = "klantgroepen"
    verbose_name = "Klantgroepen"
