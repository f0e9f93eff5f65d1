"""The inkomensconsulent's decision on a proposed end of the benefit (issue 30)."""

from typing import Any

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect

from clients.klantreis_views import KlantreisFormView
from deventer_werk.dates import today

from .. import rules, services
from ..forms import UitkeringseindeForm
from ..models import Uitkeringseinde


class UitkeringseindeView(KlantreisFormView):
    """Decide on the proposal (end on a date, or not end with a reason); afterwards the same
    page corrects the decision with a reason, the earlier ones stay listed."""

    actie = rules.UITKERING_EINDE
    form_class = UitkeringseindeForm
    template_name = "trajecten/uitkeringseinde.html"
    object_type = "uitkeringseinde"

    def laad(self, **kwargs: Any) -> None:
        self.einde = get_object_or_404(
            Uitkeringseinde.objects.select_related("plaatsing__werkgever", "voorgesteld_door"),
            pk=kwargs["einde_pk"],
            client=self.client,
        )

    def get_form_kwargs(self):
        e = self.einde
        initial: dict[str, object] = {"versie": e.versie}
        # Only a decision already taken is shown (for a correction); the werkcoach's proposal
        # is in the text above the form, the inkomensconsulent decides it afresh.
        if e.status == e.Status.NIET_BEEINDIGEN:
            initial["beeindigen"] = "nee"
        elif e.status == e.Status.BEEINDIGEN:
            initial.update(beeindigen="ja", laatste_dag=e.laatste_dag)
        return {"initial": initial}

    def extra_context(self):
        return {
            "einde": self.einde,
            "besluiten": list(self.einde.besluiten.select_related("door")),
        }

    def opslaan(self, data, form):
        return services.uitkeringseinde_besluit(
            actor=self.request.user, uitkeringseinde=self.einde, **data
        )

    def succes(self, resultaat):
        if not resultaat.beeindigen:
            tekst = "Vastgelegd: de uitkering loopt door."
        elif resultaat.laatste_dag <= today():
            tekst = f"Vastgelegd: de uitkering is beëindigd per {resultaat.laatste_dag:%d-%m-%Y}."
        else:
            tekst = (
                f"Vastgelegd: de uitkering stopt na {resultaat.laatste_dag:%d-%m-%Y}; tot die "
                "dag loopt de uitkering door."
            )
        messages.success(self.request, tekst)
        return redirect("trajecten:uitkeringseinde", pk=self.client.pk, einde_pk=self.einde.pk)


uitkeringseinde = UitkeringseindeView.as_view()
