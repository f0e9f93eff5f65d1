from django import forms

from deventer_werk.forms import Form


class TokenForm(Form):
    token = forms.CharField(
        label="Code uit uw authenticator-app",
        min_length=6,
        max_length=6,
        help_text="6 cijfers",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not (token.isascii() and token.isdigit()):
            raise forms.ValidationError("De code bestaat uit 6 cijfers.")
        return token


class HerstelcodeForm(Form):
    token = forms.CharField(
        label="Herstelcode",
        max_length=16,
        help_text=(
            "Een van de herstelcodes die u bij het instellen hebt bewaard; "
            "elke code werkt één keer."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip().lower()
        if not (token.isascii() and token.isalnum()):
            raise forms.ValidationError("Een herstelcode bestaat uit letters en cijfers.")
        return token


class OntgrendelForm(Form):
    gebruikersnaam = forms.CharField(max_length=150, required=False, widget=forms.HiddenInput)
    ip_adres = forms.GenericIPAddressField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if not data.get("gebruikersnaam") and not data.get("ip_adres"):
            raise forms.ValidationError("Kies een blokkade om op te heffen.")
        return data
