from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from clients.groepen.services import groepsindeling_wijzig
from deventer_werk.audit.constants import Actie
from deventer_werk.audit.services import audit_record
from deventer_werk.forms import form_add_service_errors

from .access import client_open_or_404
from .forms import (
    BsnZoekForm,
    ClientEditForm,
    ClientRegisterForm,
    ClientZoekForm,
    ContactpersoonForm,
    GroepsindelingForm,
    SignaalAfhandelForm,
)
from .models import Signaal
from .registry import ACTIES, SECTIES
from .rules import CONTACT_ROLLEN, GROEP_WIJZIGEN_ROLLEN, REGISTREREN_ROLLEN
from .selectors import client_dossier, client_list_mijn_klanten, client_search
from .services import (
    CLIENT_EDITABLE_FIELDS,
    ConcurrentEditError,
    client_register,
    client_update,
    contactpersoon_wijs_toe,
)
from .signalen import signaal_handel_af
from .tijdlijn import tijdlijn_soorten, tijdlijn_voor

PAGE_SIZE = 50


def _require_dossier_user(request) -> None:
    if not request.user.werkt_in_dossiers:
        raise PermissionDenied


def _require_role(request, rollen) -> None:
    if not request.user.heeft_rol(*rollen):
        raise PermissionDenied


@login_required
def mijn_klanten(request):
    _require_dossier_user(request)
    page = Paginator(client_list_mijn_klanten(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "clients/mijn_klanten.html",
        {"page": page, "mag_registreren": request.user.heeft_rol(*REGISTREREN_ROLLEN)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def zoeken(request):
    """Search by name/birth date (GET) or by BSN (POST: the BSN never appears in a URL)."""
    _require_dossier_user(request)
    zoek_form = ClientZoekForm(request.GET or None, prefix="z")
    bsn_form = BsnZoekForm(request.POST or None, prefix="b")
    results = None
    if request.method == "POST":
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
            "mag_registreren": request.user.heeft_rol(*REGISTREREN_ROLLEN),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def registreren(request):
    _require_role(request, REGISTREREN_ROLLEN)
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
    context = {"client": client, **client_dossier(client=client)}
    context["mag_groep_wijzigen"] = request.user.heeft_rol(*GROEP_WIJZIGEN_ROLLEN)
    context["mag_contact_wijzigen"] = request.user.heeft_rol(*CONTACT_ROLLEN)
    secties = [
        {
            "plek": s.plek,
            "template": s.template,
            "data": s.context(client=client, user=request.user),
        }
        for s in SECTIES
    ]
    context["secties_boven"] = [s for s in secties if s["plek"] == "boven"]
    context["secties_midden"] = [s for s in secties if s["plek"] != "boven"]
    context["acties"] = [
        {"label": a.label, "url": reverse(a.url_name, args=[client.pk])}
        for a in ACTIES
        if not a.rollen or request.user.heeft_rol(*a.rollen)
    ]
    return render(request, "clients/dossier.html", context)


@login_required
def tijdlijn(request, pk):
    client = client_open_or_404(request, pk, object_type="tijdlijn")
    soorten = set(request.GET.getlist("soort")) & {k for k, _ in tijdlijn_soorten()}
    items = tijdlijn_voor(client=client, soorten=soorten or None)
    return render(
        request,
        "clients/tijdlijn.html",
        {"client": client, "items": items, "soorten": tijdlijn_soorten(), "gekozen": soorten},
    )


@login_required
@require_http_methods(["GET", "POST"])
def signaal_afhandelen(request, pk, signaal_id):
    _require_dossier_user(request)
    client = client_open_or_404(request, pk, actie=Actie.GEWIJZIGD, object_type="signaal")
    signaal = get_object_or_404(Signaal, pk=signaal_id, client=client)
    form = SignaalAfhandelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signaal_handel_af(
                actor=request.user, signaal=signaal, afhandeling=form.cleaned_data["afhandeling"]
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(
                request, f"Het signaal '{signaal.get_soort_display()}' is afgehandeld."
            )
            return redirect("clients:dossier", pk=client.pk)
    return render(
        request,
        "clients/signaal_afhandelen.html",
        {"form": form, "client": client, "signaal": signaal},
    )


@login_required
@require_http_methods(["GET", "POST"])
def bewerken(request, pk):
    client = client_open_or_404(request, pk, actie=Actie.GEWIJZIGD, object_type="klant")
    initial = {k: getattr(client, k) for k in CLIENT_EDITABLE_FIELDS}
    initial["versie"] = client.versie
    form = ClientEditForm(request.POST or None, initial=initial, instance=None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            client_update(
                actor=request.user,
                client=client,
                versie=data["versie"],
                request=request,
                **{k: data[k] for k in CLIENT_EDITABLE_FIELDS},
            )
        except ConcurrentEditError as exc:
            form.add_error(None, exc)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "De gegevens zijn opgeslagen.")
            return redirect("clients:dossier", pk=client.pk)
    return render(request, "clients/bewerken.html", {"form": form, "client": client})


@login_required
@require_http_methods(["GET", "POST"])
def groepsindeling(request, pk):
    _require_role(request, GROEP_WIJZIGEN_ROLLEN)
    client = client_open_or_404(request, pk, actie=Actie.GEWIJZIGD, object_type="klantgroep")
    form = GroepsindelingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = groepsindeling_wijzig(
                actor=request.user,
                client=client,
                klantgroep=data["klantgroep"],
                van=data["van"],
                soort=data["soort"],
                reden=data["reden"],
                gekozen_klantgroep=data["gekozen_klantgroep"],
                geadviseerde_klantgroep=data["geadviseerde_klantgroep"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"De klant is ingedeeld in {data['klantgroep'].naam}.")
            for warning in result.waarschuwingen:
                messages.warning(request, warning)
            return redirect("clients:dossier", pk=client.pk)
    return render(request, "clients/groepsindeling.html", {"form": form, "client": client})


@login_required
@require_http_methods(["GET", "POST"])
def contactpersoon(request, pk):
    _require_role(request, CONTACT_ROLLEN)
    client = client_open_or_404(request, pk, actie=Actie.GEWIJZIGD, object_type="contactpersoon")
    form = ContactpersoonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contactpersoon_wijs_toe(
                actor=request.user,
                client=client,
                medewerker=form.cleaned_data["medewerker"],
                van=form.cleaned_data["van"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "De contactpersoon is vastgelegd.")
            return redirect("clients:dossier", pk=client.pk)
    return render(request, "clients/contactpersoon.html", {"form": form, "client": client})


@login_required
@require_http_methods(["GET", "POST"])
def signaal_melden(request, pk):
    """Raise a signal: urgent needs, or for handhaving a Groeien client who does not
    cooperate, or someone in Zorgen who seems able to do more."""
    from deventer_werk.accounts.constants import DOSSIER_ROLLEN

    from .forms import SignaalMeldForm
    from .klantreis_views import klantreis_formulier
    from .signalen import signaal_meld

    def opslaan(client, data):
        signaal_meld(
            actor=request.user,
            client=client,
            soort=data["soort"],
            omschrijving=data["omschrijving"],
            bron="handmatig",
        )

    return klantreis_formulier(
        request,
        pk,
        rollen=tuple(DOSSIER_ROLLEN),
        form_factory=SignaalMeldForm,
        opslaan=opslaan,
        template="clients/signaal_melden.html",
        object_type="signaal",
        melding="Het signaal is gemeld en staat bovenaan het dossier tot het is afgehandeld.",
    )
