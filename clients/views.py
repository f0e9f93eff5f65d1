from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from clients.groepen.models import Groepslidmaatschap
from clients.groepen.services import groepsindeling_wijzig, soort_wijziging
from deventer_werk.access import may, require
from deventer_werk.audit.constants import Actie
from deventer_werk.audit.services import audit_record
from deventer_werk.forms import form_add_service_errors

from . import rules
from .access import client_open_or_404, lijst_bekeken
from .forms import (
    BsnZoekForm,
    ClientEditForm,
    ClientRegisterForm,
    ClientZoekForm,
    ContactpersoonForm,
    GroepsindelingForm,
    SignaalAfhandelForm,
    SignaalAfhandelMetHulpForm,
    SignaalMeldForm,
)
from .klantreis_views import KlantreisFormView
from .models import Signaal
from .registry import ACTIES, SECTIES, actie_belemmering
from .selectors import (
    EIGEN_MELDINGEN_WEKEN,
    client_dossier,
    client_list_mijn_klanten,
    client_search,
    correcties_sectie,
)
from .services import (
    CLIENT_EDITABLE_FIELDS,
    client_register,
    client_update,
    contactpersoon_wijs_toe,
)
from .signalen import directe_hulp_open, signaal_handel_af, signaal_meld
from .tijdlijn import tijdlijn_soorten, tijdlijn_voor

PAGE_SIZE = 50


@login_required
def mijn_klanten(request):
    require(request.user, rules.DOSSIERWERK)
    page = Paginator(client_list_mijn_klanten(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    lijst_bekeken(request, object_type="mijn_klanten", client_ids=[c.pk for c in page])
    return render(
        request,
        "clients/mijn_klanten.html",
        {
            "page": page,
            "eigen_meldingen": may(request.user, rules.EIGEN_MELDINGEN),
            "eigen_meldingen_weken": EIGEN_MELDINGEN_WEKEN,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def zoeken(request):
    """Search by name/birth date or by BSN, both POST: names and BSNs stay out of URLs and
    access logs."""
    require(request.user, rules.DOSSIERWERK)
    op_bsn = "b-bsn" in request.POST
    zoek_form = ClientZoekForm(request.POST if request.POST and not op_bsn else None, prefix="z")
    bsn_form = BsnZoekForm(request.POST if op_bsn else None, prefix="b")
    results = None
    if op_bsn:
        if bsn_form.is_valid():
            results = list(client_search(user=request.user, bsn=bsn_form.cleaned_data["bsn"])[:50])
            criterium = "bsn"
            bsn_form = BsnZoekForm(prefix="b")  # do not echo the BSN back into the page
    elif zoek_form.is_bound and zoek_form.is_valid():
        data = zoek_form.cleaned_data
        results = list(
            client_search(
                user=request.user, naam=data["naam"], geboortedatum=data["geboortedatum"]
            )[:50]
        )
        criterium = "naam/geboortedatum"
    if results is not None:
        audit_record(
            actor=request.user,
            actie=Actie.GEZOCHT,
            object_type="klant",
            request=request,
            details={"criterium": criterium, "aantal": len(results)},
        )
    return render(
        request,
        "clients/zoeken.html",
        {
            "zoek_form": zoek_form,
            "bsn_form": bsn_form,
            "results": results,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def registreren(request):
    require(request.user, rules.REGISTREREN)
    form = ClientRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            client = client_register(
                actor=request.user,
                bsn=data["bsn"],
                melddatum=data["melddatum"],
                startdatum_uitkering=data["startdatum_uitkering"],
                request=request,
                **{k: data[k] for k in CLIENT_EDITABLE_FIELDS},
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "De melding is geregistreerd.")
            return redirect("clients:dossier", pk=client.pk)
    return render(request, "clients/registreren.html", {"form": form})


@login_required
def dossier(request, pk):
    client = client_open_or_404(request, pk)
    require(request.user, rules.DOSSIER_BEKIJKEN)
    context = {
        "client": client,
        **client_dossier(client=client),
        **correcties_sectie(client=client),
    }
    secties = [
        {
            "key": s.key,
            "plek": s.plek,
            "template": s.template,
            "data": s.context(client=client, user=request.user),
        }
        for s in SECTIES
        if may(request.user, s.actie)
    ]
    # What the sections loaded answers the actions' belemmeringen (``DossierActie.sectie``).
    context["secties"] = {s["key"]: s["data"] for s in secties}
    context["secties_boven"] = [s for s in secties if s["plek"] == "boven"]
    context["secties_midden"] = [s for s in secties if s["plek"] != "boven"]
    # Only what can succeed for this dossier's state (no "Besluit op aanvraag" without an
    # open aanvraag, no voortgangsgesprek in a closed dossier): a link that ends in a refusal
    # reads as a permission problem.
    context["acties"] = [
        {"label": a.label, "url": reverse(a.url_name, args=[client.pk])}
        for a in ACTIES
        if may(request.user, a.actie)
        and not (a.belemmering and a.belemmering(client=client, user=request.user, dossier=context))
    ]
    # The links in the dossier's own sections, likewise (zero queries).
    context["kan"] = {
        naam: not actie_belemmering(f"clients:{naam}", client=client, user=request.user)
        for naam in ("groepsindeling", "contactpersoon")
    }
    return render(request, "clients/dossier.html", context)


@login_required
@require_http_methods(["POST"])
def bsn_tonen(request, pk):
    """The full BSN on request (DESIGN.md §1: IO roles, masked by default, shown on request,
    audited): a POST, so the BSN never sits in a URL or a browser history, one audit row per
    look, and the page is not cached (no-store on every authenticated answer)."""
    client = client_open_or_404(request, pk, actie=Actie.GEWIJZIGD, object_type="bsn")
    require(request.user, rules.BSN_VOLLEDIG)
    audit_record(
        actor=request.user,
        actie=Actie.BEKEKEN,
        client_id=client.pk,
        object_type="bsn_volledig",
        request=request,
    )
    return render(request, "clients/bsn.html", {"client": client})


@login_required
def tijdlijn(request, pk):
    client = client_open_or_404(request, pk, object_type="tijdlijn")
    require(request.user, rules.TIJDLIJN_BEKIJKEN)
    soorten = set(request.GET.getlist("soort")) & {k for k, _ in tijdlijn_soorten(request.user)}
    items = tijdlijn_voor(client=client, user=request.user, soorten=soorten or None)
    return render(
        request,
        "clients/tijdlijn.html",
        {
            "client": client,
            "items": items,
            "soorten": tijdlijn_soorten(request.user),
            "gekozen": soorten,
        },
    )


class SignaalAfhandelenView(KlantreisFormView):
    actie = rules.SIGNAAL_AFHANDELEN
    form_class = SignaalAfhandelForm
    template_name = "clients/signaal_afhandelen.html"
    object_type = "signaal"

    def laad(self, *, signaal_id: int) -> None:
        self.signaal = get_object_or_404(Signaal, pk=signaal_id, client=self.client)

    def get_form(self):
        # direct help can still be recorded while the melding said "nog geen" (issue 30)
        form_class = (
            SignaalAfhandelMetHulpForm if directe_hulp_open(self.signaal) else self.form_class
        )
        return form_class(self.request.POST or None)

    def extra_context(self):
        return {"signaal": self.signaal}

    def opslaan(self, data, form):
        return signaal_handel_af(
            actor=self.request.user,
            signaal=self.signaal,
            afhandeling=data["afhandeling"],
            **form.directe_hulp_data(),
        )

    def succes(self, resultaat):
        soort = self.signaal.get_soort_display()
        messages.success(self.request, f"Het signaal '{soort}' is afgehandeld.")
        return redirect("clients:dossier", pk=self.client.pk)


class BewerkenView(KlantreisFormView):
    actie = rules.GEGEVENS_BEWERKEN
    form_class = ClientEditForm
    template_name = "clients/bewerken.html"
    object_type = "klant"
    melding = "De gegevens zijn opgeslagen."

    def get_form(self):
        initial = {k: getattr(self.client, k) for k in CLIENT_EDITABLE_FIELDS}
        initial["versie"] = self.client.versie
        return self.form_class(self.request.POST or None, initial=initial, instance=None)

    def opslaan(self, data, form):
        return client_update(
            actor=self.request.user,
            client=self.client,
            versie=data["versie"],
            request=self.request,
            **{k: data[k] for k in CLIENT_EDITABLE_FIELDS},
        )

    def succes(self, resultaat):
        messages.success(self.request, self.melding)
        return redirect("clients:dossier", pk=self.client.pk)


class GroepsindelingView(KlantreisFormView):
    actie = rules.GROEP_WIJZIGEN
    form_class = GroepsindelingForm
    template_name = "clients/groepsindeling.html"
    object_type = "klantgroep"

    def get_form(self):
        return self.form_class(self.request.POST or None)

    def extra_context(self):
        huidig = Groepslidmaatschap.objects.huidig(self.client)
        return {"huidig": huidig}

    def opslaan(self, data, form):
        huidig = Groepslidmaatschap.objects.huidig(self.client)
        return groepsindeling_wijzig(
            actor=self.request.user,
            client=self.client,
            klantgroep=data["klantgroep"],
            van=data["van"],
            soort=soort_wijziging(huidig.klantgroep if huidig else None, data["klantgroep"]),
            reden=data["reden"],
            gekozen_klantgroep=data["klantgroep"],
            geadviseerde_klantgroep=data["geadviseerde_klantgroep"],
        )

    def succes(self, resultaat):
        naam = resultaat.lidmaatschap.klantgroep.naam
        messages.success(self.request, f"De klant is ingedeeld in {naam}.")
        for warning in resultaat.waarschuwingen:
            messages.warning(self.request, warning)
        return redirect("clients:dossier", pk=self.client.pk)


class ContactpersoonView(KlantreisFormView):
    actie = rules.CONTACT_WIJZIGEN
    form_class = ContactpersoonForm
    template_name = "clients/contactpersoon.html"
    object_type = "contactpersoon"
    melding = "De contactpersoon is vastgelegd."

    def get_form(self):
        return self.form_class(self.request.POST or None)

    def opslaan(self, data, form):
        return contactpersoon_wijs_toe(
            actor=self.request.user,
            client=self.client,
            medewerker=data["medewerker"],
            van=data["van"],
        )

    def succes(self, resultaat):
        messages.success(self.request, self.melding)
        return redirect("clients:dossier", pk=self.client.pk)


class SignaalMeldenView(KlantreisFormView):
    """Raise a signal: urgent needs, or for handhaving a Groeien client who does not
    cooperate, or someone in Zorgen who seems able to do more."""

    actie = rules.SIGNAAL_MELDEN
    form_class = SignaalMeldForm
    template_name = "clients/signaal_melden.html"
    object_type = "signaal"
    melding = "Het signaal is gemeld en staat bovenaan het dossier tot het is afgehandeld."

    def opslaan(self, data, form):
        return signaal_meld(
            actor=self.request.user,
            client=self.client,
            soort=data["soort"],
            omschrijving=data["omschrijving"],
            bron="handmatig",
            **form.directe_hulp_data(),
        )


signaal_afhandelen = SignaalAfhandelenView.as_view()
bewerken = BewerkenView.as_view()
groepsindeling = GroepsindelingView.as_view()
contactpersoon = ContactpersoonView.as_view()
signaal_melden = SignaalMeldenView.as_view()
