from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "deventer_werk.audit"
    label = "audit"
    verbose_name = "Audittrail"

    def ready(self) -> None:
        from . import rules, signals  # noqa: F401
