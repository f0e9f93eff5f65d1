import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods

from clients.access import lijst_bekeken
from clients.constants import GroeienKenmerk
from clients.groepen.models import Groepslidmaatschap
from clients.klantreis_views import KlantreisFormView
from clients.models import Client
from clients.selectors import _with_current, client_get_visible
from deventer_werk.access import gebruikers_met, may, require
from deventer_werk.audit.constants import Actie
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today
from deventer_werk.forms import form_add_service_errors
from klantgroepen.advies import adviesregels, klantgroep_advies
from klantgroepen.constants import Perspectief

from . import rules, selectors, services
from .forms import (
    AanvraagForm,
    AanwezigheidForm,
    AmbitiegesprekForm,
    BesluitForm,
    KickoffBestandForm,
    KickoffSessieForm,
    LadderForm,
    ScreeningForm,
)
from .models import KickoffUitnodiging
from .services.bestand import kickoff_bestand_nodig_uit
from .services.vervolg import WERKCOACH, kickoff_standaard_afspraak, kickoff_vervolg_voor


class ScreeningView(KlantreisFormView):
    actie = rules.SCREENING
    form_class = ScreeningForm
    template_name = "intake/screening.html"
    object_type = "screening"
    melding = "De screening is vastgelegd."

    def opslaan(self, data, form):
        return services.screening_leg_vast(
            actor=self.request.user,
            client=self.client,
            datum=data["datum"],
            antwoorden=form.antwoorden(),
            rechtmatigheid=data["rechtmatigheid"],
            uitkomst=data["uitkomst"],
            verwijzingen=list(data["verwijzingen"]),
            urgente_signalen=data["urgente_signalen"],
            signaal_toelichting=data["signaal_toelichting"],
            reden_geen_recht=data["reden_geen_recht"],
            afspraak_op=form.afspraak_op(),
            intaker=data["intaker"],
            toelichting=data["toelichting"],
        )


class AanvraagView(KlantreisFormView):
    actie = rules.AANVRAAG
    form_class = AanvraagForm
    template_name = "intake/aanvraag.html"
    object_type = "aanvraag"
    melding = "De aanvraag is geregistreerd; de beslistermijn loopt."

    def opslaan(self, data, form):
        return services.aanvraag_registreer(actor=self.request.user, client=self.client, **data)


class BesluitView(KlantreisFormView):
    actie = rules.BESLUIT
    form_class = BesluitForm
    template_name = "intake/besluit.html"
    object_type = "besluit"
    melding = "Het besluit is vastgelegd."

    def laad(self, **kwargs) -> None:
        self.aanvraag = selectors.aanvraag_open(client=self.client)
        if self.aanvraag is None:
            # no application waiting for a decision: the child object does not exist
            raise Http404("Geen openstaande aanvraag")

    def get_form_kwargs(self):
        return {"aanvraag": self.aanvraag}

    def extra_context(self):
        return {"aanvraag": self.aanvraag, "vandaag": timezone.localdate()}

    def opslaan(self, data, form):
        return services.aanvraag_besluit(
            actor=self.request.user,
            aanvraag=self.aanvraag,
            versie=data["versie"],
            besluit=data["besluit"],
            besluitdatum=data["besluitdatum"],
            reden=data["reden"],
            documenten_compleet_op=data["documenten_compleet_op"],
        )


class AmbitiegesprekView(KlantreisFormView):
    actie = rules.AMBITIEGESPREK
    form_class = AmbitiegesprekForm
    template_name = "intake/ambitiegesprek.html"
    object_type = "ambitiegesprek"
    melding = "Het ambitiegesprek is vastgelegd en de klant is ingedeeld."
    #: Opened through the purpose-bound access (a client outside need-to-know, policy §4.1).
    doelgebonden = False

    def open_client(self, request, pk):
        """Need-to-know first; a DWT intaker also opens a client outside it while the client
        has no ambitiegesprek (DESIGN §1, purpose-bound), only this page and audited. Anything
        else is the usual audited 404."""
        client = client_get_visible(user=request.user, pk=pk)
        if client is None:
            client = selectors.ambitiegesprekken_te_houden(user=request.user).filter(pk=pk).first()
            self.doelgebonden = client is not None
        if client is None:
            return super().open_client(request, pk)
        return client

    def audit_details(self):
        return {"toegang": "doelgebonden", "grond": "beleid §4.1"} if self.doelgebonden else None

    def extra_context(self):
        """The advice of the beleidsregels and why (issue 27): from what is known of the
        client, and on a form shown again also from what was filled in."""
        perspectief = self.request.POST.get("perspectief", "")
        regels = adviesregels()
        periode = self.client.perioden.filter(einddatum__isnull=True).first()
        kenmerken = services.ambitie_kenmerken(
            self.client,
            periode=periode,
            datum=today(),
            perspectief=perspectief if perspectief in Perspectief.values else "",
            groeien_kenmerken=[
                k
                for k in self.request.POST.getlist("groeien_kenmerken")
                if k in GroeienKenmerk.values
            ],
        )
        return {
            "doelgebonden": self.doelgebonden,
            "advies": klantgroep_advies(kenmerken, regels=regels),
            "adviesregels": regels,
        }

    def render(self, form):
        if self.doelgebonden and self.request.method == "POST":
            # the form shown again (with errors) is a read as well
            audit_record(
                actor=self.request.user,
                actie=Actie.BEKEKEN,
                client_id=self.client.pk,
                object_type=self.object_type,
                request=self.request,
                details=self.audit_details(),
            )
        return super().render(form)

    def succes(self, resultaat):
        # policy §3.2: the client leaves the gesprek with the kick-off date
        uitnodiging = services.kickoff_open_uitnodiging(client_id=self.client.pk)
        if uitnodiging is not None:
            self.melding = f"{self.melding} {kickoff_melding(uitnodiging)}"
        if (
            self.doelgebonden
            and not Client.objects.visible_to(self.request.user).filter(pk=self.client.pk).exists()
        ):
            messages.success(self.request, self.melding)
            messages.info(
                self.request,
                f"{self.client.volledige_naam} blijft onder de regie van Inkomensondersteuning; "
                "de inkomensconsulent ziet de uitkomst in het dossier. Uw toegang voor dit "
                "gesprek is nu gesloten.",
            )
            return redirect("intake:zonder_ambitiegesprek")
        return super().succes(resultaat)

    def opslaan(self, data, form):
        return services.ambitiegesprek_leg_vast(
            actor=self.request.user,
            client=self.client,
            datum=data["datum"],
            antwoorden=form.antwoorden(),
            participatieladder=data["participatieladder"],
            gekozen_klantgroep=data["gekozen_klantgroep"],
            geadviseerde_klantgroep=data["geadviseerde_klantgroep"],
            motivatie=data["motivatie"],
            perspectief=data["perspectief"],
            leefgebieden_toelichting=data["leefgebieden_toelichting"],
            gedeelde_leefgebieden=data["gedeelde_leefgebieden"],
            rechten_plichten_op=data["rechten_plichten_op"],
            **{k: data[k] for k in AMBITIE_AFSPRAKEN},
        )


AMBITIE_AFSPRAKEN = (
    "feedbackmethode",
    "feedbackmethode_toelichting",
    "huisbezoek",
    "commitment",
    "afspraak_getekend_op",
    "commitment_reden",
    "groeien_kenmerken",
)


class LadderView(KlantreisFormView):
    actie = rules.LADDER
    form_class = LadderForm
    template_name = "intake/ladder.html"
    object_type = "participatieladder"
    melding = "De trede op de participatieladder is vastgelegd."

    def opslaan(self, data, form):
        return services.ladder_meet(
            actor=self.request.user, client=self.client, datum=data["datum"], trede=data["trede"]
        )


def kickoff_melding(uitnodiging: KickoffUitnodiging) -> str:
    """What the intaker tells the client at the end of the gesprek."""
    if uitnodiging.sessie is None:
        groep = Groepslidmaatschap.objects.huidig(uitnodiging.client)
        naam = groep.klantgroep.naam if groep else ""
        return (
            f"Er is nog geen kick-off {naam} met een vrije plaats: de klant staat op de "
            "wachtlijst, de trainers plannen een bijeenkomst en de uitnodiging volgt dan "
            "automatisch."
        )
    sessie = uitnodiging.sessie
    wanneer = date_format(timezone.localtime(sessie.datum), "l j F Y \\o\\m H:i")
    return f"Uitgenodigd voor de kick-off {sessie.klantgroep.naam} op {wanneer} ({sessie.plaats})."


def _bevestig(request, sessie, uitnodiging: KickoffUitnodiging):
    """The client confirmed they will come: a message either way, back to the list."""
    try:
        versie = int(request.POST.get("versie", ""))
    except ValueError:
        versie = -1  # a page without a version is outdated
    try:
        services.kickoff_bevestig(actor=request.user, uitnodiging=uitnodiging, versie=versie)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"De komst van {uitnodiging.client.volledige_naam} is bevestigd.")
    return redirect("intake:kickoff_sessie", sessie_pk=sessie.pk)


def _vervolg_context(sessie) -> dict | None:
    """What the trainer arranges for a present client of this session's group (§4.1)."""
    vervolg = kickoff_vervolg_voor(sessie.klantgroep)
    if vervolg is None:
        return None
    return {
        "label": vervolg.label,
        "leeg": "Nog niemand: teamwachtrij (claimen)"
        if vervolg is WERKCOACH
        else "Nog niemand: teamwachtrij",
        "medewerkers": list(gebruikers_met(vervolg.actie)),
        "datum": kickoff_standaard_afspraak(sessie.datum),
        "taak": "Eerste afspraak" if vervolg is WERKCOACH else "Kennismaking",
    }


def _aanwezigheid_melding(uitnodiging: KickoffUitnodiging) -> str:
    """The confirmation names where a client who missed the kick-off is invited next."""
    naam = uitnodiging.client.volledige_naam
    tekst = f"Aanwezigheid van {naam} is vastgelegd."
    volgende = services.kickoff_open_uitnodiging(client_id=uitnodiging.client_id)
    if volgende is not None and volgende.vorige_id == uitnodiging.pk:
        tekst += f" {naam} is opnieuw uitgenodigd: {services.uitnodiging_omschrijving(volgende)}."
    return tekst


screening = ScreeningView.as_view()
aanvraag = AanvraagView.as_view()
besluit = BesluitView.as_view()
ambitiegesprek = AmbitiegesprekView.as_view()
ladder = LadderView.as_view()


@login_required
def zonder_ambitiegesprek(request):
    """The bestand still to talk to (policy: an ambitiegesprek with everyone), each row a
    link to the gesprek (not the dossier: an IO-regie client is opened for the gesprek only)."""
    require(request.user, rules.ZONDER_AMBITIEGESPREK)
    # only the gesprekken this user may hold (the same door as the gesprek page)
    qs = _with_current(selectors.ambitiegesprekken_te_houden(user=request.user)).order_by(
        "achternaam", "voornamen", "pk"
    )
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    lijst_bekeken(request, object_type="zonder_ambitiegesprek", client_ids=[c.pk for c in page])
    return render(request, "intake/zonder_ambitiegesprek.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def kickoff_sessies(request):
    """Sessions with counts (no names); a trainer plans new ones."""
    require(request.user, rules.KICKOFF_BEKIJKEN)
    mag_plannen = may(request.user, rules.KICKOFF_PLANNEN)
    form = KickoffSessieForm(request.POST or None) if mag_plannen else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.kickoff_sessie_plan(
                    actor=request.user,
                    klantgroep=d["klantgroep"],
                    plaats=d["plaats"],
                    datum=timezone.make_aware(datetime.datetime.combine(d["datum"], d["tijd"])),
                    trainer=d["trainer"],
                    capaciteit=d["capaciteit"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, "De kick-offbijeenkomst is gepland.")
                return redirect("intake:kickoff_sessies")
    page = Paginator(selectors.kickoff_sessies_voor(user=request.user), 50).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "intake/kickoff_sessies.html",
        {
            "page": page,
            "form": form,
            "wachtend": selectors.kickoff_wachtend_per_groep(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def kickoff_sessie(request, sessie_pk):
    """Attendance list: names and attendance only (a trainer has no dossier access). Only the
    session's own trainer records attendance; another trainer's session is a 404."""
    require(request.user, rules.KICKOFF_BEKIJKEN)
    sessie = selectors.kickoff_sessie_detail(user=request.user, sessie_pk=sessie_pk)
    if sessie is None:
        raise Http404
    mag_vastleggen = sessie.trainer_id == request.user.pk and may(
        request.user, rules.KICKOFF_AANWEZIGHEID
    )
    fouten: dict[int, list[str]] = {}
    if request.method == "POST":
        if not mag_vastleggen:
            raise PermissionDenied
        uitnodiging = next(
            (u for u in sessie.uitnodigingen.all() if str(u.pk) == request.POST.get("uitnodiging")),
            None,
        )
        if uitnodiging is None:
            raise Http404
        if request.POST.get("actie") == "bevestigen":
            return _bevestig(request, sessie, uitnodiging)
        vervolg = kickoff_vervolg_voor(sessie.klantgroep)
        form = AanwezigheidForm(
            request.POST, medewerkers=gebruikers_met(vervolg.actie) if vervolg else None
        )
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.kickoff_aanwezigheid(
                    actor=request.user,
                    uitnodiging=uitnodiging,
                    aanwezigheid=d["aanwezigheid"],
                    versie=d["versie"],
                    contactpersoon=d["contactpersoon"],
                    afspraak_datum=d["afspraak_datum"],
                    afspraak_tijd=d["afspraak_tijd"],
                )
            except ValidationError as exc:
                fouten[uitnodiging.pk] = exc.messages
            else:
                messages.success(request, _aanwezigheid_melding(uitnodiging))
                return redirect("intake:kickoff_sessie", sessie_pk=sessie.pk)
        else:
            fouten[uitnodiging.pk] = [e for errs in form.errors.values() for e in errs]
    audit_record(
        actor=request.user,
        actie=Actie.BEKEKEN,
        object_type="kickoff_presentielijst",
        request=request,
        details={"sessie": sessie.pk, "aantal_namen": len(sessie.uitnodigingen.all())},
    )
    return render(
        request,
        "intake/kickoff_sessie.html",
        {
            "vervolg": _vervolg_context(sessie) if mag_vastleggen else None,
            "sessie_komt": sessie.datum > timezone.now(),
            "sessie": sessie,
            "mag_vastleggen": mag_vastleggen,
            "fouten": fouten,
            "gekozen": request.POST.get("aanwezigheid") if fouten else None,
            "keuzes": [c for c in KickoffUitnodiging.Aanwezigheid.choices if c[0]],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def kickoff_bestand(request):
    """The trainer invites the existing bestand in batches of a chosen size (no names shown:
    counts per group and the seats a batch may take)."""
    require(request.user, rules.KICKOFF_PLANNEN)
    form = KickoffBestandForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        groep = form.cleaned_data["klantgroep"]
        try:
            uitslag = kickoff_bestand_nodig_uit(
                actor=request.user, klantgroep=groep, aantal=form.cleaned_data["aantal"]
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            tekst = (
                f"{uitslag.uitgenodigd} klant{'en' if uitslag.uitgenodigd != 1 else ''} van "
                f"{groep.naam} uit het bestaande bestand uitgenodigd (gevraagd: "
                f"{uitslag.gevraagd}); per bijeenkomst blijven {uitslag.reserve} plaatsen vrij "
                "voor nieuwe klanten."
            )
            if uitslag.uitgenodigd < min(uitslag.gevraagd, uitslag.kandidaten):
                tekst += " Er zijn niet meer plaatsen: plan een extra bijeenkomst."
            messages.success(request, tekst)
            return redirect("intake:kickoff_bestand")
    return render(
        request,
        "intake/kickoff_bestand.html",
        {"form": form, "groepen": selectors.kickoff_bestand_overzicht()},
    )
