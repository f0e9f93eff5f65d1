"""Plaatsing (with verdringingscheck, loonkostensubsidie and uitstroom) and its nazorg."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from clients.klantreis_views import KlantreisFormView
from deventer_werk.access import may
from deventer_werk.audit.constants import Actie, Resultaat
from deventer_werk.audit.services import audit_record
from deventer_werk.forms import form_add_service_errors

from .. import rules, selectors, services
from ..forms import NazorgForm, PlaatsingForm


class PlaatsingNieuwView(KlantreisFormView):
    """After saving, the coach lands on the placement's nazorg page."""

    actie = rules.PLAATSING
    form_class = PlaatsingForm
    template_name = "trajecten/plaatsing.html"
    object_type = "plaatsing"

    def get_form_kwargs(self):
        vacature = selectors.vacature_open(pk=self.request.GET.get("vacature"))
        if vacature is None:
            return {"initial": {}}
        return {
            "initial": {
                "vacature": vacature,
                "werkgever": vacature.werkgever_id,
                "functie": vacature.functie,
                "uren": vacature.uren,
            }
        }

    def opslaan(self, data, form):
        return services.plaatsing_registreer(actor=self.request.user, client=self.client, **data)

    def succes(self, resultaat):
        tekst = "De plaatsing is vastgelegd; de nazorgmomenten na 6 en 12 maanden staan klaar."
        if hasattr(resultaat, "uitkeringseinde"):
            tekst += (
                " Het voorstel om de uitkering te beëindigen staat bij de inkomensconsulent, "
                "die beslist; tot dan loopt de uitkering door."
            )
        messages.success(self.request, tekst)
        return redirect("trajecten:plaatsing", plaatsing_pk=resultaat.pk)


plaatsing_nieuw = PlaatsingNieuwView.as_view()


@login_required
@require_http_methods(["GET", "POST"])
def plaatsing(request, plaatsing_pk):
    """The placement with its nazorg checkpoints; the werkcoach records a checkpoint here."""
    p = selectors.plaatsing_voor_nazorg(user=request.user, pk=plaatsing_pk)
    actie = Actie.GEWIJZIGD if request.method == "POST" else Actie.BEKEKEN
    if p is None:
        if may(request.user, rules.PLAATSING):
            audit_record(
                actor=request.user,
                actie=actie,
                object_type="plaatsing",
                resultaat=Resultaat.GEWEIGERD,
                request=request,
                details={"plaatsing": plaatsing_pk},
            )
            raise Http404("Plaatsing niet gevonden")
        raise PermissionDenied
    audit_record(
        actor=request.user,
        actie=actie,
        client_id=p.client_id,
        object_type="plaatsing",
        request=request,
        details={"plaatsing": p.pk},
    )
    open_momenten = [m["maanden"] for m in p.nazorgmomenten if m["moment"] is None]
    form = NazorgForm(request.POST or None, open_momenten=open_momenten)
    if request.method == "POST" and form.is_valid():
        try:
            services.nazorg_registreer(actor=request.user, plaatsing=p, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Het nazorgmoment is vastgelegd.")
            return redirect("trajecten:plaatsing", plaatsing_pk=p.pk)
    return render(
        request,
        "trajecten/plaatsing_detail.html",
        {"plaatsing": p, "form": form if open_momenten else None},
    )
