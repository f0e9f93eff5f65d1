"""Opening a dossier: need-to-know check plus audit line, shared by every dossier page."""

import functools
import re
import uuid
from collections.abc import Callable

from django.http import Http404, HttpResponse

from deventer_werk.audit.constants import Actie, Herkomst, Resultaat
from deventer_werk.audit.services import audit_record

from .models import Client
from .selectors import client_get_visible


def client_open_or_404(
    request,
    pk: uuid.UUID,
    *,
    object_type: str = "dossier",
    herkomst: str = Herkomst.WEB,
    actie: str = Actie.BEKEKEN,
) -> Client:
    """Return the client if the user may see it, recording the access either way.

    A client outside the user's view answers 404 (we do not reveal that it exists), and the
    refusal is recorded in the audit trail.
    """
    client = client_get_visible(user=request.user, pk=pk)
    if client is None:
        audit_record(
            actor=request.user,
            actie=actie,
            client_id=pk,
            object_type=object_type,
            resultaat=Resultaat.GEWEIGERD,
            herkomst=herkomst,
            request=request,
        )
        raise Http404("Dossier niet gevonden")
    if actie == Actie.BEKEKEN:
        audit_record(
            actor=request.user,
            actie=actie,
            client_id=client.pk,
            object_type=object_type,
            herkomst=herkomst,
            request=request,
        )
    return client


def lijst_bekeken(request, *, object_type: str, client_ids) -> None:
    """One audit row per view of a list page that shows client names: which clients were on
    screen (ids only, never a name or BSN), so an AVG request can answer who saw a client."""
    audit_record(
        actor=request.user,
        actie=Actie.BEKEKEN,
        object_type=object_type,
        request=request,
        details={"clients": sorted({str(pk) for pk in client_ids})},
    )


_DOSSIER_LINK = re.compile(
    rb'href="/klanten/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/'
)


def toont_klanten(object_type: str) -> Callable:
    """For a page that shows clients without opening one dossier (the werkvoorraad, the
    trajecten dashboard, a task): one audit row per view with the clients on screen, read from
    the rendered page itself (every client shown links to its dossier), so nothing shown can
    be missed and nothing not shown is claimed (issue 31)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if (
                request.method == "GET"
                and response.status_code == 200
                and not getattr(response, "streaming", False)
                and response.get("Content-Type", "").startswith("text/html")
            ):
                ids = {m.decode() for m in _DOSSIER_LINK.findall(response.content)}
                if ids:
                    lijst_bekeken(request, object_type=object_type, client_ids=ids)
            return response

        return wrapper

    return decorator
