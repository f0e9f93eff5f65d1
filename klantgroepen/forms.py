from deventer_werk.forms import ModelForm

from .models import Klantgroep


class KlantgroepForm(ModelForm):
    class Meta:
        model = Klantgroep
        fields = [
            "naam",
            "kenmerken",
            "dienstverlening",
            "regie",
            "voortgangsgesprekken_per_jaar",
            "rechtmatigheid_interval_maanden",
            "rechtmatigheid_in_voortgangsgesprek",
            "plan_herzien_maanden",
            "themabijeenkomst_type",
            "max_maanden_uitkering",
            "handhaving_focus",
        ]
