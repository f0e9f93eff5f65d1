from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from deventer_werk.accounts.constants import Rol
from deventer_werk.forms import DateInput, Form

from .indicators import clienten_per_klantgroep


class PeildatumForm(Form):
    peildatum = forms.DateField(label="Peildatum", widget=DateInput(), required=False)


@login_required
def dashboard(request):
    """Aggregates only: no personal data reaches this page."""
    if not request.user.heeft_rol(Rol.BELEIDSMEDEWERKER, Rol.BEHEERDER):
        raise PermissionDenied
    form = PeildatumForm(request.GET or None)
    peildatum = timezone.localdate()
    if form.is_valid() and form.cleaned_data["peildatum"]:
        peildatum = form.cleaned_data["peildatum"]
    rijen = clienten_per_klantgroep(peildatum=peildatum)
    drempel = settings.DW_SMALL_COUNT_THRESHOLD
    for rij in rijen:
        rij["onderdrukt"] = 0 < rij["aantal"] < drempel
    totaal = sum(r["aantal"] for r in rijen)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "form": form,
            "peildatum": peildatum,
            "rijen": rijen,
            "totaal": totaal,
            "drempel": drempel,
        },
    )
