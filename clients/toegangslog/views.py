"""The beheerder's access log of one client (e.g. for an AVG inzageverzoek): every row about the
client, also the list pages that showed the client (issue 31), paginated without a cap, as CSV,
and who saw the dossier, per medewerker. The BSN is only ever posted, never in a URL; the
client's internal id is. Every look into the log is itself audited."""

import csv
import uuid

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from deventer_werk.access import may
from deventer_werk.audit.constants import Actie, Resultaat
from deventer_werk.audit.models import AuditEvent
from deventer_werk.audit.rules import TOEGANGSLOG
from deventer_werk.audit.services import audit_record
from deventer_werk.forms import Form

from ..models import Client
from ..validators import normalize_bsn

PAGINA = 100


class ToegangslogZoekForm(Form):
    bsn = forms.CharField(label="BSN van de klant", max_length=11, help_text="9 cijfers")


def _mag_of_403(request, *, client_id=None) -> None:
    if not may(request.user, TOEGANGSLOG):
        audit_record(
            actor=request.user,
            actie=Actie.GEZOCHT,
            client_id=client_id,
            object_type="toegangslog",
            resultaat=Resultaat.GEWEIGERD,
            request=request,
        )
        raise PermissionDenied


def regels_over(client_id: uuid.UUID) -> QuerySet[AuditEvent]:
    """Every audit row about the client: its own rows (client_id, indexed) and the list pages
    that showed it (details @> {"clients": [id]}, GIN index); newest first."""
    return AuditEvent.objects.filter(
        Q(client_id=client_id) | Q(details__contains={"clients": [str(client_id)]})
    ).order_by("-tijdstip", "-id")


@login_required
def toegangslog_zoeken(request):
    """Look a client up by BSN (posted), then show the log under the client's internal id."""
    _mag_of_403(request)
    form = ToegangslogZoekForm(request.POST or None)
    clients: list = []
    if request.method == "POST" and form.is_valid():
        bsn = normalize_bsn(form.cleaned_data["bsn"])
        clients = list(
            Client.objects.met_bsn(bsn).only("id", "voornamen", "tussenvoegsel", "achternaam")
        )
        if not clients:
            form.add_error("bsn", "Geen klant gevonden met dit BSN.")
        elif len(clients) == 1:
            return redirect("audit:klant", client_id=clients[0].pk)
    return render(request, "audit/toegangslog.html", {"form": form, "clients": clients})


def _client_of_404(client_id: uuid.UUID) -> Client:
    client = (
        Client.objects.filter(pk=client_id)
        .only("id", "voornamen", "tussenvoegsel", "achternaam")
        .first()
    )
    if client is None:
        raise Http404("Klant niet gevonden")
    return client


@login_required
def toegangslog_klant(request, client_id: uuid.UUID):
    _mag_of_403(request, client_id=client_id)
    client = _client_of_404(client_id)
    # the look itself first: the log shown includes it
    audit_record(
        actor=request.user,
        actie=Actie.GEZOCHT,
        client_id=client.pk,
        object_type="toegangslog",
        request=request,
        details={"pagina": request.GET.get("pagina", "1")[:10]},
    )
    regels = regels_over(client.pk)
    pagina = Paginator(regels, PAGINA).get_page(request.GET.get("pagina"))
    wie = (
        regels.filter(actie=Actie.BEKEKEN, resultaat=Resultaat.TOEGESTAAN)
        .exclude(actor_username="")
        .order_by()
        .values("actor_username", "rol", "organisatie")
        .annotate(aantal=Count("id"), laatst=Max("tijdstip"))
        .order_by("-laatst")
    )
    return render(
        request,
        "audit/toegangslog.html",
        {"form": ToegangslogZoekForm(), "client": client, "pagina": pagina, "wie": list(wie)},
    )


class _Echo:
    def write(self, value):
        return value


@login_required
def toegangslog_export(request, client_id: uuid.UUID):
    """All rows about the client as CSV (semicolon-separated, as Dutch Excel reads it),
    streamed: no cap on the number of rows."""
    _mag_of_403(request, client_id=client_id)
    client = _client_of_404(client_id)
    audit_record(
        actor=request.user,
        actie=Actie.EXPORT,
        client_id=client.pk,
        object_type="toegangslog_export",
        request=request,
    )
    writer = csv.writer(_Echo(), delimiter=";")
    kop = ["tijdstip", "medewerker", "rol", "organisatie", "actie", "onderdeel", "resultaat"]
    kop += ["herkomst", "ip_adres", "via_lijst"]

    def rijen():
        yield "\ufeff" + writer.writerow(kop)
        for e in regels_over(client.pk).iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    timezone.localtime(e.tijdstip).strftime("%d-%m-%Y %H:%M:%S"),
                    e.actor_username,
                    e.rol,
                    e.organisatie,
                    e.get_actie_display(),
                    e.object_type,
                    e.get_resultaat_display(),
                    e.get_herkomst_display(),
                    e.ip_adres or "",
                    "ja" if e.client_id != client.pk else "nee",
                ]
            )

    response = StreamingHttpResponse(rijen(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="toegangslog-{client.pk}.csv"'
    return response
