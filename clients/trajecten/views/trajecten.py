"""Trajecten: start, end, loonwaarde re-assessment, the list, and the werkcoach dashboard."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from clients.access import lijst_bekeken, toont_klanten
from clients.klantreis_views import KlantreisFormView
from deventer_werk.access import require

from .. import rules, selectors, services
from ..forms import LoonwaardeForm, TrajectEindeForm, TrajectFilterForm, TrajectForm
from ..models import Traject


class TrajectNieuwView(KlantreisFormView):
    actie = rules.TRAJECT
    form_class = TrajectForm
    template_name = "trajecten/traject.html"
    object_type = "traject"
    melding = "Het traject is gestart."

    def opslaan(self, data, form):
        return services.traject_start(actor=self.request.user, client=self.client, **data)


class _TrajectStapView(KlantreisFormView):
    """A step on one of the client's trajecten (the traject is loaded after the checks)."""

    actie = rules.TRAJECT

    def laad(self, *, traject_pk: int) -> None:
        self.traject = get_object_or_404(
            Traject.objects.select_related("instrument"), pk=traject_pk, client=self.client
        )

    def extra_context(self):
        return {"traject": self.traject}


class TrajectEindeView(_TrajectStapView):
    form_class = TrajectEindeForm
    template_name = "trajecten/traject_einde.html"
    object_type = "traject"
    melding = "Het traject is beëindigd."

    def get_form_kwargs(self):
        return {"traject": self.traject}

    def opslaan(self, data, form):
        return services.traject_beeindig(actor=self.request.user, traject=self.traject, **data)


class LoonwaardeView(_TrajectStapView):
    form_class = LoonwaardeForm
    template_name = "trajecten/loonwaarde.html"
    object_type = "loonwaarde"
    melding = "De herbeoordeling van de loonwaarde is vastgelegd."

    def extra_context(self):
        beoordelingen = list(self.traject.beoordelingen.select_related("door"))
        return {"traject": self.traject, "beoordelingen": beoordelingen}

    def opslaan(self, data, form):
        return services.loonwaarde_herbeoordeel(
            actor=self.request.user, traject=self.traject, **data
        )


traject_nieuw = TrajectNieuwView.as_view()
traject_einde = TrajectEindeView.as_view()
loonwaarde = LoonwaardeView.as_view()


@login_required
@require_GET
@toont_klanten("trajecten_dashboard")
def dashboard(request):
    require(request.user, rules.DASHBOARD)
    return render(
        request, "trajecten/dashboard.html", selectors.werkcoach_dashboard(user=request.user)
    )


@login_required
@require_GET
def traject_lijst(request):
    require(request.user, rules.DASHBOARD)
    form = TrajectFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.traject_lijst(
        user=request.user,
        status=filters.get("status", ""),
        instrument_id=getattr(filters.get("instrument"), "pk", None),
        alleen_mijn=not filters.get("alle"),
    )
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    lijst_bekeken(request, object_type="trajecten_lijst", client_ids=[t.client_id for t in page])
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
