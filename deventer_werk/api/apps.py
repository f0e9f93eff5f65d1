from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "deventer_werk.api"
    label = "api"
    verbose_name = "REST API"

    def ready(self):
        from . import schema  # noqa: F401 - registers the OpenAPI authentication extension
