from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "clients.demo"
    label = "demo"
    verbose_name = "Demodata (synthetisch)"
