"""Finishing, rescheduling and handing over a task by hand (audited)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from clients.access import toont_klanten
from clients.constants import TaakSoort, TaakStatus
from clients.models import Client, Taak
from clients.rules import taak_houders
from clients.services import contactpersoon_wijs_toe
from clients.taken import (
    taak_draag_over,
    taak_rond_af,
    taak_van,
    taak_verplaats,
)
from deventer_werk.access import require
from deventer_werk.forms import Form

from . import rules
from .taak_forms import TaakAfrondenForm, TaakOverdragenForm, TaakVerplaatsenForm

ACTIES = {
    "afronden": (TaakAfrondenForm, "Taak afgerond."),
    "verplaatsen": (TaakVerplaatsenForm, "Taak verplaatst."),
    "overdragen": (TaakOverdragenForm, "Taak overgedragen."),
}


def _taak_of_404(user, pk: int) -> Taak:
    """Only the user's own open work on a client they may see (else 404, nothing revealed)."""
    taak = (
        Taak.objects.filter(pk=pk, status=TaakStatus.OPEN)
        .filter(taak_van(user))
        .filter(client__in=Client.objects.visible_to(user))
        .select_related("client", "medewerker")
        .first()
    )
    if taak is None:
        raise Http404("Taak niet gevonden")
    return taak


def _maak_form(actie: str, user, taak: Taak, data=None):
    if actie == "claimen":
        return Form(data, prefix=actie)
    form_class = ACTIES[actie][0]
    if form_class is TaakOverdragenForm:
        return form_class(
            data,
            organisatie=user.organisatie,
            houders=taak_houders(taak, user.organisatie or ""),
            prefix=actie,
        )
    return form_class(data, prefix=actie)


def _voer_uit(actie: str, *, taak: Taak, form, user) -> None:
    data = form.cleaned_data
    if actie == "claimen":
        contactpersoon_wijs_toe(actor=user, client=taak.client, medewerker=user)
    elif actie == "afronden":
        taak_rond_af(taak=taak, door=user, notitie=data["notitie"])
    elif actie == "verplaatsen":
        taak_verplaats(taak=taak, datum=data["datum"], reden=data["reden"], door=user)
    else:
        taak_draag_over(taak=taak, door=user, reden=data["reden"], **form.ontvanger())


@login_required
@require_http_methods(["GET", "POST"])
@toont_klanten("taak")
def taak(request, taak_pk: int):
    """One task with its three buttons: afronden (note), verplaatsen (reason), overdragen."""
    require(request.user, rules.WERKVOORRAAD)
    taak = _taak_of_404(request.user, taak_pk)
    actie = request.POST.get("actie") if request.method == "POST" else None
    acties = dict(ACTIES)
    if taak.soort == TaakSoort.TOEWIJZEN and taak.organisatie == request.user.organisatie:
        acties = {"claimen": (None, "U bent nu de contactpersoon van deze klant."), **acties}
    forms = {naam: _maak_form(naam, request.user, taak) for naam in acties}
    if actie in acties:
        form = forms[actie] = _maak_form(actie, request.user, taak, request.POST)
        if form.is_valid():
            try:
                _voer_uit(actie, taak=taak, form=form, user=request.user)
            except ValidationError as exc:
                for veld, fouten in exc.message_dict.items():
                    for fout in fouten:
                        form.add_error(veld if veld in form.fields else None, fout)
            else:
                messages.success(request, acties[actie][1])
                return redirect("begeleiding:werkvoorraad")
    return render(
        request,
        "begeleiding/taak.html",
        {"taak": taak, "forms": forms},
        status=400 if actie in acties else 200,
    )


@login_required
@require_http_methods(["POST"])
def reviews_neem(request):
    """The handhaver takes the next reviews of the triaged team queue (start page)."""
    from django.conf import settings

    from deventer_werk.dates import today

    from .reviews import reviews_neem as neem

    require(request.user, rules.START_HANDHAVING)
    dagdoel = settings.DW_HANDHAVING_DAGDOEL
    try:
        aantal = int(request.POST.get("aantal", dagdoel))
    except (TypeError, ValueError):
        aantal = dagdoel
    n = neem(handhaver=request.user, aantal=aantal, vandaag=today())
    if n:
        messages.success(request, f"{n} onderzoek(en) uit de teamwachtrij staan nu op uw naam.")
    else:
        messages.info(request, "De teamwachtrij is leeg: er is niets te verdelen.")
    return redirect("begeleiding:werkvoorraad")
