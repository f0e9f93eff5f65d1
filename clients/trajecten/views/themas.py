"""Themabijeenkomsten: plan and invite, then the attendance list of one meeting.

Names on an attendance list follow need-to-know: the organiser (often a trainer, who has no
dossier access) sees the names and attendance of the meetings they run; anyone else sees
only the invitees whose dossier they may open. A trainer (no dossier access) sees only the
meetings they organise; another meeting is a 404."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from clients.access import lijst_bekeken
from deventer_werk.access import require
from deventer_werk.forms import form_add_service_errors

from .. import rules, selectors, services
from ..forms import ThemabijeenkomstForm


@login_required
@require_http_methods(["GET", "POST"])
def themabijeenkomsten(request):
    require(request.user, rules.THEMABIJEENKOMSTEN)
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
    bijeenkomsten = selectors.themabijeenkomst_lijst(user=request.user)[:50]
    return render(
        request, "trajecten/themabijeenkomsten.html", {"form": form, "bijeenkomsten": bijeenkomsten}
    )


@login_required
@require_http_methods(["GET", "POST"])
def themabijeenkomst(request, bijeenkomst_pk):
    require(request.user, rules.THEMABIJEENKOMSTEN)
    bijeenkomst = get_object_or_404(
        selectors.themabijeenkomst_lijst(user=request.user).select_related("georganiseerd_door"),
        pk=bijeenkomst_pk,
    )
    uitnodigingen = selectors.thema_uitnodigingen(bijeenkomst=bijeenkomst, user=request.user)
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
    getoond = list(uitnodigingen[:500])
    lijst_bekeken(
        request, object_type="themabijeenkomst", client_ids=[u.client_id for u in getoond]
    )
    return render(
        request,
        "trajecten/themabijeenkomst.html",
        {
            "bijeenkomst": bijeenkomst,
            "uitnodigingen": getoond,
            "totaal": bijeenkomst.uitnodigingen.count(),
            "begonnen": bijeenkomst.datum <= timezone.now(),
        },
    )
