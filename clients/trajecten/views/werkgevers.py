"""Werkgeversdienstverlening: employer register, employer page (data, dismissals, vacancies),
vacancies with suggested candidates, and the client's werkprofiel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from clients.access import lijst_bekeken
from clients.klantreis_views import KlantreisFormView
from deventer_werk.access import require
from deventer_werk.forms import form_add_service_errors

from .. import rules, selectors, services
from ..forms import OntslagForm, VacatureForm, WerkgeverForm, WerkgeverWijzigForm, WerkprofielForm
from ..models import Vacature, Werkgever, Werkprofiel


def _probeer(form, service, **kwargs):
    """Run a service for a valid form; on its ValidationError put the messages on the form."""
    if not form.is_valid():
        return None
    try:
        return service(**kwargs, **form.cleaned_data)
    except ValidationError as exc:
        form_add_service_errors(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def werkgevers(request):
    """The employer register: list and add."""
    require(request.user, rules.WERKGEVERS)
    form = WerkgeverForm(request.POST or None)
    if request.method == "POST":
        werkgever = _probeer(form, services.werkgever_registreer, actor=request.user)
        if werkgever is not None:
            messages.success(request, f"{werkgever} is toegevoegd; u bent accountmanager.")
            return redirect("trajecten:werkgever", werkgever_pk=werkgever.pk)
    lijst = (
        Werkgever.objects.select_related("sector", "accountmanager")
        .annotate(open_vacatures=Count("vacatures", filter=Q(vacatures__open=True)))
        .order_by("naam", "pk")
    )
    page = Paginator(lijst, 100).get_page(request.GET.get("pagina"))
    return render(request, "trajecten/werkgevers.html", {"form": form, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def werkgever(request, werkgever_pk):
    """One employer: register data (versioned), dismissals, vacancies; each its own form."""
    require(request.user, rules.WERKGEVERS)
    wg = get_object_or_404(
        Werkgever.objects.select_related("sector", "accountmanager"), pk=werkgever_pk
    )
    actie = request.POST.get("actie") if request.method == "POST" else None
    gegevens = {f: getattr(wg, f) for f in services.werkgevers.WERKGEVER_VELDEN}
    gegevens.update(sector=wg.sector_id, versie=wg.versie)
    forms = {
        "wijzig": WerkgeverWijzigForm(
            request.POST if actie == "wijzig" else None, initial=gegevens, prefix="wg"
        ),
        "ontslag": OntslagForm(request.POST if actie == "ontslag" else None, prefix="ontslag"),
        "vacature": VacatureForm(
            request.POST if actie == "vacature" else None,
            initial={"sector": wg.sector_id},
            prefix="vacature",
        ),
    }
    if actie == "wijzig" and _probeer(
        forms["wijzig"], services.werkgever_wijzig, actor=request.user, werkgever=wg
    ):
        messages.success(request, "De gegevens van de werkgever zijn bijgewerkt.")
        return redirect("trajecten:werkgever", werkgever_pk=wg.pk)
    if actie == "ontslag" and _probeer(
        forms["ontslag"], services.ontslag_registreer, actor=request.user, werkgever=wg
    ):
        messages.success(
            request, "Het ontslag is vastgelegd; de verdringingscheck houdt er rekening mee."
        )
        return redirect("trajecten:werkgever", werkgever_pk=wg.pk)
    if actie == "vacature":
        vacature = _probeer(
            forms["vacature"], services.vacature_registreer, actor=request.user, werkgever=wg
        )
        if vacature is not None:
            messages.success(request, "De vacature is toegevoegd.")
            return redirect("trajecten:vacature", vacature_pk=vacature.pk)
    if actie == "sluit":
        vacature = get_object_or_404(Vacature, pk=request.POST.get("vacature") or 0, werkgever=wg)
        try:
            services.vacature_sluit(
                actor=request.user, vacature=vacature, datum=timezone.localdate()
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "De vacature is gesloten.")
        return redirect("trajecten:werkgever", werkgever_pk=wg.pk)
    return render(
        request,
        "trajecten/werkgever.html",
        {
            "werkgever": wg,
            "forms": forms,
            "ontslagen": list(wg.ontslagen.order_by("-datum")[:50]),
            "vacatures": list(
                wg.vacatures.select_related("sector").order_by("-open", "-geplaatst_op")[:100]
            ),
            "plaatsingen": wg.plaatsingen.count(),
            "waarschuwing": services.verdringingscheck(
                werkgever=wg, peildatum=timezone.localdate()
            ),
        },
    )


@login_required
@require_GET
def vacatures(request):
    require(request.user, rules.VACATURES)
    qs = (
        Vacature.objects.filter(open=True)
        .select_related("werkgever", "sector")
        .order_by("-geplaatst_op", "pk")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "trajecten/vacatures.html", {"page": page})


@login_required
@require_GET
def vacature(request, vacature_pk):
    require(request.user, rules.VACATURES)
    v = get_object_or_404(Vacature.objects.select_related("werkgever", "sector"), pk=vacature_pk)
    kandidaten = selectors.kandidaten_voor(vacature=v, user=request.user) if v.open else []
    lijst_bekeken(
        request, object_type="vacature_kandidaten", client_ids=[k["client_id"] for k in kandidaten]
    )
    return render(
        request,
        "trajecten/vacature.html",
        {
            "vacature": v,
            "kandidaten": kandidaten,
            "waarschuwing": services.verdringingscheck(
                werkgever=v.werkgever, peildatum=timezone.localdate()
            ),
        },
    )


class WerkprofielView(KlantreisFormView):
    actie = rules.WERKPROFIEL
    form_class = WerkprofielForm
    template_name = "trajecten/werkprofiel.html"
    object_type = "werkprofiel"
    melding = "Het werkprofiel is bijgewerkt; matching gebruikt het meteen."

    def laad(self, **kwargs) -> None:
        self.profiel = Werkprofiel.objects.filter(client=self.client).first()
        self.sectoren = self.profiel.sectoren.values_list("pk", flat=True) if self.profiel else ()

    def get_form_kwargs(self):
        return {"profiel": self.profiel, "sectoren": self.sectoren}

    def opslaan(self, data, form):
        return services.werkprofiel_wijzig(actor=self.request.user, client=self.client, **data)


werkprofiel = WerkprofielView.as_view()
