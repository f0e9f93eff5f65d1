from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from clients.access import lijst_bekeken
from clients.klantreis_views import KlantreisFormView
from clients.models import Client
from deventer_werk.access import require
from deventer_werk.dates import today
from deventer_werk.forms import form_add_service_errors

from . import rules, selectors, services
from .forms import (
    OnderzoekBesluitForm,
    OnderzoekStartForm,
    SamenloopForm,
    StukkenForm,
    TriageForm,
)
from .models import Rechtmatigheidsonderzoek, Samenloopsignaal


class OnderzoekStartView(KlantreisFormView):
    actie = rules.ONDERZOEK
    form_class = OnderzoekStartForm
    template_name = "handhaving/onderzoek_start.html"
    object_type = "rechtmatigheidsonderzoek"
    melding = "Het rechtmatigheidsonderzoek is gestart."

    def opslaan(self, data, form):
        return services.onderzoek_start(
            actor=self.request.user,
            client=self.client,
            selectiereden=data["selectiereden"],
            toelichting=data["selectie_toelichting"],
            gestart_op=data["gestart_op"],
        )


class OnderzoekBesluitView(KlantreisFormView):
    actie = rules.ONDERZOEK
    form_class = OnderzoekBesluitForm
    template_name = "handhaving/onderzoek_besluit.html"
    object_type = "rechtmatigheidsonderzoek"
    melding = "Het besluit over de rechtmatigheid is vastgelegd."

    def laad(self, *, onderzoek_pk: int) -> None:
        self.onderzoek = get_object_or_404(
            Rechtmatigheidsonderzoek, pk=onderzoek_pk, client=self.client
        )

    def get_form_kwargs(self):
        return {"onderzoek": self.onderzoek}

    def extra_context(self):
        return {"onderzoek": self.onderzoek}

    def opslaan(self, data, form):
        return services.onderzoek_besluit(
            actor=self.request.user, onderzoek=self.onderzoek, **form.service_data()
        )


class OnderzoekView(KlantreisFormView):
    """The onderzoek as a case: its state, the requests for documents (history) and a form to
    ask for (more) documents with a hersteltermijn."""

    actie = rules.ONDERZOEK
    form_class = StukkenForm
    template_name = "handhaving/onderzoek.html"
    object_type = "rechtmatigheidsonderzoek"
    melding = "De stukken zijn opgevraagd; de hersteltermijn staat bij het onderzoek."

    def laad(self, *, onderzoek_pk: int) -> None:
        self.onderzoek = get_object_or_404(
            Rechtmatigheidsonderzoek.objects.select_related("handhaver", "besloten_door"),
            pk=onderzoek_pk,
            client=self.client,
        )

    def get_form_kwargs(self):
        return {"onderzoek": self.onderzoek}

    def extra_context(self):
        return {"onderzoek": self.onderzoek, **selectors.onderzoek_detail(onderzoek=self.onderzoek)}

    def opslaan(self, data, form):
        return services.stukken_opvraag(actor=self.request.user, onderzoek=self.onderzoek, **data)

    def succes(self, resultaat):
        messages.success(self.request, self.melding)
        return redirect("handhaving:onderzoek", pk=self.client.pk, onderzoek_pk=self.onderzoek.pk)


class SamenloopView(KlantreisFormView):
    actie = rules.SAMENLOOP
    form_class = SamenloopForm
    template_name = "handhaving/samenloop.html"
    object_type = "samenloopsignaal"
    melding = "Het samenloopsignaal is geregistreerd; het staat klaar voor triage."

    def opslaan(self, data, form):
        return services.samenloop_registreer(actor=self.request.user, client=self.client, **data)


onderzoek_start = OnderzoekStartView.as_view()
onderzoek_besluit = OnderzoekBesluitView.as_view()
onderzoek = OnderzoekView.as_view()
samenloop = SamenloopView.as_view()


@login_required
@require_http_methods(["GET", "POST"])
def triage(request):
    """Samenloopsignalen waiting for triage (handhaver)."""
    require(request.user, rules.TRIAGE)
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
    lijst_bekeken(request, object_type="triage", client_ids=[s.client_id for s in page])
    return render(
        request, "handhaving/triage.html", {"page": page, "keuzes": Samenloopsignaal.Triage.choices}
    )


@login_required
@require_http_methods(["GET"])
def onderzoeken(request):
    """Running rechtmatigheidsonderzoeken, oldest first, with days since the start and the
    passed hersteltermijnen highlighted (handhaver and inkomensconsulent)."""
    require(request.user, rules.ONDERZOEK)
    page = Paginator(selectors.onderzoeken_lopend(user=request.user), 25).get_page(
        request.GET.get("pagina")
    )
    lijst_bekeken(
        request, object_type="lopende onderzoeken", client_ids=[o.client_id for o in page]
    )
    return render(request, "handhaving/onderzoeken.html", {"page": page, "peildatum": today()})
