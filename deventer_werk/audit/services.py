"""Writing the audit trail. The only way rows get into ``AuditEvent``."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

from .constants import Herkomst, Resultaat
from .models import AuditEvent

if TYPE_CHECKING:
    from django.http import HttpRequest

    from deventer_werk.accounts.models import User


logger = logging.getLogger(__name__)


def _client_ip(request: HttpRequest | None) -> str | None:
    from deventer_werk.security.client_ip import client_ip

    return client_ip(request)


def audit_record(
    *,
    actor: User | None,
    actie: str,
    client_id: uuid.UUID | str | None = None,
    object_type: str = "",
    resultaat: str = Resultaat.TOEGESTAAN,
    herkomst: str = Herkomst.WEB,
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit line. ``details`` must never hold a BSN or a name."""
    ingelogd = actor if actor is not None and actor.is_authenticated else None
    event = AuditEvent.objects.create(
        actor_id=ingelogd.pk if ingelogd else None,
        actor_username=ingelogd.username if ingelogd else "",
        rol=ingelogd.rol_label if ingelogd else "",
        organisatie=ingelogd.organisatie if ingelogd else "",
        client_id=client_id,
        actie=actie,
        object_type=object_type,
        resultaat=resultaat,
        herkomst=herkomst,
        ip_adres=_client_ip(request),
        details=details or {},
    )
    logger.info(
        "audit event=%s actie=%s resultaat=%s client=%s actor=%s",
        event.pk,
        actie,
        resultaat,
        client_id,
        event.actor_id,
    )
    return event
