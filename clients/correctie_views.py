"""Correcting a wrong group change or a wrong uitstroom (issue 29 item 3): one form page each,
offered on the dossier only when there is something to correct."""

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.shortcuts import redirect

from . import rules
from .correcties import (
    groepswijziging_corrigeer,
    groepswijziging_te_corrigeren,
    uitstroom_corrigeer,
    uitstroom_te_corrigeren,
)
from .forms import GroepCorrectieForm, UitstroomCorrectieForm
from .klantreis_views import KlantreisFormView

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User


class GroepCorrectieView(KlantreisFormView):
    actie = rules.GROEP_CORRIGEREN
    form_class = GroepCorrectieForm
    template_name = "clients/correctie_groep.html"
    object_type = "correctie"
    melding = "De correctie is vastgelegd; de historie toont wat het was en waarom."

    def laad(self, **kwargs) -> None:
        self.huidig, self.vorige = groepswijziging_te_corrigeren(self.client)

    def get(self, request, *args, **kwargs):
        if self.huidig is None:
            messages.info(request, "Deze klant heeft geen klantgroep om te corrigeren.")
            return redirect("clients:dossier", pk=self.client.pk)
        return super().get(request, *args, **kwargs)

    def get_form(self):
        initial = {}
        if self.huidig is not None:
            initial = {"klantgroep": self.huidig.klantgroep_id, "van": self.huidig.van}
        # an eerste indeling cannot be undone: offer only what can succeed
        return self.form_class(
            self.request.POST or None, initial=initial, ongedaan_mogelijk=self.vorige is not None
        )

    def extra_context(self):
        return {"huidig": self.huidig, "vorige": self.vorige}

    def opslaan(self, data, form):
        return groepswijziging_corrigeer(
            actor=cast("User", self.request.user),
            client=self.client,
            wijze=data["wijze"],
            reden=data["reden"],
            klantgroep=data.get("klantgroep"),
            van=data.get("van"),
        )


class UitstroomCorrectieView(KlantreisFormView):
    actie = rules.UITSTROOM_CORRIGEREN
    form_class = UitstroomCorrectieForm
    template_name = "clients/correctie_uitstroom.html"
    object_type = "correctie"
    melding = "De correctie is vastgelegd; de historie toont wat het was en waarom."

    def laad(self, **kwargs) -> None:
        self.periode = uitstroom_te_corrigeren(self.client)

    def get(self, request, *args, **kwargs):
        if self.periode is None:
            messages.info(request, "Deze klant heeft geen uitstroom om te corrigeren.")
            return redirect("clients:dossier", pk=self.client.pk)
        return super().get(request, *args, **kwargs)

    def get_form(self):
        initial = {}
        if self.periode is not None:
            initial = {
                "uitstroomreden": self.periode.uitstroomreden,
                "einddatum": self.periode.einddatum,
            }
        return self.form_class(self.request.POST or None, initial=initial)

    def extra_context(self):
        return {"periode": self.periode}

    def opslaan(self, data, form):
        return uitstroom_corrigeer(
            actor=cast("User", self.request.user),
            client=self.client,
            wijze=data["wijze"],
            reden=data["reden"],
            uitstroomreden=data.get("uitstroomreden") or "",
            einddatum=data.get("einddatum"),
        )


groep_corrigeren = GroepCorrectieView.as_view()
uitstroom_corrigeren = UitstroomCorrectieView.as_view()
