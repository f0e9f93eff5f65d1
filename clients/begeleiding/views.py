from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from clients.access import client_open_or_404, toont_klanten
from clients.klantreis_views import KlantreisFormView
from clients.services import periode_sluit
from deventer_werk.access import require
from deventer_werk.audit.constants import Actie

from . import rules, selectors, services
from .forms import PlanForm, UitstroomForm, VoortgangsgesprekForm
from .voorbereiding import voorbereiding_voor
from .werkvoorraad import Filters


class PlanView(KlantreisFormView):
    actie = rules.PLAN
    form_class = PlanForm
    template_name = "begeleiding/plan.html"
    object_type = "plan_van_aanpak"
    melding = "Het plan van aanpak is vastgesteld; de vorige versie blijft bewaard."

    def laad(self, **kwargs) -> None:
        self.vorige = selectors.plan_laatste(client=self.client)

    def get_form_kwargs(self):
        return {"vorige": self.vorige}

    def extra_context(self):
        return {"vorige": self.vorige, "actueel_maanden": selectors.plan_actueel_maanden()}

    def opslaan(self, data, form):
        return services.plan_stel_vast(
            actor=self.request.user,
            client=self.client,
            vastgesteld_op=data["vastgesteld_op"],
            doelen=form.doelen(),
            gebaseerd_op_versie=data["gebaseerd_op_versie"],
            toelichting=data["toelichting"],
        )


class VoortgangsgesprekView(KlantreisFormView):
    actie = rules.VOORTGANGSGESPREK
    form_class = VoortgangsgesprekForm
    template_name = "begeleiding/voortgangsgesprek.html"
    object_type = "voortgangsgesprek"
    melding = "Het voortgangsgesprek is vastgelegd."

    def opslaan(self, data, form):
        return services.voortgangsgesprek_leg_vast(
            actor=self.request.user,
            client=self.client,
            **{k: data[k] for k in VOORTGANG_VELDEN},
            minimaregelingen_gebruikt=list(data["minimaregelingen_gebruikt"]),
            minimaregelingen_geadviseerd=list(data["minimaregelingen_geadviseerd"]),
            groeien_kenmerken=form.kenmerken(),
        )


class UitstroomView(KlantreisFormView):
    actie = rules.UITSTROOM
    form_class = UitstroomForm
    template_name = "begeleiding/uitstroom.html"
    object_type = "uitstroom"
    melding = (
        "De uitstroom is vastgelegd; het dossier is afgesloten. Komt de klant terug, "
        "dan begint een nieuwe periode in hetzelfde dossier."
    )

    def opslaan(self, data, form):
        return periode_sluit(
            actor=self.request.user,
            client=self.client,
            einddatum=data["einddatum"],
            reden=data["reden"],
            toelichting=data["toelichting"],
        )


plan = PlanView.as_view()
voortgangsgesprek = VoortgangsgesprekView.as_view()
uitstroom = UitstroomView.as_view()

VOORTGANG_VELDEN = (
    "datum",
    "plek",
    "welzijn",
    "stress",
    "juiste_groep",
    "leefsituatie",
    "inkomenssituatie",
    "schuldsignaal",
    "gedeeld_met_dwt",
    "verwezen_naar",
    "nieuwe_klantgroep",
    "geadviseerde_klantgroep",
    "reden_groepswijziging",
    "rechtmatigheid_getoetst",
    "rechtmatigheid_bevinding",
    "rechtmatigheid_niet_reden",
    "rechtmatigheid_reden",
    "dwt_coach",
    "verslag",
    "huisbezoek",
    "commitment",
    "afspraak_getekend_op",
    "commitment_reden",
)


@login_required
@toont_klanten("werkvoorraad")
def werkvoorraad(request):
    """The start page: the user's open work by section (counted in the database, paginated,
    filterable), urgent signals, caseload per klantgroep and the role's own sections."""
    require(request.user, rules.WERKVOORRAAD)
    context = selectors.werkvoorraad_voor(
        user=request.user, vandaag=timezone.localdate(), params=request.GET
    )
    tellingen = context["tellingen"]
    if tellingen and context["filters"] == Filters():
        teller = tellingen["te_laat"] + tellingen["vandaag"]
        if request.session.get("dw_werk_teller") != teller:
            request.session["dw_werk_teller"] = teller
    params = request.GET.copy()
    for naam in ("te_laat", "vandaag", "binnenkort", "plannen"):
        params.pop(f"{naam}_pagina", None)
    context["querystring"] = params.urlencode()
    return render(request, "begeleiding/werkvoorraad.html", context)


@login_required
@require_http_methods(["GET"])
def plan_versies(request, pk):
    """Every version of the plan van aanpak, newest first: a revision never erased the last."""
    client = client_open_or_404(request, pk, actie=Actie.BEKEKEN, object_type="plan_van_aanpak")
    require(request.user, rules.PLAN_VERSIES)
    versies = selectors.plan_list_versies(client=client)
    return render(
        request,
        "begeleiding/plan_versies.html",
        {
            "client": client,
            "versies": versies,
            "actueel_maanden": selectors.plan_actueel_maanden(),
        },
    )


@login_required
@require_http_methods(["GET"])
def voorbereiding(request, pk):
    """One page to prepare the next gesprek, printable; audited as a view of the dossier."""
    client = client_open_or_404(request, pk, object_type="voorbereiding")
    require(request.user, rules.VOORBEREIDING)
    context = {"client": client, **voorbereiding_voor(client=client, user=request.user)}
    return render(request, "begeleiding/voorbereiding.html", context)
