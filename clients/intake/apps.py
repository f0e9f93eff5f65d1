from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "clients.intake"
    label = "intake"
    verbose_name = "Intake: melding, screening, ambitiegesprek, kick-off"
