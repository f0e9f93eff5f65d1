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


def weigering_vastleggen(request: HttpRequest) -> None:
    """A refusal (403) the view did not record itself, e.g. a role check on a page without a
    client: one row with the route, so an attempt shows in the trail (issue 31)."""
    if getattr(request, "dw_weigering_vastgelegd", False):
        return
    from django.urls import Resolver404, resolve

    from .constants import Actie

    try:
        route = resolve(request.path_info).view_name
    except Resolver404:
        route = ""
    user = getattr(request, "user", None)
    audit_record(
        actor=user if user is not None and user.is_authenticated else None,
        actie=Actie.BEKEKEN if request.method in ("GET", "HEAD") else Actie.GEWIJZIGD,
        object_type=route[:60],
        resultaat=Resultaat.GEWEIGERD,
        herkomst=Herkomst.API if request.path_info.startswith("/api/") else Herkomst.WEB,
        request=request,
        details={"route": route, "methode": request.method},
    )


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
    if request is not None and resultaat == Resultaat.GEWEIGERD:
        # the 403 handler records a refusal only when the view did not (one row per refusal)
        request.dw_weigering_vastgelegd = True  # type: ignore[attr-defined]
    logger.info(
        "audit event=%s actie=%s resultaat=%s client=%s actor=%s",
        event.pk,
        actie,
        resultaat,
        client_id,
        event.actor_id,
    )
    return event
