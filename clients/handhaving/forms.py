from django import forms

from deventer_werk.forms import DateInput, Form

from .models import Bevinding, ChecklistPunt, Samenloopsignaal, Selectiereden, Uitkomst


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


class OnderzoekBesluitForm(Form):
    verplicht_bij = {
        "gevolgen_strikte_uitkomst": "bij de bevinding “onrechtmatig”",
        "uitvoeren_uiterlijk": "bij herstel, terugvordering, stopzetting of een maatregel",
    }
    documenten_opgevraagd = forms.CharField(
        label="Opgevraagde documenten", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
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
        label="Omgekeerde toets: wat zou de strikte uitkomst voor de klant betekenen?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bijvoorbeeld: stopzetten leidt tot huurachterstand en huisuitzetting",
    )
    risico_huisuitzetting = forms.BooleanField(label="Risico op huisuitzetting", required=False)
    kinderen_betrokken = forms.BooleanField(label="Kinderen betrokken", required=False)
    uitkomst = forms.ChoiceField(
        label="Gekozen uitkomst", choices=Uitkomst.choices, widget=forms.RadioSelect
    )
    motivatie = forms.CharField(
        label="Motivatie: past de uitkomst bij het doel van de wet?",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    besloten_op = forms.DateField(label="Besloten op", widget=DateInput())
    uitvoeren_uiterlijk = forms.DateField(
        label="Uitvoeren door Inkomensondersteuning uiterlijk",
        required=False,
        widget=DateInput(),
        help_text="De inkomensconsulent krijgt de uitvoering als taak op deze datum.",
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, client, *args, onderzoek=None, **kwargs):
        kwargs.setdefault("initial", {})["versie"] = onderzoek.versie if onderzoek else 1
        super().__init__(*args, **kwargs)
        self.fields["checklist"].choices = [
            (p.pk, p.tekst) for p in ChecklistPunt.objects.filter(actief=True)
        ]


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
