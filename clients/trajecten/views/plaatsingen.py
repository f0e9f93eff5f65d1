"""Plaatsing (with verdringingscheck, loonkostensubsidie and uitstroom) and its nazorg."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from clients.access import client_open_or_404
from deventer_werk.accounts.constants import Rol
from deventer_werk.audit.constants import Actie, Resultaat
from deventer_werk.audit.services import audit_record
from deventer_werk.forms import form_add_service_errors

from .. import selectors, services
from ..forms import NazorgForm, PlaatsingForm
from ..models import Vacature


@login_required
@require_http_methods(["GET", "POST"])
def plaatsing_nieuw(request, pk):
    """After saving, the coach lands on the placement's nazorg page rather than the dossier:
    when the benefit ends with the placement, the dossier leaves DWT's view."""
    if not request.user.heeft_rol(Rol.WERKCOACH):
        raise PermissionDenied
    client = client_open_or_404(request, pk, actie=Actie.GEWIJZIGD, object_type="plaatsing")
    initial = {}
    vacature = Vacature.objects.filter(
        pk=request.GET.get("vacature") if (request.GET.get("vacature") or "").isdigit() else 0,
        open=True,
    ).first()
    if vacature is not None:
        initial = {
            "vacature": vacature,
            "werkgever": vacature.werkgever_id,
            "functie": vacature.functie,
            "uren": vacature.uren,
        }
    form = PlaatsingForm(client, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plaatsing = services.plaatsing_registreer(
                actor=request.user, client=client, **form.cleaned_data
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            tekst = "De plaatsing is vastgelegd; de nazorgmomenten na 6 en 12 maanden staan klaar."
            if plaatsing.uitkering_beeindigd:
                tekst += " De uitstroom naar werk is vastgelegd."
            messages.success(request, tekst)
            return redirect("trajecten:plaatsing", plaatsing_pk=plaatsing.pk)
    return render(request, "trajecten/plaatsing.html", {"form": form, "client": client})


@login_required
@require_http_methods(["GET", "POST"])
def plaatsing(request, plaatsing_pk):
    """The placement with its nazorg checkpoints; the werkcoach records a checkpoint here."""
    p = selectors.plaatsing_voor_nazorg(user=request.user, pk=plaatsing_pk)
    actie = Actie.GEWIJZIGD if request.method == "POST" else Actie.BEKEKEN
    if p is None:
        if request.user.heeft_rol(Rol.WERKCOACH):
            audit_record(
                actor=request.user,
                actie=actie,
                object_type="plaatsing",
                resultaat=Resultaat.GEWEIGERD,
                request=request,
                details={"plaatsing": plaatsing_pk},
            )
            raise Http404("Plaatsing niet gevonden")
        raise PermissionDenied
    audit_record(
        actor=request.user,
        actie=actie,
        client_id=p.client_id,
        object_type="plaatsing",
        request=request,
        details={"plaatsing": p.pk},
    )
    open_momenten = [m["maanden"] for m in p.nazorgmomenten if m["moment"] is None]
    form = NazorgForm(request.POST or None, open_momenten=open_momenten)
    if request.method == "POST" and form.is_valid():
        try:
            services.nazorg_registreer(actor=request.user, plaatsing=p, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Het nazorgmoment is vastgelegd.")
            return redirect("trajecten:plaatsing", plaatsing_pk=p.pk)
    return render(
        request,
        "trajecten/plaatsing_detail.html",
        {"plaatsing": p, "form": form if open_momenten else None},
    )
