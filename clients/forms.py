from django import forms
from django.contrib.auth import get_user_model

from deventer_werk import input_hygiene
from deventer_werk.access import gebruikers_met
from deventer_werk.accounts.constants import Organisatie
from deventer_werk.dates import today
from deventer_werk.forms import DateInput, Form, MedewerkerKeuze, ModelForm
from klantgroepen.models import Klantgroep

from .constants import URGENTE_SIGNALEN, VOORSCHOT_MAXIMUM, DirecteHulp
from .models import Client
from .rules import CONTACTPERSOON_ZIJN
from .services import CLIENT_EDITABLE_FIELDS
from .validators import normalize_bsn, validate_bsn


def _no_future(value):
    if value and value > today():
        raise forms.ValidationError("Deze datum kan niet in de toekomst liggen.")
    return value


class ClientForm(ModelForm):
    """Personal details. Used for registering (with BSN and melding) and for editing."""

    class Meta:
        model = Client
        fields = CLIENT_EDITABLE_FIELDS
        widgets = {"geboortedatum": DateInput()}
        help_texts = {"postcode": "Bijvoorbeeld 7411 AB"}

    def clean_geboortedatum(self):
        value = self.cleaned_data.get("geboortedatum")
        if value and value > today():
            raise forms.ValidationError("De geboortedatum kan niet in de toekomst liggen.")
        return value


class ClientRegisterForm(ClientForm):
    bsn = forms.CharField(
        label="BSN",
        max_length=11,
        help_text="9 cijfers; wordt nooit in een webadres getoond",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    melddatum = forms.DateField(label="Melddatum", widget=DateInput())
    startdatum_uitkering = forms.DateField(
        label="Startdatum uitkering",
        required=False,
        widget=DateInput(),
        help_text="Leeg laten als de aanvraag nog loopt",
    )

    field_order = ["bsn", "melddatum", "startdatum_uitkering", *CLIENT_EDITABLE_FIELDS]

    def clean_bsn(self):
        bsn = normalize_bsn(self.cleaned_data["bsn"])
        validate_bsn(bsn)
        return bsn

    def clean_melddatum(self):
        return _no_future(self.cleaned_data.get("melddatum"))


class ClientEditForm(ClientForm):
    versie = forms.IntegerField(widget=forms.HiddenInput)


class ClientZoekForm(Form):
    naam = forms.CharField(label="Naam", required=False, max_length=100)
    geboortedatum = forms.DateField(label="Geboortedatum", required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if not data.get("naam") and not data.get("geboortedatum"):
            raise forms.ValidationError("Vul een naam of een geboortedatum in.")
        return data


class BsnZoekForm(Form):
    bsn = forms.CharField(
        label="BSN",
        max_length=11,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_bsn(self):
        bsn = normalize_bsn(self.cleaned_data["bsn"])
        validate_bsn(bsn)
        return bsn


class GroepsindelingForm(Form):
    """A group change on the klantgroep page (issue 29): the new group is the client's choice
    (policy §3.2 "op voorspraak van de inwoner zelf"), the professional's advice is always
    recorded, and the kind of change follows from the current group (an eerste indeling only
    for a client without one; towards Matchen a doorstroom, the other way a terugval)."""

    verplicht_bij = {"reden": "bij doorstroom of terugval, en als keuze en advies verschillen"}
    klantgroep = forms.ModelChoiceField(
        label="Nieuwe klantgroep (keuze van de klant)",
        queryset=Klantgroep.objects.all(),
        empty_label="Kies…",
    )
    geadviseerde_klantgroep = forms.ModelChoiceField(
        label="Advies professional", queryset=Klantgroep.objects.all(), empty_label="Kies…"
    )
    van = forms.DateField(label="Ingangsdatum", widget=DateInput())
    reden = forms.CharField(
        label="Reden / motivatie", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class GroepCorrectieForm(Form):
    """Correct the latest group change: undo it, or put group and/or date right (issue 29)."""

    verplicht_bij = {
        "klantgroep": "bij 'klantgroep of datum corrigeren'",
        "van": "bij 'klantgroep of datum corrigeren'",
    }
    wijze = forms.ChoiceField(
        label="Wat is er onjuist?",
        choices=[
            ("gewijzigd", "De klantgroep of de ingangsdatum is onjuist vastgelegd"),
            ("ongedaan", "De wijziging had niet mogen plaatsvinden: ongedaan maken"),
        ],
        widget=forms.RadioSelect,
    )
    klantgroep = forms.ModelChoiceField(
        label="Juiste klantgroep",
        queryset=Klantgroep.objects.all(),
        empty_label="Kies…",
        required=False,
    )
    van = forms.DateField(label="Juiste ingangsdatum", widget=DateInput(), required=False)
    reden = forms.CharField(
        label="Reden van de correctie",
        help_text="Blijft zichtbaar in de historie van het dossier.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, ongedaan_mogelijk: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not ongedaan_mogelijk:
            self.fields["wijze"].choices = self.fields["wijze"].choices[:1]


class UitstroomCorrectieForm(Form):
    """Correct the last uitstroom: undo it, or put reason and/or last day right (issue 29)."""

    verplicht_bij = {
        "uitstroomreden": "bij 'reden of einddatum corrigeren'",
        "einddatum": "bij 'reden of einddatum corrigeren'",
    }
    wijze = forms.ChoiceField(
        label="Wat is er onjuist?",
        choices=[
            ("gewijzigd", "De reden of de laatste dag is onjuist vastgelegd"),
            ("ongedaan", "De klant is niet uitgestroomd: de uitkering loopt door"),
        ],
        widget=forms.RadioSelect,
    )
    uitstroomreden = forms.ChoiceField(label="Juiste reden uitstroom", required=False, choices=())
    einddatum = forms.DateField(
        label="Juiste laatste dag uitkering", widget=DateInput(), required=False
    )
    reden = forms.CharField(
        label="Reden van de correctie",
        help_text="Blijft zichtbaar in de historie van het dossier.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        from .constants import Uitstroomreden

        super().__init__(*args, **kwargs)
        self.fields["uitstroomreden"].choices = [("", "—")] + [
            c for c in Uitstroomreden.choices if c[0] != Uitstroomreden.GEEN_RECHT
        ]


class ContactpersoonForm(Form):
    medewerker = MedewerkerKeuze(label="Medewerker", queryset=get_user_model().objects.none())
    van = forms.DateField(label="Vanaf", widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = (
            gebruikers_met(CONTACTPERSOON_ZIJN)
            .filter(organisatie__in=[Organisatie.IO, Organisatie.DWT])
            .order_by("organisatie", "last_name", "first_name")
        )


class BedragField(forms.DecimalField):
    """An amount in euros as people type it: "150", "150,50", "€ 1.250,50" (a comma is the
    decimal separator; with a comma, dots are thousands). Range and cents are the service's
    rule, so page and API give the same message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(localize=False, **kwargs)
        self.error_messages["invalid"] = "Vul een bedrag in euro in, bijvoorbeeld 150,50."
        # the input hygiene's ASCII rule runs below, after the euro sign is taken off
        self._input_hygiene = True

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
            input_hygiene.check_ascii_input(value)
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)


def _directe_hulp_veld(help_text: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Directe hulp",
        widget=forms.RadioSelect,
        required=False,
        choices=[(v, label) for v, label in DirecteHulp.choices if v],
        help_text=help_text,
    )


def _voorschot_bedrag_veld() -> BedragField:
    return BedragField(
        label="Bedrag voorschot (€)",
        required=False,
        help_text="Bijvoorbeeld 150,00; ten hoogste € "
        + f"{VOORSCHOT_MAXIMUM:,}".replace(",", ".")
        + ".",
    )


def _verwezen_naar_veld() -> forms.CharField:
    return forms.CharField(
        label="Verwezen naar",
        required=False,
        max_length=200,
        help_text="Bijvoorbeeld Budget Adviesbureau Deventer, sociaal team, Leger des Heils.",
    )


DIRECTE_HULP_VERPLICHT_BIJ = {
    "voorschot_bedrag": "bij een voorschot",
    "verwezen_naar": "bij een verwijzing",
}


def _directe_hulp_data(form: forms.Form) -> dict:
    data = form.cleaned_data
    return {
        "directe_hulp": data.get("directe_hulp") or "",
        "voorschot_bedrag": data.get("voorschot_bedrag"),
        "verwezen_naar": data.get("verwezen_naar") or "",
    }


class SignaalAfhandelForm(Form):
    afhandeling = forms.CharField(
        label="Hoe is het signaal afgehandeld?", widget=forms.Textarea(attrs={"rows": 3})
    )

    def directe_hulp_data(self) -> dict:
        return {}


class SignaalAfhandelMetHulpForm(SignaalAfhandelForm):
    """Closing an urgent signal without direct help recorded ("nog geen" at the melding, or
    from before it was asked): what was given after all is recorded here."""

    directe_hulp = _directe_hulp_veld(
        "Alleen als er sinds de melding directe hulp is gegeven; anders leeg laten."
    )
    voorschot_bedrag = _voorschot_bedrag_veld()
    verwezen_naar = _verwezen_naar_veld()
    verplicht_bij = DIRECTE_HULP_VERPLICHT_BIJ

    def directe_hulp_data(self) -> dict:
        return _directe_hulp_data(self)


class SignaalMeldForm(Form):
    """Signals a professional raises by hand (the planner and samenloop raise their own)."""

    HANDMATIG = (
        "broodnood",
        "huisuitzetting",
        "schulden",
        "niet_meewerken",
        "meer_mogelijk",
        "overig",
    )

    soort = forms.ChoiceField(label="Soort signaal", widget=forms.RadioSelect, choices=())
    omschrijving = forms.CharField(label="Omschrijving", widget=forms.Textarea(attrs={"rows": 3}))
    directe_hulp = _directe_hulp_veld(
        "Wat is er meteen gedaan? Kies 'Nog geen directe hulp' als dat (nog) niet kon."
    )
    voorschot_bedrag = _voorschot_bedrag_veld()
    verwezen_naar = _verwezen_naar_veld()
    verplicht_bij = {
        "directe_hulp": "bij broodnood, dreigende huisuitzetting of schulden",
        **DIRECTE_HULP_VERPLICHT_BIJ,
    }

    def __init__(self, client, *args, **kwargs):
        from .constants import SignaalSoort

        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [
            (s.value, s.label) for s in SignaalSoort if s.value in self.HANDMATIG
        ]

    def clean(self):
        data = super().clean()
        # The question is asked on this page: an urgent need gets an answer, also "nog geen"
        # (the other rules of direct help are the service's, for page and API alike).
        if data.get("soort") in URGENTE_SIGNALEN and not data.get("directe_hulp"):
            if "directe_hulp" not in self.errors:
                self.add_error(
                    "directe_hulp",
                    "Kies welke directe hulp is gegeven, of 'Nog geen directe hulp'.",
                )
        return data

    def directe_hulp_data(self) -> dict:
        return _directe_hulp_data(self)
