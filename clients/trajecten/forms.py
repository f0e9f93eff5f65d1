from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from clients.constants import Wijk
from deventer_werk.forms import DateInput, Form
from klantgroepen.models import Klantgroep

from .models import (
    Aanbieder,
    Instrument,
    Participatieplek,
    Plaatsing,
    Sector,
    Themabijeenkomst,
    Traject,
    Werkgever,
)


class TrajectForm(Form):
    instrument = forms.ModelChoiceField(
        label="Instrument", queryset=Instrument.objects.filter(actief=True)
    )
    aanbieder = forms.ModelChoiceField(label="Aanbieder", queryset=Aanbieder.objects.all())
    sector = forms.ModelChoiceField(label="Sector", required=False, queryset=Sector.objects.all())
    start = forms.DateField(label="Start", widget=DateInput(), initial=timezone.localdate)
    gepland_einde = forms.DateField(
        label="Gepland einde",
        required=False,
        widget=DateInput(),
        help_text="Leeg: de standaardduur van het instrument",
    )
    loonwaarde = forms.IntegerField(
        label="Loonwaarde (%)", required=False, help_text="Alleen bij loonkostensubsidie"
    )
    herbeoordeling_op = forms.DateField(
        label="Herbeoordeling loonwaarde", required=False, widget=DateInput()
    )
    afwijking_reden = forms.CharField(
        label="Reden om af te wijken van de klantgroep",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Alleen nodig als het instrument niet voor de klantgroep van de klant is",
    )

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)


class TrajectEindeForm(Form):
    einde = forms.DateField(label="Einddatum", widget=DateInput(), initial=timezone.localdate)
    resultaat = forms.ChoiceField(
        label="Resultaat", choices=Traject.Resultaat.choices, widget=forms.RadioSelect
    )
    reden = forms.CharField(
        label="Reden voortijdig einde", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, client, *args, traject=None, **kwargs):
        kwargs.setdefault("initial", {})["versie"] = traject.versie if traject else 1
        super().__init__(*args, **kwargs)


class PlaatsingForm(Form):
    werkgever = forms.ModelChoiceField(label="Werkgever", queryset=Werkgever.objects.all())
    functie = forms.CharField(label="Functie", max_length=150)
    uren = forms.IntegerField(label="Uren per week", min_value=1, max_value=60)
    contract = forms.ChoiceField(label="Contract", choices=Plaatsing.Contract.choices)
    start = forms.DateField(label="Startdatum", widget=DateInput(), initial=timezone.localdate)
    met_loonkostensubsidie = forms.BooleanField(label="Met loonkostensubsidie", required=False)
    loonwaarde = forms.IntegerField(label="Loonwaarde (%)", required=False)
    verdringing_motivatie = forms.CharField(
        label="Motivatie bij verdringingsrisico",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Nodig als de werkgever recent mensen om bedrijfseconomische redenen ontsloeg",
    )
    uitkering_beeindigen = forms.BooleanField(
        label="De uitkering stopt door deze plaatsing", required=False
    )
    laatste_uitkeringsdag = forms.DateField(
        label="Laatste dag uitkering", required=False, widget=DateInput()
    )

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)


class PlekForm(Form):
    plek = forms.ModelChoiceField(
        label="Participatieplek", queryset=Participatieplek.objects.filter(actief=True)
    )
    start = forms.DateField(label="Start", widget=DateInput(), initial=timezone.localdate)

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if client.wijk:  # places in the client's own wijk first
            self.fields["plek"].queryset = (
                self.fields["plek"]
                .queryset.annotate(
                    eigen_wijk=Case(
                        When(wijk=client.wijk, then=Value(0)),
                        default=Value(1),
                        output_field=IntegerField(),
                    )
                )
                .order_by("eigen_wijk", "organisatie")
            )


class WerkgeverForm(Form):
    naam = forms.CharField(label="Naam", max_length=150)
    sector = forms.ModelChoiceField(label="Sector", queryset=Sector.objects.all())
    omvang = forms.ChoiceField(label="Omvang", choices=Werkgever.Omvang.choices)
    contactpersoon = forms.CharField(label="Contactpersoon", max_length=150, required=False)
    telefoon = forms.CharField(label="Telefoon", max_length=30, required=False)
    email = forms.EmailField(label="E-mail", required=False)


class ThemabijeenkomstForm(Form):
    type = forms.ChoiceField(
        label="Soort", choices=Themabijeenkomst.Type.choices, widget=forms.RadioSelect
    )
    onderwerp = forms.CharField(label="Onderwerp", max_length=200)
    datum = forms.DateField(label="Datum", widget=DateInput())
    tijd = forms.TimeField(label="Tijd", widget=forms.TimeInput(attrs={"type": "time"}))
    plaats = forms.CharField(label="Plaats", max_length=200)
    sector = forms.ModelChoiceField(
        label="Sector (branchegericht)", required=False, queryset=Sector.objects.all()
    )
    wijk = forms.ChoiceField(
        label="Wijk (wijkgericht)", required=False, choices=[("", "—"), *Wijk.choices]
    )
    klantgroepen = forms.ModelMultipleChoiceField(
        label="Voor klantgroepen",
        widget=forms.CheckboxSelectMultiple,
        queryset=Klantgroep.objects.all(),
    )

    def clean(self):
        data = super().clean()
        if data.get("type") == "branchegericht" and not data.get("sector"):
            self.add_error("sector", "Kies de sector van deze branchegerichte bijeenkomst.")
        if data.get("type") == "wijkgericht" and not data.get("wijk"):
            self.add_error("wijk", "Kies de wijk van deze wijkgerichte bijeenkomst.")
        return data
