"""The beheerder's page to transfer a caseload in bulk (no client names are shown)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from deventer_werk.access import may
from deventer_werk.accounts.constants import Organisatie
from deventer_werk.accounts.models import User
from deventer_werk.forms import Form, MedewerkerKeuze
from klantgroepen.models import Klantgroep

from . import rules
from .constants import Wijk
from .overdracht import caseload_draag_over, zonder_eigenaar_per_organisatie


def _medewerkers():
    return User.objects.filter(
        is_active=True, organisatie__in=[Organisatie.IO, Organisatie.DWT]
    ).order_by("organisatie", "last_name", "first_name")


class OverdrachtForm(Form):
    van = MedewerkerKeuze(label="Van medewerker", queryset=User.objects.none())
    naar = MedewerkerKeuze(
        label="Naar medewerker",
        queryset=User.objects.none(),
        required=False,
        help_text="Leeg: de klanten gaan naar de teamwachtrij van de organisatie.",
    )
    klantgroep = forms.ChoiceField(label="Alleen klantgroep", required=False)
    wijk = forms.ChoiceField(
        label="Alleen wijk", required=False, choices=[("", "Alle"), *Wijk.choices]
    )
    reden = forms.CharField(label="Reden", max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["van"].queryset = _medewerkers()
        self.fields["naar"].queryset = _medewerkers()
        self.fields["klantgroep"].choices = [
            ("", "Alle"),
            *Klantgroep.objects.order_by("volgorde").values_list("code", "naam"),
        ]


def mag_overdragen(user) -> bool:
    """Beheerder (a teamleider role does not exist yet): ``clients.caseload_overdragen``."""
    return may(user, rules.CASELOAD_OVERDRAGEN)


@login_required
@require_http_methods(["GET", "POST"])
def caseload_overdracht(request):
    if not mag_overdragen(request.user):
        raise PermissionDenied
    form = OverdrachtForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            uitkomst = caseload_draag_over(
                actor=request.user,
                van=data["van"],
                naar=data["naar"],
                reden=data["reden"],
                klantgroep=data["klantgroep"],
                wijk=data["wijk"],
            )
        except ValidationError as exc:
            for veld, fouten in exc.message_dict.items():
                for fout in fouten:
                    form.add_error(veld if veld in form.fields else None, fout)
        else:
            messages.success(
                request,
                f"{uitkomst.klanten} klanten en {uitkomst.taken} open taken overgedragen.",
            )
            return redirect("clients:caseload_overdracht")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "clients/caseload_overdracht.html",
        {"form": form, "zonder_eigenaar": zonder_eigenaar_per_organisatie()},
        status=status,
    )
