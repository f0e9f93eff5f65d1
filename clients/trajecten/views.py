from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from clients.klantreis_views import klantreis_formulier
from deventer_werk.accounts.constants import Rol

from . import selectors, services
from .forms import PlaatsingForm, PlekForm, TrajectEindeForm, TrajectForm
from .models import Traject, Vacature

COACH_ROLLEN = (Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR)


@login_required
@require_http_methods(["GET", "POST"])
def traject_nieuw(request, pk):
    def opslaan(client, data):
        services.traject_start(actor=request.user, client=client, **data)

    return klantreis_formulier(
        request,
        pk,
        rollen=COACH_ROLLEN,
        form_factory=TrajectForm,
        opslaan=opslaan,
        template="trajecten/traject.html",
        object_type="traject",
        melding="Het traject is gestart.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def traject_einde(request, pk, traject_pk):
    traject = get_object_or_404(
        Traject.objects.select_related("instrument"), pk=traject_pk, client_id=pk
    )

    def factory(client, data):
        return TrajectEindeForm(client, data, traject=traject)

    def opslaan(client, data):
        services.traject_beeindig(actor=request.user, traject=traject, **data)

    return klantreis_formulier(
        request,
        pk,
        rollen=COACH_ROLLEN,
        form_factory=factory,
        opslaan=opslaan,
        template="trajecten/traject_einde.html",
        object_type="traject",
        melding="Het traject is beëindigd.",
        extra={"traject": traject},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plaatsing_nieuw(request, pk):
    def opslaan(client, data):
        services.plaatsing_registreer(actor=request.user, client=client, **data)

    return klantreis_formulier(
        request,
        pk,
        rollen=(Rol.WERKCOACH,),
        form_factory=PlaatsingForm,
        opslaan=opslaan,
        template="trajecten/plaatsing.html",
        object_type="plaatsing",
        melding="De plaatsing is vastgelegd; de nazorgmomenten staan op uw werkvoorraad.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def plek_nieuw(request, pk):
    def opslaan(client, data):
        services.plek_plaats(actor=request.user, client=client, **data)

    return klantreis_formulier(
        request,
        pk,
        rollen=(Rol.PARTICIPATIEMAKELAAR,),
        form_factory=PlekForm,
        opslaan=opslaan,
        template="trajecten/plek.html",
        object_type="participatieplek",
        melding="De klant is geplaatst op de participatieplek.",
    )


@login_required
def dashboard(request):
    if not request.user.heeft_rol(*COACH_ROLLEN):
        raise PermissionDenied
    return render(
        request, "trajecten/dashboard.html", selectors.werkcoach_dashboard(user=request.user)
    )


@login_required
def vacatures(request):
    if not request.user.heeft_rol(Rol.WERKCOACH):
        raise PermissionDenied
    qs = (
        Vacature.objects.filter(open=True)
        .select_related("werkgever", "sector")
        .order_by("-geplaatst_op", "pk")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "trajecten/vacatures.html", {"page": page})


@login_required
def vacature(request, vacature_pk):
    if not request.user.heeft_rol(Rol.WERKCOACH):
        raise PermissionDenied
    v = get_object_or_404(Vacature.objects.select_related("werkgever", "sector"), pk=vacature_pk)
    return render(
        request,
        "trajecten/vacature.html",
        {
            "vacature": v,
            "kandidaten": selectors.kandidaten_voor(vacature=v, user=request.user),
            "waarschuwing": services.verdringingscheck(
                werkgever=v.werkgever, peildatum=v.geplaatst_op
            ),
        },
    )
