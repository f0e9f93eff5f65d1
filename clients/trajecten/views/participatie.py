"""Participatieplekken (Faciliteren): the places per wijk, placing a client, ending it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from clients.klantreis_views import klantreis_formulier
from deventer_werk.accounts.constants import Rol
from deventer_werk.forms import form_add_service_errors

from .. import services
from ..forms import ParticipatieplekForm, PlekEindeForm, PlekForm
from ..models import Participatieplek, PlekPlaatsing


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
@require_http_methods(["GET", "POST"])
def plek_beeindig(request, pk, plaatsing_pk):
    plaatsing = get_object_or_404(
        PlekPlaatsing.objects.select_related("plek"),
        pk=plaatsing_pk,
        client_id=pk,
        einde__isnull=True,
    )

    def opslaan(client, data):
        services.plek_beeindig(actor=request.user, plaatsing=plaatsing, **data)

    return klantreis_formulier(
        request,
        pk,
        rollen=(Rol.PARTICIPATIEMAKELAAR,),
        form_factory=PlekEindeForm,
        opslaan=opslaan,
        template="trajecten/plek_einde.html",
        object_type="participatieplek",
        melding="De plaatsing op de participatieplek is beëindigd.",
        extra={"plaatsing": plaatsing},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plekken(request):
    """The participatieplekken per wijk with their occupancy (no client names), and a form to
    add one."""
    if not request.user.heeft_rol(Rol.PARTICIPATIEMAKELAAR):
        raise PermissionDenied
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
