from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "deventer_werk.security"
    label = "security"
    verbose_name = "Beveiliging"

    def ready(self) -> None:
        from . import rules, signals  # noqa: F401
