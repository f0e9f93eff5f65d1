import datetime

from django import forms
from django.utils import timezone

from clients.constants import (
    GEVOELIGE_LEEFGEBIEDEN,
    URGENTE_SIGNALEN,
    Commitment,
    Feedbackmethode,
    GroeienKenmerk,
    Huisbezoek,
    SignaalSoort,
)
from deventer_werk.access import gebruikers_met
from deventer_werk.accounts.models import User
from deventer_werk.forms import DateInput, Form, MedewerkerKeuze, TimeInput
from klantgroepen.constants import Perspectief
from klantgroepen.models import Klantgroep

from . import rules
from .models import (
    Aanvraag,
    DiagnoseInstrument,
    KickoffUitnodiging,
    Netwerkpartner,
    Screening,
    ScreeningVraag,
)

LADDER_TREDEN = [
    (1, "1 – Geïsoleerd"),
    (2, "2 – Sociale contacten buitenshuis"),
    (3, "3 – Deelname georganiseerde activiteiten"),
    (4, "4 – Onbetaald werk"),
    (5, "5 – Betaald werk met ondersteuning"),
    (6, "6 – Betaald werk"),
]


def keuzes(soort) -> list[tuple[str, str]]:
    """The choices of a TextChoices without its empty value ("niet vastgelegd")."""
    return [c for c in soort.choices if c[0]]


class ScreeningForm(Form):
    datum = forms.DateField(label="Datum screening", widget=DateInput())
    rechtmatigheid = forms.ChoiceField(
        label="Inschatting rechtmatigheid",
        choices=[("", "Kies een inschatting"), *Screening.Inschatting.choices],
        error_messages={"required": "Kies een inschatting van de rechtmatigheid."},
    )
    urgente_signalen = forms.MultipleChoiceField(
        label="Urgente signalen",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(s.value, s.label) for s in SignaalSoort if s in URGENTE_SIGNALEN],
        help_text="Staan bovenaan het dossier en op de werkvoorraad tot ze zijn afgehandeld",
    )
    signaal_toelichting = forms.CharField(
        label="Toelichting signalen", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    verwijzingen = forms.ModelMultipleChoiceField(
        label="Verwezen naar",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=Netwerkpartner.objects.filter(actief=True),
    )
    uitkomst = forms.ChoiceField(
        label="Uitkomst", choices=Screening.Uitkomst.choices, widget=forms.RadioSelect
    )
    afspraak_datum = forms.DateField(
        label="Datum ambitiegesprek", required=False, widget=DateInput()
    )
    afspraak_tijd = forms.TimeField(label="Tijd ambitiegesprek", required=False, widget=TimeInput())
    intaker = MedewerkerKeuze(label="Intaker (DWT)", required=False, queryset=User.objects.none())
    reden_geen_recht = forms.CharField(
        label="Reden geen recht", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    toelichting = forms.CharField(
        label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vragen = list(ScreeningVraag.objects.filter(actief=True))
        for vraag in self.vragen:
            self.fields[f"vraag_{vraag.pk}"] = forms.BooleanField(
                label=vraag.tekst,
                required=False,
                widget=forms.CheckboxInput(
                    attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
                ),
            )
        self.fields["intaker"].queryset = gebruikers_met(rules.INTAKE_UITVOEREN)
        self.order_fields([f"vraag_{v.pk}" for v in self.vragen] + list(self.declared_fields))

    def clean(self):
        data = super().clean()
        if data.get("uitkomst") == Screening.Uitkomst.AFSPRAAK:
            if not data.get("afspraak_datum"):
                self.add_error("afspraak_datum", "Geef de datum van het ambitiegesprek.")
            if not data.get("afspraak_tijd"):
                self.add_error("afspraak_tijd", "Geef de tijd van het ambitiegesprek.")
        return data

    def afspraak_op(self) -> datetime.datetime | None:
        d, t = self.cleaned_data.get("afspraak_datum"), self.cleaned_data.get("afspraak_tijd")
        if d and t:
            return timezone.make_aware(datetime.datetime.combine(d, t))
        return None

    def antwoorden(self) -> dict[str, bool]:
        return {str(v.pk): self.cleaned_data.get(f"vraag_{v.pk}", False) for v in self.vragen}


class AanvraagForm(Form):
    aanvraagdatum = forms.DateField(label="Aanvraagdatum", widget=DateInput())
    documenten_compleet_op = forms.DateField(
        label="Documenten compleet op", required=False, widget=DateInput()
    )

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)


class BesluitForm(Form):
    besluit = forms.ChoiceField(
        label="Besluit", choices=Aanvraag.Besluit.choices, widget=forms.RadioSelect
    )
    besluitdatum = forms.DateField(label="Besluitdatum", widget=DateInput())
    reden = forms.CharField(
        label="Motivering",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij afwijzing",
    )
    documenten_compleet_op = forms.DateField(
        label="Documenten compleet op",
        required=False,
        widget=DateInput(),
        help_text="Leeg laten als dit al is vastgelegd bij de aanvraag",
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, client, *args, aanvraag=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial["versie"] = aanvraag.versie if aanvraag else 1
        if aanvraag is not None and aanvraag.documenten_compleet_op:
            initial["documenten_compleet_op"] = aanvraag.documenten_compleet_op
        super().__init__(*args, **kwargs)


class AmbitiegesprekForm(Form):
    datum = forms.DateField(label="Datum gesprek", widget=DateInput())
    leefgebieden_toelichting = forms.CharField(
        label="Bespreking leefgebieden", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    gedeelde_leefgebieden = forms.MultipleChoiceField(
        label="Welke leefgebieden deelt de klant met de werkcoach voor het plan?",
        required=False,
        choices=[(g.value, g.label) for g in GEVOELIGE_LEEFGEBIEDEN],
        widget=forms.CheckboxSelectMultiple,
        help_text="Werk en dagbesteding en taal en vaardigheden ziet de werkcoach altijd; de "
        "andere alleen met toestemming van de klant. Niets aangevinkt: geen.",
    )
    participatieladder = forms.TypedChoiceField(
        label="Trede participatieladder",
        coerce=int,
        choices=[("", "Kies een trede"), *LADDER_TREDEN],
    )
    perspectief = forms.ChoiceField(
        label="Wat kan de klant? (conclusie van het gesprek)",
        choices=Perspectief.choices,
        widget=forms.RadioSelect,
        help_text="De beleidsregels lezen dit voor het advies over de klantgroep.",
    )
    gekozen_klantgroep = forms.ModelChoiceField(
        label="Keuze van de klant", queryset=Klantgroep.objects.all()
    )
    geadviseerde_klantgroep = forms.ModelChoiceField(
        label="Uw advies",
        queryset=Klantgroep.objects.all(),
        required=False,
        empty_label="Het advies volgens de beleidsregels",
        help_text="Alleen invullen als u anders adviseert dan de beleidsregels, of als geen "
        "regel van toepassing is.",
    )
    motivatie = forms.CharField(
        label="Motivatie",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht als de keuze van de klant en het advies verschillen, of als u "
        "afwijkt van het advies volgens de beleidsregels",
    )
    rechten_plichten_op = forms.DateField(
        label="Rechten en plichten uitgelegd op", widget=DateInput()
    )
    feedbackmethode = forms.ChoiceField(
        label="Feedbackmethode toegepast?",
        choices=keuzes(Feedbackmethode),
        widget=forms.RadioSelect,
        error_messages={"required": "Kies of de feedbackmethode is toegepast."},
    )
    feedbackmethode_toelichting = forms.CharField(
        label="Toelichting feedbackmethode",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht als de feedbackmethode niet is toegepast: waarom niet?",
    )
    huisbezoek = forms.ChoiceField(
        label="Staat de klant open voor een huisbezoek?",
        choices=keuzes(Huisbezoek),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies of de klant open staat voor een huisbezoek (ja, nee of "
            "niet gevraagd)."
        },
    )
    commitment = forms.ChoiceField(
        label="Afspraak = afspraak: commitment aan het plan",
        choices=keuzes(Commitment),
        widget=forms.RadioSelect,
        error_messages={"required": "Kies of de klant de afspraak heeft getekend of geweigerd."},
    )
    afspraak_getekend_op = forms.DateField(
        label="Afspraak = afspraak getekend op",
        required=False,
        widget=DateInput(),
        help_text="Verplicht als de klant heeft getekend; niet vóór het gesprek",
    )
    commitment_reden = forms.CharField(
        label="Reden geweigerd",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht als de klant weigert te tekenen",
    )
    groeien_kenmerken = forms.MultipleChoiceField(
        label="Kenmerken Groeien",
        required=False,
        choices=GroeienKenmerk.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Vink aan wat van toepassing is (beleid §3.1); niets aanvinken: geen",
    )

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = DiagnoseInstrument.objects.filter(actief=True).first()
        self.vragen = list(self.instrument.vragen.all()) if self.instrument else []
        for vraag in self.vragen:
            self.fields[f"score_{vraag.pk}"] = forms.TypedChoiceField(
                label=f"{vraag.get_leefgebied_display()}: {vraag.tekst}",
                coerce=int,
                choices=self._schaal(vraag),
                widget=forms.RadioSelect,
            )
        self.order_fields(
            ["datum"] + [f"score_{v.pk}" for v in self.vragen] + list(self.declared_fields)
        )

    def _schaal(self, vraag) -> list[tuple[int, str]]:
        """The options in the direction of the question, with words at both ends (issue 29):
        "1 – helemaal niet" … "5 – heel sterk"."""
        laag, hoog = self.instrument.schaal_min, self.instrument.schaal_max
        woorden = {laag: vraag.betekenis_laag, hoog: vraag.betekenis_hoog}
        return [
            (i, f"{i} – {woorden[i]}" if woorden.get(i) else str(i)) for i in range(laag, hoog + 1)
        ]

    def antwoorden(self) -> dict[str, int]:
        """The scores as stored: a reversed question's answer a becomes min + max − a, so that
        every score reads low = grote zorgen … high = gaat goed."""
        return {
            str(v.pk): v.opgeslagen_score(self.cleaned_data[f"score_{v.pk}"], self.instrument)
            for v in self.vragen
        }


class KickoffSessieForm(Form):
    klantgroep = forms.ModelChoiceField(label="Klantgroep", queryset=Klantgroep.objects.all())
    datum = forms.DateField(label="Datum", widget=DateInput())
    tijd = forms.TimeField(label="Tijd", widget=TimeInput())
    plaats = forms.CharField(label="Plaats", max_length=200)
    trainer = MedewerkerKeuze(label="Trainer", queryset=User.objects.none())
    capaciteit = forms.IntegerField(label="Capaciteit", min_value=1, max_value=200, initial=15)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = gebruikers_met(rules.KICKOFF_TRAINEN)


class KickoffBestandForm(Form):
    klantgroep = forms.ModelChoiceField(label="Klantgroep", queryset=Klantgroep.objects.all())
    aantal = forms.IntegerField(
        label="Aantal klanten",
        min_value=1,
        max_value=500,
        initial=20,
        help_text="Nieuwste klanten eerst; per bijeenkomst blijven plaatsen vrij voor nieuwe "
        "klanten (instelling)",
        error_messages={
            "min_value": "Kies een aantal van 1 tot en met 500.",
            "max_value": "Kies een aantal van 1 tot en met 500.",
        },
    )


class AanwezigheidForm(Form):
    """One row of the attendance list; for a present client of Matchen, Groeien or
    Faciliteren optionally the contact person and the date of the first appointment."""

    aanwezigheid = forms.ChoiceField(
        label="Aanwezigheid",
        widget=forms.RadioSelect,
        choices=[c for c in KickoffUitnodiging.Aanwezigheid.choices if c[0]],
        error_messages={"required": "Kies aanwezig, afgemeld of niet verschenen."},
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)
    contactpersoon = forms.ModelChoiceField(
        label="Contactpersoon", required=False, queryset=User.objects.none()
    )
    afspraak_datum = forms.DateField(label="Eerste afspraak", required=False, widget=DateInput())
    afspraak_tijd = forms.TimeField(label="Tijd", required=False, widget=TimeInput())

    def __init__(self, *args, medewerkers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if medewerkers is not None:
            self.fields["contactpersoon"].queryset = medewerkers


class LadderForm(Form):
    datum = forms.DateField(label="Datum", widget=DateInput())
    trede = forms.TypedChoiceField(
        label="Trede participatieladder",
        coerce=int,
        choices=LADDER_TREDEN,
        widget=forms.RadioSelect,
    )

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)
