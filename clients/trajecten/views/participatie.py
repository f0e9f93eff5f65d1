"""Participatieplekken (Faciliteren): the places per wijk, placing a client, ending it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from clients.klantreis_views import KlantreisFormView
from deventer_werk.access import require
from deventer_werk.forms import form_add_service_errors

from .. import rules, services
from ..forms import ParticipatieplekForm, PlekEindeForm, PlekForm
from ..models import Participatieplek, PlekPlaatsing


class PlekNieuwView(KlantreisFormView):
    actie = rules.PLEK
    form_class = PlekForm
    template_name = "trajecten/plek.html"
    object_type = "participatieplek"
    melding = "De klant is geplaatst op de participatieplek."

    def opslaan(self, data, form):
        return services.plek_plaats(actor=self.request.user, client=self.client, **data)


class PlekBeeindigView(KlantreisFormView):
    actie = rules.PLEK
    form_class = PlekEindeForm
    template_name = "trajecten/plek_einde.html"
    object_type = "participatieplek"
    melding = "De plaatsing op de participatieplek is beëindigd."

    def laad(self, *, plaatsing_pk: int) -> None:
        self.plaatsing = get_object_or_404(
            PlekPlaatsing.objects.select_related("plek"),
            pk=plaatsing_pk,
            client=self.client,
            einde__isnull=True,
        )

    def extra_context(self):
        return {"plaatsing": self.plaatsing}

    def opslaan(self, data, form):
        return services.plek_beeindig(actor=self.request.user, plaatsing=self.plaatsing, **data)


plek_nieuw = PlekNieuwView.as_view()
plek_beeindig = PlekBeeindigView.as_view()


@login_required
@require_http_methods(["GET", "POST"])
def plekken(request):
    """The participatieplekken per wijk with their occupancy (no client names), and a form to
    add one."""
    require(request.user, rules.PLEK)
    form = ParticipatieplekForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plek = services.participatieplek_registreer(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"De participatieplek {plek} is toegevoegd.")
            return redirect("trajecten:plekken")
    lijst = (
        Participatieplek.objects.filter(actief=True)
        .annotate(bezet=Count("plaatsingen", filter=Q(plaatsingen__einde__isnull=True)))
        .order_by("wijk", "organisatie", "pk")[:500]
    )
    return render(request, "trajecten/plekken.html", {"form": form, "plekken": lijst})
