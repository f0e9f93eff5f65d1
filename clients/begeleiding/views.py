from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from clients.access import client_open_or_404
from clients.klantreis_views import klantreis_formulier
from clients.services import periode_sluit
from deventer_werk.accounts.constants import Rol
from deventer_werk.audit.constants import Actie

from . import selectors, services
from .forms import PlanForm, UitstroomForm, VoortgangsgesprekForm
from .models import PlanVanAanpak
from .werkvoorraad import Filters

PLAN_ROLLEN = (Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR)
VOORTGANG_ROLLEN = (Rol.INKOMENSCONSULENT,)
UITSTROOM_ROLLEN = (Rol.INKOMENSCONSULENT,)


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, pk):
    vorige = (
        PlanVanAanpak.objects.filter(client_id=pk)
        .prefetch_related("doelen__acties")
        .order_by("-versie")
        .first()
    )
    holder = {}

    def factory(client, data):
        holder["form"] = PlanForm(client, data, vorige=vorige)
        return holder["form"]

    def opslaan(client, data):
        services.plan_stel_vast(
            actor=request.user,
            client=client,
            vastgesteld_op=data["vastgesteld_op"],
            doelen=holder["form"].doelen(),
            gebaseerd_op_versie=data["gebaseerd_op_versie"],
            toelichting=data["toelichting"],
        )

    return klantreis_formulier(
        request,
        pk,
        rollen=PLAN_ROLLEN,
        form_factory=factory,
        opslaan=opslaan,
        template="begeleiding/plan.html",
        object_type="plan_van_aanpak",
        melding="Het plan van aanpak is vastgesteld; de vorige versie blijft bewaard.",
        extra={"vorige": vorige, "actueel_maanden": selectors.plan_actueel_maanden()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def voortgangsgesprek(request, pk):
    def opslaan(client, data):
        services.voortgangsgesprek_leg_vast(
            actor=request.user,
            client=client,
            datum=data["datum"],
            plek=data["plek"],
            welzijn=data["welzijn"],
            stress=data["stress"],
            juiste_groep=data["juiste_groep"],
            leefsituatie=data["leefsituatie"],
            inkomenssituatie=data["inkomenssituatie"],
            minimaregelingen_gebruikt=list(data["minimaregelingen_gebruikt"]),
            minimaregelingen_geadviseerd=list(data["minimaregelingen_geadviseerd"]),
            schuldsignaal=data["schuldsignaal"],
            verwezen_naar=data["verwezen_naar"],
            nieuwe_klantgroep=data["nieuwe_klantgroep"],
            reden_groepswijziging=data["reden_groepswijziging"],
            rechtmatigheid_getoetst=data["rechtmatigheid_getoetst"],
            rechtmatigheid_bevinding=data["rechtmatigheid_bevinding"],
            dwt_coach=data["dwt_coach"],
            verslag=data["verslag"],
        )

    return klantreis_formulier(
        request,
        pk,
        rollen=VOORTGANG_ROLLEN,
        form_factory=VoortgangsgesprekForm,
        opslaan=opslaan,
        template="begeleiding/voortgangsgesprek.html",
        object_type="voortgangsgesprek",
        melding="Het voortgangsgesprek is vastgelegd.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def uitstroom(request, pk):
    def opslaan(client, data):
        periode_sluit(
            actor=request.user,
            client=client,
            einddatum=data["einddatum"],
            reden=data["reden"],
            toelichting=data["toelichting"],
        )

    return klantreis_formulier(
        request,
        pk,
        rollen=UITSTROOM_ROLLEN,
        form_factory=UitstroomForm,
        opslaan=opslaan,
        template="begeleiding/uitstroom.html",
        object_type="uitstroom",
        melding="De uitstroom is vastgelegd; het dossier is afgesloten. Komt de klant terug, "
        "dan begint een nieuwe periode in hetzelfde dossier.",
    )


@login_required
def werkvoorraad(request):
    """The start page: the user's open work by section (counted in the database, paginated,
    filterable), urgent signals, caseload per klantgroep and the role's own sections."""
    if not (request.user.werkt_in_dossiers or request.user.heeft_rol(Rol.TRAINER)):
        raise PermissionDenied
    context = selectors.werkvoorraad_voor(
        user=request.user, vandaag=timezone.localdate(), params=request.GET
    )
    tellingen = context["tellingen"]
    if tellingen and context["filters"] == Filters():
        teller = tellingen["te_laat"] + tellingen["vandaag"]
        if request.session.get("dw_werk_teller") != teller:
            request.session["dw_werk_teller"] = teller
    params = request.GET.copy()
    for naam in ("te_laat", "vandaag", "binnenkort"):
        params.pop(f"{naam}_pagina", None)
    context["querystring"] = params.urlencode()
    return render(request, "begeleiding/werkvoorraad.html", context)


@login_required
@require_http_methods(["GET"])
def plan_versies(request, pk):
    """Every version of the plan van aanpak, newest first: a revision never erased the last."""
    client = client_open_or_404(request, pk, actie=Actie.BEKEKEN, object_type="plan_van_aanpak")
    versies = selectors.plan_list_versies(client=client)
    return render(
        request,
        "begeleiding/plan_versies.html",
        {
            "client": client,
            "versies": versies,
            "actueel_maanden": selectors.plan_actueel_maanden(),
            "mag_herzien": request.user.heeft_rol(*PLAN_ROLLEN),
        },
    )
