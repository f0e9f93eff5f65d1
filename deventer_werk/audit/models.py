from django.contrib.postgres.indexes import GinIndex
from django.db import models

from .constants import Actie, Herkomst, Resultaat


class AuditEvent(models.Model):
    """One line of the append-only audit trail.

    No foreign keys on purpose: the trail must outlive users and clients and must never be
    touched by a cascade. PostgreSQL refuses UPDATE and DELETE on this table (trigger in
    migration 0002); rows are only ever inserted via ``audit.services.audit_record``.
    Never store a BSN or a name in ``details``.
    """

    tijdstip = models.DateTimeField("tijdstip (UTC)", auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField("gebruiker-id", null=True)
    actor_username = models.CharField("gebruikersnaam", max_length=150, blank=True)
    rol = models.CharField("rol(len)", max_length=255, blank=True)
    organisatie = models.CharField("organisatie", max_length=10, blank=True)
    # Indexed by audit_client_tijd_idx (client_id, -tijdstip); a separate index was a duplicate.
    client_id = models.UUIDField("klant-id", null=True)
    actie = models.CharField("actie", max_length=20, choices=Actie.choices)
    object_type = models.CharField("onderdeel", max_length=60, blank=True)
    resultaat = models.CharField("resultaat", max_length=12, choices=Resultaat.choices)
    herkomst = models.CharField("herkomst", max_length=10, choices=Herkomst.choices)
    ip_adres = models.GenericIPAddressField("IP-adres", null=True)
    details = models.JSONField("details", default=dict, blank=True)

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "audittrail"
        ordering = ["-tijdstip", "-id"]
        indexes = [
            models.Index(fields=["client_id", "-tijdstip"], name="audit_client_tijd_idx"),
            # list views keep the clients on screen in details["clients"] (issue 31): the
            # access log finds them with details @> {"clients": [id]}, through this index
            GinIndex(fields=["details"], opclasses=["jsonb_path_ops"], name="audit_details_gin"),
        ]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actor_username} {self.actie}"
