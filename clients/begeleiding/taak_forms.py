"""Forms to finish, reschedule or hand over a task from the werkvoorraad."""

from django import forms

from deventer_werk.accounts.constants import ROL_ORGANISATIE, Rol
from deventer_werk.accounts.models import User
from deventer_werk.forms import DateInput, Form


class TaakAfrondenForm(Form):
    notitie = forms.CharField(
        label="Wat is er gedaan?", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class TaakVerplaatsenForm(Form):
    datum = forms.DateField(label="Nieuwe datum", widget=DateInput())
    reden = forms.CharField(label="Reden", max_length=500)


def teamwachtrijen() -> list[tuple[str, str]]:
    return [
        (f"{rol}/{ROL_ORGANISATIE[rol]}", f"Teamwachtrij {Rol(rol).label.lower()}")
        for rol in (
            Rol.INKOMENSCONSULENT,
            Rol.PARTICIPATIEMAKELAAR,
            Rol.WERKCOACH,
            Rol.INTAKER,
            Rol.HANDHAVER,
            Rol.POORTWACHTER,
        )
    ]


class TaakOverdragenForm(Form):
    naar = forms.ChoiceField(label="Overdragen aan")
    reden = forms.CharField(label="Reden", max_length=200)

    def __init__(self, *args, organisatie: str, **kwargs):
        super().__init__(*args, **kwargs)
        collega = [
            (f"mdw/{u.pk}", str(u))
            for u in User.objects.filter(is_active=True, organisatie=organisatie)
            .exclude(groups=None)
            .order_by("last_name", "first_name", "username")
        ]
        self.fields["naar"].choices = [("", "— kies —"), *collega, *teamwachtrijen()]

    def ontvanger(self) -> dict:
        """{"medewerker": user} or {"rol": ..., "organisatie": ...}."""
        soort, _, waarde = self.cleaned_data["naar"].partition("/")
        if soort == "mdw":
            return {"medewerker": User.objects.get(pk=int(waarde))}
        return {"rol": soort, "organisatie": waarde}
