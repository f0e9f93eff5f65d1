from django.apps import AppConfig


class BegeleidingConfig(AppConfig):
    name = "clients.begeleiding"
    label = "begeleiding"
    verbose_name = "Begeleiding: plan van aanpak, voortgang, uitstroom"
