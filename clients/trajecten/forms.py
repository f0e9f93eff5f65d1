"""Forms of the trajecten pages: they parse input; the rules live in the services."""

from django import forms
from django.db.models import Case, IntegerField, Value, When

from clients.constants import Wijk
from deventer_werk.forms import DateInput, Form, TimeInput
from klantgroepen.models import Klantgroep

from .models import (
    Aanbieder,
    Instrument,
    Participatieplek,
    Plaatsing,
    Sector,
    Themabijeenkomst,
    Traject,
    Vacature,
    Werkgever,
)
from .services import NAZORG_MAANDEN

AFWIJKING_HELP = (
    "Alleen nodig als het instrument niet bedoeld is voor de klantgroep van de klant; "
    "de reden wordt bij het traject bewaard"
)


def _reden(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=help_text
    )


class TrajectForm(Form):
    instrument = forms.ModelChoiceField(
        label="Instrument", queryset=Instrument.objects.filter(actief=True)
    )
    aanbieder = forms.ModelChoiceField(label="Aanbieder", queryset=Aanbieder.objects.all())
    sector = forms.ModelChoiceField(
        label="Sector",
        required=False,
        queryset=Sector.objects.all(),
        help_text="Bijv. bij een werkleerroute",
    )
    start = forms.DateField(label="Start", widget=DateInput())
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
    afwijking_reden = _reden("Reden om af te wijken van de klantgroep", AFWIJKING_HELP)

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)


class TrajectEindeForm(Form):
    einde = forms.DateField(label="Einddatum", widget=DateInput())
    resultaat = forms.ChoiceField(
        label="Resultaat", choices=Traject.Resultaat.choices, widget=forms.RadioSelect
    )
    reden = _reden("Reden voortijdig einde", "Verplicht bij voortijdig beëindigd")
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, client, *args, traject=None, **kwargs):
        kwargs.setdefault("initial", {})["versie"] = traject.versie if traject else 1
        super().__init__(*args, **kwargs)


class LoonwaardeForm(Form):
    datum = forms.DateField(label="Datum beoordeling", widget=DateInput())
    loonwaarde = forms.IntegerField(label="Loonwaarde (%)")
    volgende_herbeoordeling = forms.DateField(
        label="Volgende herbeoordeling", required=False, widget=DateInput()
    )
    toelichting = _reden("Toelichting")

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)


class PlaatsingForm(Form):
    werkgever = forms.ModelChoiceField(
        label="Werkgever",
        queryset=Werkgever.objects.all(),
        error_messages={"required": "Kies de werkgever; een plaatsing zonder werkgever kan niet."},
    )
    vacature = forms.ModelChoiceField(
        label="Vacature",
        queryset=Vacature.objects.filter(open=True).select_related("werkgever"),
        required=False,
        help_text="Als de plaatsing een vacature vervult; die wordt dan gesloten",
    )
    functie = forms.CharField(label="Functie", max_length=150)
    uren = forms.IntegerField(label="Uren per week")
    contract = forms.ChoiceField(
        label="Contract", choices=[("", "Kies…"), *Plaatsing.Contract.choices]
    )
    start = forms.DateField(label="Startdatum", widget=DateInput())
    met_loonkostensubsidie = forms.BooleanField(label="Met loonkostensubsidie", required=False)
    loonwaarde = forms.IntegerField(
        label="Loonwaarde (%)", required=False, help_text="Alleen bij loonkostensubsidie"
    )
    herbeoordeling_op = forms.DateField(
        label="Herbeoordeling loonwaarde",
        required=False,
        widget=DateInput(),
        help_text="Leeg: 12 maanden na de start",
    )
    afwijking_reden = _reden(
        "Reden om loonkostensubsidie buiten de klantgroep in te zetten", AFWIJKING_HELP
    )
    verdringing_motivatie = _reden(
        "Motivatie bij verdringingsrisico",
        "Nodig als de werkgever recent mensen om bedrijfseconomische redenen ontsloeg",
    )
    uitkering_beeindigen = forms.BooleanField(
        label="Stel de inkomensconsulent voor de uitkering te beëindigen (uitstroom naar werk)",
        required=False,
        help_text="De inkomensconsulent beslist; tot dat besluit loopt de uitkering door",
    )
    laatste_uitkeringsdag = forms.DateField(
        label="Voorgestelde laatste dag uitkering",
        required=False,
        widget=DateInput(),
        help_text="Niet vóór de startdatum van de plaatsing",
    )

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)


class NazorgForm(Form):
    maanden = forms.TypedChoiceField(label="Nazorgmoment", coerce=int, widget=forms.RadioSelect)
    datum = forms.DateField(label="Datum contact", widget=DateInput())
    werkt_nog = forms.TypedChoiceField(
        label="Werkt de klant nog bij deze werkgever?",
        choices=[("ja", "Ja"), ("nee", "Nee")],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    uit_dienst_per = forms.DateField(
        label="Uit dienst per", required=False, widget=DateInput(), help_text="Alleen bij nee"
    )
    toelichting = _reden("Toelichting", "Verplicht als de klant niet meer werkt")

    def __init__(self, *args, open_momenten=NAZORG_MAANDEN, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maanden"].choices = [(m, f"Na {m} maanden") for m in open_momenten]


class PlekForm(Form):
    plek = forms.ModelChoiceField(
        label="Participatieplek", queryset=Participatieplek.objects.filter(actief=True)
    )
    start = forms.DateField(label="Start", widget=DateInput())
    afwijking_reden = _reden(
        "Reden om af te wijken van de klantgroep",
        "Alleen nodig als deze soort plek niet bedoeld is voor de klantgroep van de klant",
    )

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


class PlekEindeForm(Form):
    einde = forms.DateField(label="Einddatum", widget=DateInput())
    reden = _reden("Reden")

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)


class ParticipatieplekForm(Form):
    organisatie = forms.CharField(label="Organisatie", max_length=150)
    omschrijving = forms.CharField(label="Wat doet de deelnemer?", max_length=200)
    soort = forms.ChoiceField(label="Soort", choices=Participatieplek.Soort.choices)
    wijk = forms.ChoiceField(label="Wijk", choices=Wijk.choices)
    plaatsen = forms.IntegerField(label="Aantal plaatsen", min_value=1, max_value=500, initial=1)


class WerkprofielForm(Form):
    sectoren = forms.ModelMultipleChoiceField(
        label="Interesse in sectoren",
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    competenties = forms.CharField(
        label="Competenties",
        max_length=500,
        required=False,
        help_text=(
            "Wat de klant kan, kommagescheiden (geen diploma's), bijv. 'klantgericht, rijbewijs B'"
        ),
    )
    uren_beschikbaar = forms.IntegerField(label="Uren beschikbaar per week")
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, client, *args, profiel=None, sectoren=(), **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial["versie"] = profiel.versie if profiel else 0
        if profiel:
            initial.update(
                competenties=profiel.competenties,
                uren_beschikbaar=profiel.uren_beschikbaar,
                sectoren=list(sectoren),
            )
        super().__init__(*args, **kwargs)


class WerkgeverForm(Form):
    naam = forms.CharField(label="Naam", max_length=150)
    sector = forms.ModelChoiceField(label="Sector", queryset=Sector.objects.all())
    omvang = forms.ChoiceField(label="Omvang", choices=Werkgever.Omvang.choices)
    contactpersoon = forms.CharField(label="Contactpersoon", max_length=150, required=False)
    telefoon = forms.CharField(label="Telefoon", max_length=30, required=False)
    email = forms.EmailField(label="E-mail", required=False)


class WerkgeverWijzigForm(WerkgeverForm):
    versie = forms.IntegerField(widget=forms.HiddenInput)


class OntslagForm(Form):
    datum = forms.DateField(label="Datum ontslag", widget=DateInput())
    aantal = forms.IntegerField(label="Aantal medewerkers", min_value=1, max_value=10000)
    functie = forms.CharField(label="Functie(s)", max_length=150, required=False)


class VacatureForm(Form):
    functie = forms.CharField(label="Functie", max_length=150)
    sector = forms.ModelChoiceField(label="Sector", queryset=Sector.objects.all())
    uren = forms.IntegerField(label="Uren per week", min_value=1, max_value=60)
    competenties = forms.CharField(
        label="Gevraagde competenties",
        max_length=500,
        help_text="Kommagescheiden; vraag naar wat iemand kan, niet naar diploma's",
    )
    geplaatst_op = forms.DateField(label="Geplaatst op", widget=DateInput())


class ThemabijeenkomstForm(Form):
    type = forms.ChoiceField(
        label="Soort", choices=Themabijeenkomst.Type.choices, widget=forms.RadioSelect
    )
    onderwerp = forms.CharField(label="Onderwerp", max_length=200)
    datum = forms.DateField(label="Datum", widget=DateInput())
    tijd = forms.TimeField(label="Tijd", widget=TimeInput())
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
        help_text="Branchegericht: Matchen en Groeien; wijkgericht: Faciliteren en Zorgen",
    )


class TrajectFilterForm(Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Alle"), *Traject.Status.choices]
    )
    instrument = forms.ModelChoiceField(
        label="Instrument", required=False, queryset=Instrument.objects.all(), empty_label="Alle"
    )
    alle = forms.BooleanField(
        label="Ook trajecten van klanten die niet de mijne zijn", required=False
    )


class UitkeringseindeForm(Form):
    """The inkomensconsulent's decision on a proposed end of the benefit (or a correction)."""

    beeindigen = forms.TypedChoiceField(
        label="Besluit",
        choices=[
            ("ja", "De uitkering stopt: uitstroom naar werk"),
            ("nee", "De uitkering loopt door"),
        ],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    laatste_dag = forms.DateField(
        label="Laatste dag uitkering",
        required=False,
        widget=DateInput(),
        help_text="Alleen bij stoppen; niet vóór de startdatum van de plaatsing",
    )
    toelichting = _reden(
        "Reden of toelichting", "Verplicht als de uitkering doorloopt en bij een correctie"
    )
    versie = forms.IntegerField(widget=forms.HiddenInput())

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)
