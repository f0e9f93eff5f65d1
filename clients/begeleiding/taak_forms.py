"""Forms to finish, reschedule or hand over a task from the werkvoorraad."""

from django import forms

from clients.rules import TEAMWACHTRIJEN
from deventer_werk.accounts.constants import ROL_ORGANISATIE, rol_naam
from deventer_werk.accounts.models import User
from deventer_werk.forms import DateInput, Form


class TaakAfrondenForm(Form):
    notitie = forms.CharField(
        label="Wat is er gedaan?", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class TaakVerplaatsenForm(Form):
    datum = forms.DateField(label="Nieuwe datum", widget=DateInput())
    reden = forms.CharField(label="Reden", max_length=500)


def teamwachtrijen(houders: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    return [
        (f"{rol}/{ROL_ORGANISATIE[rol]}", f"Teamwachtrij {rol_naam(rol)}")
        for rol in TEAMWACHTRIJEN
        if houders is None or rol in houders
    ]


class TaakOverdragenForm(Form):
    """Only colleagues and team queues with a role that may hold this kind of work
    (``taak_houders``); the service checks it again."""

    naar = forms.ChoiceField(label="Overdragen aan")
    reden = forms.CharField(label="Reden", max_length=200)

    def __init__(self, *args, organisatie: str, houders: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        collega = [
            (f"mdw/{u.pk}", str(u))
            for u in User.objects.filter(
                is_active=True, organisatie=organisatie, groups__name__in=houders
            )
            .distinct()
            .order_by("last_name", "first_name", "username")
        ]
        self.fields["naar"].choices = [("", "— kies —"), *collega, *teamwachtrijen(houders)]

    def ontvanger(self) -> dict:
        """{"medewerker": user} or {"rol": ..., "organisatie": ...}."""
        soort, _, waarde = self.cleaned_data["naar"].partition("/")
        if soort == "mdw":
            return {"medewerker": User.objects.get(pk=int(waarde))}
        return {"rol": soort, "organisatie": waarde}
