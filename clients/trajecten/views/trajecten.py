"""Trajecten: start, end, loonwaarde re-assessment, the list, and the werkcoach dashboard."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from clients.klantreis_views import klantreis_formulier
from deventer_werk.accounts.constants import Rol

from .. import selectors, services
from ..forms import LoonwaardeForm, TrajectEindeForm, TrajectFilterForm, TrajectForm
from ..models import Traject

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
def loonwaarde(request, pk, traject_pk):
    traject = get_object_or_404(
        Traject.objects.select_related("instrument"), pk=traject_pk, client_id=pk
    )

    def opslaan(client, data):
        services.loonwaarde_herbeoordeel(actor=request.user, traject=traject, **data)

    return klantreis_formulier(
        request,
        pk,
        rollen=COACH_ROLLEN,
        form_factory=LoonwaardeForm,
        opslaan=opslaan,
        template="trajecten/loonwaarde.html",
        object_type="loonwaarde",
        melding="De herbeoordeling van de loonwaarde is vastgelegd.",
        extra={
            "traject": traject,
            "beoordelingen": list(traject.beoordelingen.select_related("door")),
        },
    )


@login_required
@require_GET
def dashboard(request):
    if not request.user.heeft_rol(*COACH_ROLLEN):
        raise PermissionDenied
    return render(
        request, "trajecten/dashboard.html", selectors.werkcoach_dashboard(user=request.user)
    )


@login_required
@require_GET
def traject_lijst(request):
    if not request.user.heeft_rol(*COACH_ROLLEN):
        raise PermissionDenied
    form = TrajectFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.traject_lijst(
        user=request.user,
        status=filters.get("status", ""),
        instrument_id=getattr(filters.get("instrument"), "pk", None),
        alleen_mijn=not filters.get("alle"),
    )
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "trajecten/lijst.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "vandaag": timezone.localdate(),
        },
    )
