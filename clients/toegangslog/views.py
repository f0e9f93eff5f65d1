from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from deventer_werk.access import may
from deventer_werk.audit.constants import Actie, Resultaat
from deventer_werk.audit.models import AuditEvent
from deventer_werk.audit.rules import TOEGANGSLOG
from deventer_werk.audit.services import audit_record
from deventer_werk.forms import Form

from ..models import Client
from ..validators import normalize_bsn


class ToegangslogZoekForm(Form):
    bsn = forms.CharField(label="BSN van de klant", max_length=11, help_text="9 cijfers")


@login_required
def toegangslog_zoeken(request):
    """The beheerder looks up who saw and changed a client's dossier (e.g. an AVG inzageverzoek).

    The BSN is submitted by POST, never in the URL; the lookup itself is audited.
    """
    if not may(request.user, TOEGANGSLOG):
        audit_record(
            actor=request.user,
            actie=Actie.GEZOCHT,
            object_type="toegangslog",
            resultaat=Resultaat.GEWEIGERD,
            request=request,
        )
        raise PermissionDenied
    form = ToegangslogZoekForm(request.POST or None)
    clients: list = []
    events: list = []
    if request.method == "POST" and form.is_valid():
        bsn = normalize_bsn(form.cleaned_data["bsn"])
        clients = list(
            Client.objects.filter(bsn=bsn).only("id", "voornamen", "tussenvoegsel", "achternaam")
        )
        ids = [c.pk for c in clients]
        events = list(AuditEvent.objects.filter(client_id__in=ids)[:500])
        for client in clients:
            audit_record(
                actor=request.user,
                actie=Actie.GEZOCHT,
                client_id=client.pk,
                object_type="toegangslog",
                request=request,
            )
        if not clients:
            form.add_error("bsn", "Geen klant gevonden met dit BSN.")
    return render(
        request, "audit/toegangslog.html", {"form": form, "clients": clients, "events": events}
    )
