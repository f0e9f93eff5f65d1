from django import forms

from clients.constants import (
    Commitment,
    GedeeldOnderwerp,
    GroeienKenmerk,
    Huisbezoek,
    Leefgebied,
    Uitstroomreden,
)
from deventer_werk.access import gebruikers_met
from deventer_werk.accounts.models import User
from deventer_werk.forms import DateInput, Form, MedewerkerKeuze
from klantgroepen.models import Klantgroep

from ..intake.models import Netwerkpartner
from . import rules
from .models import Minimaregeling, PlanActie, Voortgangsgesprek

DOELEN = 3
ONGEWIJZIGD = "Ongewijzigd"
ACTIES_PER_DOEL = 3


class PlanForm(Form):
    """A plan of up to three goals with up to three small, concrete actions each."""

    vastgesteld_op = forms.DateField(label="Besproken en vastgesteld op", widget=DateInput())
    toelichting = forms.CharField(
        label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    gebaseerd_op_versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, client, *args, vorige=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial["gebaseerd_op_versie"] = vorige.versie if vorige else 0
        if vorige is not None:
            for i, doel in enumerate(list(vorige.doelen.all())[:DOELEN]):
                initial[f"doel{i}_leefgebied"] = doel.leefgebied
                initial[f"doel{i}_omschrijving"] = doel.omschrijving
                for j, actie in enumerate(list(doel.acties.all())[:ACTIES_PER_DOEL]):
                    for veld in ("omschrijving", "eigenaar", "deadline", "status"):
                        initial[f"doel{i}_actie{j}_{veld}"] = getattr(actie, veld)
        super().__init__(*args, **kwargs)
        for i in range(DOELEN):
            nr = i + 1
            self.fields[f"doel{i}_leefgebied"] = forms.ChoiceField(
                label=f"Doel {nr}: leefgebied",
                required=False,
                choices=[("", "—")] + list(Leefgebied.choices),
            )
            self.fields[f"doel{i}_omschrijving"] = forms.CharField(
                label=f"Doel {nr}", required=False, max_length=300
            )
            for j in range(ACTIES_PER_DOEL):
                a = f"doel{i}_actie{j}"
                self.fields[f"{a}_omschrijving"] = forms.CharField(
                    label=f"Doel {nr}, actie {j + 1}", required=False, max_length=300
                )
                self.fields[f"{a}_eigenaar"] = forms.ChoiceField(
                    label=f"Doel {nr}, actie {j + 1}: wie",
                    required=False,
                    choices=[("", "—"), *PlanActie.Eigenaar.choices],
                )
                self.fields[f"{a}_deadline"] = forms.DateField(
                    label=f"Doel {nr}, actie {j + 1}: uiterlijk", required=False, widget=DateInput()
                )
                self.fields[f"{a}_status"] = forms.ChoiceField(
                    label=f"Doel {nr}, actie {j + 1}: status",
                    required=False,
                    choices=PlanActie.Status.choices,
                )

    def clean(self):
        data = super().clean()
        for i in range(DOELEN):
            heeft_doel = bool(data.get(f"doel{i}_omschrijving"))
            if heeft_doel and not data.get(f"doel{i}_leefgebied"):
                self.add_error(f"doel{i}_leefgebied", "Kies het leefgebied van dit doel.")
            for j in range(ACTIES_PER_DOEL):
                a = f"doel{i}_actie{j}"
                if data.get(f"{a}_omschrijving"):
                    if not heeft_doel:
                        self.add_error(f"doel{i}_omschrijving", "Een actie hoort bij een doel.")
                    if not data.get(f"{a}_deadline"):
                        self.add_error(f"{a}_deadline", "Geef een deadline.")
                    if not data.get(f"{a}_eigenaar"):
                        self.add_error(f"{a}_eigenaar", "Kies wie deze actie uitvoert.")
        return data

    def doelen(self):
        from .services import DoelInvoer

        result = []
        for i in range(DOELEN):
            if not self.cleaned_data.get(f"doel{i}_omschrijving"):
                continue
            acties = []
            for j in range(ACTIES_PER_DOEL):
                a = f"doel{i}_actie{j}"
                if self.cleaned_data.get(f"{a}_omschrijving"):
                    acties.append(
                        {
                            "omschrijving": self.cleaned_data[f"{a}_omschrijving"],
                            "eigenaar": self.cleaned_data[f"{a}_eigenaar"],
                            "deadline": self.cleaned_data[f"{a}_deadline"],
                            "status": self.cleaned_data[f"{a}_status"] or "open",
                        }
                    )
            result.append(
                DoelInvoer(
                    self.cleaned_data[f"doel{i}_leefgebied"],
                    self.cleaned_data[f"doel{i}_omschrijving"],
                    acties,
                )
            )
        return result


class VoortgangsgesprekForm(Form):
    verplicht_bij = {
        "nieuwe_klantgroep": "bij “Nee, wijzigen”",
        "geadviseerde_klantgroep": "bij “Nee, wijzigen”",
        "reden_groepswijziging": "bij “Nee, wijzigen”",
    }
    datum = forms.DateField(label="Datum gesprek", widget=DateInput())
    plek = forms.ChoiceField(
        label="Plek", choices=Voortgangsgesprek.Plek.choices, widget=forms.RadioSelect
    )
    dwt_coach = MedewerkerKeuze(
        label="Met werkcoach van DWT", required=False, queryset=User.objects.none()
    )
    welzijn = forms.TypedChoiceField(
        label="Hoe gaat het met de klant? (1 slecht – 5 goed)",
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
    )
    stress = forms.TypedChoiceField(
        label="Ervaren stress (1 weinig – 5 veel)",
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
    )
    leefsituatie = forms.CharField(
        label="Leefsituatie", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    inkomenssituatie = forms.CharField(
        label="Inkomenssituatie", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    minimaregelingen_gebruikt = forms.ModelMultipleChoiceField(
        label="Minimaregelingen in gebruik",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=Minimaregeling.objects.filter(actief=True),
    )
    minimaregelingen_geadviseerd = forms.ModelMultipleChoiceField(
        label="Minimaregelingen geadviseerd",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=Minimaregeling.objects.filter(actief=True),
    )
    schuldsignaal = forms.BooleanField(label="Er zijn signalen van schulden", required=False)
    gedeeld_met_dwt = forms.MultipleChoiceField(
        label="Wat deelt de klant met de werkcoach van DWT voor het plan?",
        required=False,
        choices=GedeeldOnderwerp.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Alleen wat de klant daarvoor toestemming geeft; niets aangevinkt: de "
        "werkcoach ziet alleen dat het gesprek er was. Inkomen, minimaregelingen en het "
        "verslag blijven altijd bij Inkomensondersteuning.",
    )
    verwezen_naar = forms.ModelChoiceField(
        label="Verwezen naar", required=False, queryset=Netwerkpartner.objects.filter(actief=True)
    )
    juiste_groep = forms.TypedChoiceField(
        label="Zit de klant nog in de juiste klantgroep?",
        coerce=lambda v: v == "ja",
        choices=[("ja", "Ja"), ("nee", "Nee, wijzigen")],
        widget=forms.RadioSelect,
    )
    nieuwe_klantgroep = forms.ModelChoiceField(
        label="Nieuwe klantgroep (keuze van de klant)",
        required=False,
        queryset=Klantgroep.objects.all(),
    )
    geadviseerde_klantgroep = forms.ModelChoiceField(
        label="Uw advies over de klantgroep", required=False, queryset=Klantgroep.objects.all()
    )
    reden_groepswijziging = forms.CharField(
        label="Reden groepswijziging", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    rechtmatigheid_getoetst = forms.BooleanField(label="Rechtmatigheid getoetst", required=False)
    rechtmatigheid_bevinding = forms.ChoiceField(
        label="Bevinding rechtmatigheid",
        choices=[("", "Kies een bevinding"), *Voortgangsgesprek.Bevinding.choices],
        error_messages={"required": "Kies de bevinding over de rechtmatigheid."},
    )
    rechtmatigheid_niet_reden = forms.CharField(
        label="Reden rechtmatigheid niet getoetst",
        help_text=(
            "Verplicht voor Groeien en Zorgen als de rechtmatigheid niet is getoetst; er "
            "wordt dan een apart rechtmatigheidsonderzoek gepland."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    rechtmatigheid_reden = forms.CharField(
        label="Wat moet nader onderzocht worden?",
        help_text="Verplicht bij “Nader onderzoek nodig”: de handhaver krijgt dit als taak.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    verslag = forms.CharField(
        label="Verslag", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    # Updates of what the ambitiegesprek recorded (issue 27 part 3); empty: unchanged.
    huisbezoek = forms.ChoiceField(
        label="Staat de klant (nu) open voor een huisbezoek?",
        required=False,
        choices=[("", ONGEWIJZIGD), *[c for c in Huisbezoek.choices if c[0]]],
    )
    commitment = forms.ChoiceField(
        label="Afspraak = afspraak: commitment aan het plan",
        required=False,
        choices=[("", ONGEWIJZIGD), *[c for c in Commitment.choices if c[0]]],
    )
    afspraak_getekend_op = forms.DateField(
        label="Afspraak = afspraak getekend op",
        required=False,
        widget=DateInput(),
        help_text="Verplicht als de klant nu tekent; niet vóór dit gesprek",
    )
    commitment_reden = forms.CharField(
        label="Reden geweigerd",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht als de klant weigert te tekenen",
    )
    kenmerken_bijwerken = forms.BooleanField(
        label="Kenmerken Groeien bijwerken",
        required=False,
        help_text="Aanvinken om de kenmerken hieronder vast te leggen, ook als er geen meer "
        "van toepassing is; niets aangevinkt: ongewijzigd",
    )
    groeien_kenmerken = forms.MultipleChoiceField(
        label="Kenmerken Groeien",
        required=False,
        choices=GroeienKenmerk.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dwt_coach"].queryset = gebruikers_met(rules.DWT_COACH)

    def kenmerken(self) -> list[str] | None:
        """The kenmerken to record, or None: unchanged (nothing ticked, no update asked)."""
        gekozen = list(self.cleaned_data.get("groeien_kenmerken") or [])
        if gekozen or self.cleaned_data.get("kenmerken_bijwerken"):
            return gekozen
        return None


class UitstroomForm(Form):
    einddatum = forms.DateField(label="Laatste dag uitkering", widget=DateInput())
    reden = forms.ChoiceField(
        label="Reden uitstroom",
        choices=[("", "—")]
        + [c for c in Uitstroomreden.choices if c[0] != Uitstroomreden.GEEN_RECHT],
    )
    toelichting = forms.CharField(
        label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)


def _plan_groepen(self):
    """The goal fields grouped for the template: per goal its fields and its action rows."""
    return [
        {
            "nr": i + 1,
            "leefgebied": self[f"doel{i}_leefgebied"],
            "omschrijving": self[f"doel{i}_omschrijving"],
            "acties": [
                [
                    self[f"doel{i}_actie{j}_{veld}"]
                    for veld in ("omschrijving", "eigenaar", "deadline", "status")
                ]
                for j in range(ACTIES_PER_DOEL)
            ],
        }
        for i in range(DOELEN)
    ]


PlanForm.groepen = _plan_groepen
