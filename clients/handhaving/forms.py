from django import forms

from deventer_werk.forms import DateInput, Form

from .models import (
    STRIKTE_UITKOMSTEN,
    Bevinding,
    ChecklistPunt,
    Samenloopsignaal,
    Selectiereden,
    Uitkomst,
)


class OnderzoekStartForm(Form):
    selectiereden = forms.ChoiceField(
        label="Waarom geselecteerd", choices=Selectiereden.choices, widget=forms.RadioSelect
    )
    selectie_toelichting = forms.CharField(
        label="Toelichting selectie", required=False, max_length=300
    )
    gestart_op = forms.DateField(label="Gestart op", widget=DateInput())

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)


class StukkenForm(Form):
    omschrijving = forms.CharField(
        label="Welke stukken moet de klant aanleveren?", widget=forms.Textarea(attrs={"rows": 3})
    )
    hersteltermijn = forms.DateField(
        label="Hersteltermijn tot en met",
        widget=DateInput(),
        help_text="De laatste dag waarop de klant de stukken kan aanleveren",
    )

    def __init__(self, client, *args, onderzoek=None, **kwargs):
        super().__init__(*args, **kwargs)


class OnderzoekBesluitForm(Form):
    verplicht_bij = {
        "gevolgen_strikte_uitkomst": "bij de bevinding “onrechtmatig”",
        "uitvoeren_uiterlijk": "bij herstel, terugvordering, boete, stopzetting of een maatregel",
    }
    documenten_ontvangen_op = forms.DateField(
        label="Documenten ontvangen op", required=False, widget=DateInput()
    )
    checklist = forms.TypedMultipleChoiceField(
        label="Checklist: wat is nagegaan?",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    bevinding = forms.ChoiceField(
        label="Juridische bevinding", choices=Bevinding.choices, widget=forms.RadioSelect
    )
    gevolgen_strikte_uitkomst = forms.CharField(
        label="Wat zou de strikte juridische uitkomst voor de klant betekenen?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bijvoorbeeld: stopzetten leidt tot huurachterstand en huisuitzetting",
    )
    risico_huisuitzetting = forms.BooleanField(label="Risico op huisuitzetting", required=False)
    kinderen_betrokken = forms.BooleanField(label="Kinderen betrokken", required=False)
    uitkomsten = forms.MultipleChoiceField(
        label="Gekozen uitkomsten",
        choices=Uitkomst.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Meer uitkomsten tegelijk kan, bijvoorbeeld terugvordering en boete; "
        "“geen gevolgen” staat alleen",
    )
    motivatie = forms.CharField(
        label="Motivatie: passen de uitkomsten bij het doel van de wet?",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    besloten_op = forms.DateField(label="Besloten op", widget=DateInput())
    uitvoeren_uiterlijk = forms.DateField(
        label="Uitvoeren door Inkomensondersteuning uiterlijk",
        required=False,
        widget=DateInput(),
        help_text=(
            "Bij herstel, terugvordering, boete, stopzetting of een maatregel: de "
            "inkomensconsulent krijgt de uitvoering van alle uitkomsten als één taak op deze datum"
        ),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, client, *args, onderzoek=None, **kwargs):
        kwargs.setdefault("initial", {})["versie"] = onderzoek.versie if onderzoek else 1
        super().__init__(*args, **kwargs)
        self.fields["checklist"].choices = [
            (p.pk, p.tekst) for p in ChecklistPunt.objects.filter(actief=True)
        ]

    def service_data(self) -> dict:
        """The cleaned data as ``onderzoek_besluit`` takes it."""
        data = dict(self.cleaned_data)
        data["omgekeerde_toetsen"] = {u: data.pop(f"toets_{u}", "") for u in STRIKTE_UITKOMSTEN}
        return data


def _toets_veld(uitkomst: str) -> forms.CharField:
    return forms.CharField(
        label=f"Omgekeerde toets bij {Uitkomst(uitkomst).label.lower()}",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht bij deze uitkomst: wat betekent zij voor de klant, en past zij "
        "bij het doel van de wet?",
    )


# the omgekeerde toets per strict outcome, right after the outcomes (one field per outcome,
# so that a missing toets is reported at its own field)
_velden = list(OnderzoekBesluitForm.base_fields.items())
_plek = [n for n, _ in _velden].index("uitkomsten") + 1
OnderzoekBesluitForm.base_fields = dict(
    _velden[:_plek] + [(f"toets_{u}", _toets_veld(u)) for u in STRIKTE_UITKOMSTEN] + _velden[_plek:]
)


class SamenloopForm(Form):
    soort = forms.ChoiceField(
        label="Soort signaal", choices=[("", "Kies…"), *Samenloopsignaal.Soort.choices]
    )
    ontvangen_op = forms.DateField(label="Ontvangen op", widget=DateInput())
    omschrijving = forms.CharField(
        label="Omschrijving", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, client, *args, **kwargs):
        super().__init__(*args, **kwargs)


class TriageForm(Form):
    triage = forms.ChoiceField(
        label="Triage", choices=Samenloopsignaal.Triage.choices, widget=forms.RadioSelect
    )
    toelichting = forms.CharField(label="Toelichting", required=False, max_length=1000)
