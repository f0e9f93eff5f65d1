from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from clients.klantreis_views import klantreis_formulier
from clients.models import Client
from deventer_werk.accounts.constants import Rol
from deventer_werk.forms import form_add_service_errors

from . import services
from .forms import OnderzoekBesluitForm, OnderzoekStartForm, SamenloopForm, TriageForm
from .models import Rechtmatigheidsonderzoek, Samenloopsignaal

ONDERZOEK_ROLLEN = (Rol.HANDHAVER, Rol.INKOMENSCONSULENT)


@login_required
@require_http_methods(["GET", "POST"])
def onderzoek_start(request, pk):
    def opslaan(client, data):
        services.onderzoek_start(
            actor=request.user,
            client=client,
            selectiereden=data["selectiereden"],
            toelichting=data["selectie_toelichting"],
            gestart_op=data["gestart_op"],
        )

    return klantreis_formulier(
        request,
        pk,
        rollen=ONDERZOEK_ROLLEN,
        form_factory=OnderzoekStartForm,
        opslaan=opslaan,
        template="handhaving/onderzoek_start.html",
        object_type="rechtmatigheidsonderzoek",
        melding="Het rechtmatigheidsonderzoek is gestart.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def onderzoek_besluit(request, pk, onderzoek_pk):
    onderzoek = get_object_or_404(Rechtmatigheidsonderzoek, pk=onderzoek_pk, client_id=pk)

    def factory(client, data):
        return OnderzoekBesluitForm(client, data, onderzoek=onderzoek)

    def opslaan(client, data):
        services.onderzoek_besluit(actor=request.user, onderzoek=onderzoek, **data)

    return klantreis_formulier(
        request,
        pk,
        rollen=ONDERZOEK_ROLLEN,
        form_factory=factory,
        opslaan=opslaan,
        template="handhaving/onderzoek_besluit.html",
        object_type="rechtmatigheidsonderzoek",
        melding="Het besluit over de rechtmatigheid is vastgelegd.",
        extra={"onderzoek": onderzoek},
    )


@login_required
@require_http_methods(["GET", "POST"])
def samenloop(request, pk):
    def opslaan(client, data):
        services.samenloop_registreer(actor=request.user, client=client, **data)

    return klantreis_formulier(
        request,
        pk,
        rollen=(Rol.HANDHAVER,),
        form_factory=SamenloopForm,
        opslaan=opslaan,
        template="handhaving/samenloop.html",
        object_type="samenloopsignaal",
        melding="Het samenloopsignaal is geregistreerd; het staat klaar voor triage.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def triage(request):
    """Samenloopsignalen waiting for triage (handhaver)."""
    if not request.user.heeft_rol(Rol.HANDHAVER):
        raise PermissionDenied
    zichtbaar = Client.objects.visible_to(request.user)
    form = None
    if request.method == "POST":
        signaal = get_object_or_404(
            Samenloopsignaal, pk=request.POST.get("signaal") or 0, client__in=zichtbaar
        )
        form = TriageForm(request.POST)
        if form.is_valid():
            try:
                services.samenloop_trieer(
                    actor=request.user,
                    signaal=signaal,
                    triage=form.cleaned_data["triage"],
                    toelichting=form.cleaned_data["toelichting"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, "De triage is vastgelegd.")
                return redirect("handhaving:triage")
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    qs = (
        Samenloopsignaal.objects.filter(triage="", client__in=zichtbaar)
        .select_related("client")
        .order_by("ontvangen_op", "pk")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(
        request, "handhaving/triage.html", {"page": page, "keuzes": Samenloopsignaal.Triage.choices}
    )
