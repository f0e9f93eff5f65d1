"""Themabijeenkomsten: plan and invite, then the attendance list of one meeting.

Names on an attendance list follow need-to-know: the organiser (often a trainer, who has no
dossier access) sees the names and attendance of the meetings they run; anyone else sees
only the invitees whose dossier they may open."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from clients.models import Client
from deventer_werk.accounts.constants import Rol
from deventer_werk.forms import form_add_service_errors

from .. import services
from ..forms import ThemabijeenkomstForm
from ..models import Themabijeenkomst, ThemaUitnodiging

THEMA_ROLLEN = (Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR, Rol.TRAINER)


@login_required
@require_http_methods(["GET", "POST"])
def themabijeenkomsten(request):
    if not request.user.heeft_rol(*THEMA_ROLLEN):
        raise PermissionDenied
    form = ThemabijeenkomstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        d["datum"] = timezone.make_aware(datetime.datetime.combine(d["datum"], d.pop("tijd")))
        try:
            bijeenkomst, aantal = services.themabijeenkomst_plan(actor=request.user, **d)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(
                request, f"De bijeenkomst is gepland; {aantal} klanten zijn uitgenodigd."
            )
            return redirect("trajecten:themabijeenkomst", bijeenkomst_pk=bijeenkomst.pk)
    bijeenkomsten = (
        Themabijeenkomst.objects.select_related("sector")
        .annotate(
            uitgenodigd=Count("uitnodigingen"),
            aanwezig=Count("uitnodigingen", filter=Q(uitnodigingen__aanwezig=True)),
        )
        .order_by("-datum")[:50]
    )
    return render(
        request, "trajecten/themabijeenkomsten.html", {"form": form, "bijeenkomsten": bijeenkomsten}
    )


def _uitnodigingen(bijeenkomst: Themabijeenkomst, user):
    qs = ThemaUitnodiging.objects.filter(bijeenkomst=bijeenkomst)
    if bijeenkomst.georganiseerd_door_id != user.pk:
        qs = qs.filter(client__in=Client.objects.visible_to(user))
    return qs.select_related("client").order_by("client__achternaam", "client__voornamen", "pk")


@login_required
@require_http_methods(["GET", "POST"])
def themabijeenkomst(request, bijeenkomst_pk):
    if not request.user.heeft_rol(*THEMA_ROLLEN):
        raise PermissionDenied
    bijeenkomst = get_object_or_404(
        Themabijeenkomst.objects.select_related("sector", "georganiseerd_door"), pk=bijeenkomst_pk
    )
    uitnodigingen = _uitnodigingen(bijeenkomst, request.user)
    if request.method == "POST":
        uitnodiging = get_object_or_404(uitnodigingen, pk=request.POST.get("uitnodiging") or 0)
        keuze = request.POST.get("aanwezig")
        if keuze not in ("ja", "nee"):
            messages.error(request, "Kies aanwezig of niet aanwezig.")
        else:
            try:
                services.thema_aanwezigheid_registreer(
                    actor=request.user, uitnodiging=uitnodiging, aanwezig=keuze == "ja"
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request, f"Aanwezigheid van {uitnodiging.client.volledige_naam} is vastgelegd."
                )
        return redirect("trajecten:themabijeenkomst", bijeenkomst_pk=bijeenkomst.pk)
    return render(
        request,
        "trajecten/themabijeenkomst.html",
        {
            "bijeenkomst": bijeenkomst,
            "uitnodigingen": list(uitnodigingen[:500]),
            "totaal": bijeenkomst.uitnodigingen.count(),
            "begonnen": bijeenkomst.datum <= timezone.now(),
        },
    )
