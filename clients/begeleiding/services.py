"""Begeleiding services: plan van aanpak, voortgangsgesprek, uitstroom."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from clients.constants import (
    Commitment,
    Fase,
    GedeeldOnderwerp,
    GroeienKenmerk,
    SignaalSoort,
    TaakSoort,
)
from clients.groepen.models import Groepslidmaatschap
from clients.groepen.services import groepsindeling_wijzig, soort_wijziging
from clients.models import Client, Taak
from clients.rules import HANDHAVERS_WACHTRIJ
from clients.services import ConcurrentEditError
from clients.signalen import handhaving_vraag_plan, signaal_meld
from clients.taken import taak_plan, taak_rond_af_voor, taak_vervallen
from clients.validators import afspraken_controleer
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import add_months, today
from klantgroepen.models import Klantgroep

from .models import Minimaregeling, PlanActie, PlanDoel, PlanVanAanpak, Voortgangsgesprek

if TYPE_CHECKING:
    from clients.intake.models import Netwerkpartner
    from deventer_werk.accounts.models import User


PLAN_GROEPEN = {"matchen", "groeien", "faciliteren"}


@dataclass
class DoelInvoer:
    leefgebied: str
    omschrijving: str
    acties: list[dict]  # {"omschrijving", "eigenaar", "deadline", "status"}


def _huidige_groep(client: Client) -> Groepslidmaatschap | None:
    return Groepslidmaatschap.objects.huidig(client)


#: A rechtmatigheidsonderzoek planned because a voortgangsgesprek did not test it is due
#: this many days after the gesprek.
RECHTMATIGHEID_APART_DAGEN = 28


def _rechtmatigheid_apart_plan(*, gesprek: Voortgangsgesprek) -> None:
    """The separate review for a gesprek that skipped the rechtmatigheid test; where an open
    review exists already it stands (one open review per client)."""
    taak_plan(
        client=gesprek.client,
        soort=TaakSoort.RECHTMATIGHEID,
        omschrijving=(
            f"Rechtmatigheidsonderzoek: niet getoetst in het voortgangsgesprek van "
            f"{gesprek.datum:%d-%m-%Y}"
        ),
        datum=max(gesprek.datum, today()) + datetime.timedelta(days=RECHTMATIGHEID_APART_DAGEN),
        **HANDHAVERS_WACHTRIJ,
        sleutel=f"rechtmatigheid-gesprek:{gesprek.pk}",
    )


def _plan_taken(*, actor: User, plan: PlanVanAanpak, klantgroep: Klantgroep) -> None:
    """The plan's work on its author's werkvoorraad: the revision after the group's interval
    (``plan_herzien_maanden``, else the general term in which a plan is actueel) and every
    running action the professional owns, due on its deadline. The previous version's open
    action tasks lapse: the new version carries the actions that still run. Actions the
    client owns are followed up in the next gesprek, not as a task."""
    from .selectors import plan_actueel_maanden

    taak_vervallen(
        taken=Taak.objects.filter(client_id=plan.client_id, soort=TaakSoort.ACTIE),
        reden=f"Plan herzien: de acties staan in versie {plan.versie}",
        door=actor,
    )
    maanden = klantgroep.plan_herzien_maanden or plan_actueel_maanden()
    taak_plan(
        client=plan.client,
        soort=TaakSoort.PLAN_HERZIEN,
        omschrijving=f"Plan van aanpak herzien (versie {plan.versie} van "
        f"{plan.vastgesteld_op:%d-%m-%Y}, elke {maanden} maanden)",
        datum=add_months(plan.vastgesteld_op, maanden),
        medewerker=actor,
        sleutel=f"plan_herzien:{plan.pk}",
    )
    lopend = (PlanActie.Status.OPEN, PlanActie.Status.BEZIG)
    Taak.objects.bulk_create(
        Taak(
            client_id=plan.client_id,
            soort=TaakSoort.ACTIE,
            omschrijving=f"Actie uit plan van aanpak: {actie.omschrijving}"[:255],
            datum=actie.deadline,
            medewerker=actor,
            sleutel=f"actie:{actie.pk}",
        )
        for actie in PlanActie.objects.filter(
            plan=plan, eigenaar=PlanActie.Eigenaar.PROFESSIONAL, status__in=lopend
        )
    )


@transaction.atomic
def plan_stel_vast(
    *,
    actor: User,
    client: Client,
    vastgesteld_op: datetime.date,
    doelen: list[DoelInvoer],
    gebaseerd_op_versie: int,
    toelichting: str = "",
    herkomst: str = Herkomst.WEB,
) -> PlanVanAanpak:
    """A new version of the plan. ``gebaseerd_op_versie`` is the version the user saw (0 for
    a first plan): if someone revised it meanwhile, nothing is saved."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    laatste = PlanVanAanpak.objects.filter(client=client).order_by("-versie").first()
    if (laatste.versie if laatste else 0) != gebaseerd_op_versie:
        raise ConcurrentEditError()
    errors: dict[str, list[str]] = {}
    groep = _huidige_groep(client)
    if groep is None or groep.klantgroep.code not in PLAN_GROEPEN:
        errors["__all__"] = ["Een plan van aanpak is er voor Matchen, Groeien en Faciliteren."]
    if vastgesteld_op > today():
        errors["vastgesteld_op"] = ["De datum kan niet in de toekomst liggen."]
    if laatste and vastgesteld_op < laatste.vastgesteld_op:
        errors["vastgesteld_op"] = [
            f"Een herziening kan niet vóór de vorige versie ({laatste.vastgesteld_op:%d-%m-%Y})."
        ]
    if not doelen:
        errors["doelen"] = ["Geef minstens één doel."]
    for i, doel in enumerate(doelen, start=1):
        if not doel.omschrijving.strip():
            errors.setdefault("doelen", []).append(f"Doel {i}: beschrijf het doel.")
        for actie in doel.acties:
            if not actie["omschrijving"].strip():
                errors.setdefault("doelen", []).append(f"Doel {i}: beschrijf elke actie.")
            lopend = actie.get("status", PlanActie.Status.OPEN) in (
                PlanActie.Status.OPEN,
                PlanActie.Status.BEZIG,
            )
            if lopend and actie["deadline"] < vastgesteld_op:
                errors.setdefault("doelen", []).append(
                    f"Doel {i}: een lopende actie heeft een deadline vóór de datum van het plan."
                )
    if errors:
        raise ValidationError(errors)
    plan = PlanVanAanpak.objects.create(
        client=client,
        versie=(laatste.versie + 1) if laatste else 1,
        vorige=laatste,
        vastgesteld_op=vastgesteld_op,
        opgesteld_door=actor,
        toelichting=toelichting,
    )
    for doel in doelen:
        d = PlanDoel.objects.create(
            plan=plan, leefgebied=doel.leefgebied, omschrijving=doel.omschrijving.strip()
        )
        PlanActie.objects.bulk_create(
            PlanActie(
                plan=plan,
                doel=d,
                omschrijving=a["omschrijving"].strip(),
                eigenaar=a["eigenaar"],
                deadline=a["deadline"],
                status=a.get("status") or PlanActie.Status.OPEN,
            )
            for a in doel.acties
        )
    taak_rond_af_voor(client=client, soort=TaakSoort.PLAN_HERZIEN, door=actor)
    assert groep is not None  # validated above
    _plan_taken(actor=actor, plan=plan, klantgroep=groep.klantgroep)
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="plan_van_aanpak",
        herkomst=herkomst,
        details={"versie": plan.versie},
    )
    return plan


@transaction.atomic
def voortgangsgesprek_leg_vast(
    *,
    actor: User,
    client: Client,
    datum: datetime.date,
    plek: str,
    welzijn: int,
    stress: int,
    juiste_groep: bool,
    leefsituatie: str = "",
    inkomenssituatie: str = "",
    minimaregelingen_gebruikt: list[Minimaregeling] | None = None,
    minimaregelingen_geadviseerd: list[Minimaregeling] | None = None,
    schuldsignaal: bool = False,
    gedeeld_met_dwt: list[str] | None = None,
    verwezen_naar: Netwerkpartner | None = None,
    nieuwe_klantgroep: Klantgroep | None = None,
    geadviseerde_klantgroep: Klantgroep | None = None,
    reden_groepswijziging: str = "",
    rechtmatigheid_getoetst: bool = False,
    rechtmatigheid_bevinding: str = Voortgangsgesprek.Bevinding.NIET_GETOETST,
    rechtmatigheid_niet_reden: str = "",
    rechtmatigheid_reden: str = "",
    dwt_coach: User | None = None,
    verslag: str = "",
    huisbezoek: str = "",
    commitment: str = "",
    afspraak_getekend_op: datetime.date | None = None,
    commitment_reden: str = "",
    groeien_kenmerken: list[str] | None = None,
    herkomst: str = Herkomst.WEB,
) -> Voortgangsgesprek:
    """Record a voortgangsgesprek; a different group decided in it is a doorstroom or terugval
    with its reason, the client's choice (the new group) and the consultant's advice (issue
    29: the history shows both); a debt signal becomes a signal on the dossier (with the referral).
    Where the klantgroep has rechtmatigheid inside the gesprek (beleid §3.2: Groeien,
    Zorgen), a gesprek without the test needs the reason and plans a separate
    rechtmatigheidsonderzoek on the handhavers' team queue.
    It may update what the ambitiegesprek recorded (issue 27 part 3): openness to a home
    visit, the commitment and the Groeien kenmerken; empty (``None`` for the kenmerken)
    means unchanged, and the dossier shows the latest recorded value."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    errors: dict[str, list[str]] = {}
    if client.fase != Fase.INGEDEELD:
        errors["__all__"] = ["Een voortgangsgesprek is er voor klanten die zijn ingedeeld."]
    if datum > today():
        errors["datum"] = ["De datum van het gesprek kan niet in de toekomst liggen."]
    groep = _huidige_groep(client)
    if groep is not None and datum < groep.van and not errors.get("datum"):
        errors["datum"] = [f"Het gesprek kan niet vóór de indeling ({groep.van:%d-%m-%Y}) liggen."]
    if not juiste_groep:
        if nieuwe_klantgroep is None:
            errors["nieuwe_klantgroep"] = ["Kies de klantgroep die beter past."]
        elif groep is not None and nieuwe_klantgroep.pk == groep.klantgroep_id:
            errors["nieuwe_klantgroep"] = ["Dit is de huidige klantgroep."]
        if not reden_groepswijziging.strip():
            errors["reden_groepswijziging"] = ["Geef de reden voor de groepswijziging."]
        if geadviseerde_klantgroep is None:
            errors["geadviseerde_klantgroep"] = ["Geef uw advies over de klantgroep."]
    if rechtmatigheid_getoetst == (
        rechtmatigheid_bevinding == Voortgangsgesprek.Bevinding.NIET_GETOETST
    ):
        errors["rechtmatigheid_bevinding"] = [
            "Geef de bevinding als de rechtmatigheid is getoetst."
        ]
    toets_overgeslagen = (
        groep is not None
        and groep.klantgroep.rechtmatigheid_in_voortgangsgesprek
        and not rechtmatigheid_getoetst
    )
    nader_onderzoek = rechtmatigheid_bevinding == Voortgangsgesprek.Bevinding.NADER_ONDERZOEK
    if nader_onderzoek and not rechtmatigheid_reden.strip():
        errors["rechtmatigheid_reden"] = [
            "Geef aan wat nader onderzocht moet worden; de handhaver krijgt dit als taak."
        ]
    if toets_overgeslagen and not rechtmatigheid_niet_reden.strip():
        assert groep is not None
        errors["rechtmatigheid_niet_reden"] = [
            f"In {groep.klantgroep.naam} hoort de toets op rechtmatigheid bij het "
            "voortgangsgesprek (beleid §3.2). Geef de reden waarom die niet is getoetst; "
            "er wordt dan een apart rechtmatigheidsonderzoek gepland."
        ]
    afspraken_controleer(
        errors,
        gesprek_datum=datum,
        vandaag=today(),
        commitment=commitment,
        afspraak_getekend_op=afspraak_getekend_op,
        commitment_reden=commitment_reden,
        huisbezoek=huisbezoek,
        groeien_kenmerken=groeien_kenmerken,
        verplicht=False,
    )
    if errors:
        raise ValidationError(errors)
    wijziging = None
    if not juiste_groep:
        assert nieuwe_klantgroep is not None and groep is not None  # validated above
        soort = soort_wijziging(groep.klantgroep, nieuwe_klantgroep)
        van = max(datum, groep.van + datetime.timedelta(days=1))
        wijziging = groepsindeling_wijzig(
            actor=actor,
            client=client,
            klantgroep=nieuwe_klantgroep,
            van=van,
            soort=soort,
            reden=reden_groepswijziging.strip(),
            gekozen_klantgroep=nieuwe_klantgroep,
            geadviseerde_klantgroep=geadviseerde_klantgroep,
            herkomst=herkomst,
        ).lidmaatschap
    gesprek = Voortgangsgesprek(
        client=client,
        datum=datum,
        gehouden_door=actor,
        dwt_coach=dwt_coach,
        plek=plek,
        welzijn=welzijn,
        stress=stress,
        leefsituatie=leefsituatie,
        inkomenssituatie=inkomenssituatie,
        schuldsignaal=schuldsignaal,
        # what the client shared with DWT for the plan (DESIGN.md §1), each item once
        gedeeld_met_dwt=[o for o in GedeeldOnderwerp if o in set(gedeeld_met_dwt or ())],
        verwezen_naar=verwezen_naar,
        juiste_groep=juiste_groep,
        groepswijziging=wijziging,
        rechtmatigheid_getoetst=rechtmatigheid_getoetst,
        rechtmatigheid_bevinding=rechtmatigheid_bevinding,
        rechtmatigheid_niet_reden=rechtmatigheid_niet_reden.strip() if toets_overgeslagen else "",
        rechtmatigheid_reden=rechtmatigheid_reden.strip() if nader_onderzoek else "",
        verslag=verslag,
        huisbezoek=huisbezoek,
        commitment=commitment,
        afspraak_getekend_op=afspraak_getekend_op if commitment == Commitment.GETEKEND else None,
        commitment_reden=commitment_reden.strip() if commitment == Commitment.GEWEIGERD else "",
        groeien_kenmerken=(
            None
            if groeien_kenmerken is None
            else [k for k in GroeienKenmerk.values if k in set(groeien_kenmerken)]
        ),
    )
    gesprek.full_clean(exclude=["minimaregelingen_gebruikt", "minimaregelingen_geadviseerd"])
    gesprek.save()
    gesprek.minimaregelingen_gebruikt.set(minimaregelingen_gebruikt or [])
    gesprek.minimaregelingen_geadviseerd.set(minimaregelingen_geadviseerd or [])
    if schuldsignaal:
        verwijzing = f" Verwezen naar {verwezen_naar}." if verwezen_naar else ""
        signaal_meld(
            actor=actor,
            client=client,
            soort=SignaalSoort.SCHULDEN,
            omschrijving=f"Schuldsignaal in voortgangsgesprek.{verwijzing}",
            bron="voortgangsgesprek",
            herkomst=herkomst,
        )
    # A periodic or steekproef review is closed only by a rechtmatigheidsonderzoek.
    taak_rond_af_voor(client=client, soort=TaakSoort.VOORTGANGSGESPREK, door=actor)
    if toets_overgeslagen:
        _rechtmatigheid_apart_plan(gesprek=gesprek)
    if nader_onderzoek:
        handhaving_vraag_plan(
            client=client,
            reden=(
                f"Nader onderzoek nodig (voortgangsgesprek {gesprek.datum:%d-%m-%Y}): "
                f"{gesprek.rechtmatigheid_reden}"
            ),
            sleutel=f"nader-onderzoek-gesprek:{gesprek.pk}",
        )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="voortgangsgesprek",
        herkomst=herkomst,
        details={
            "groepswijziging": bool(wijziging),
            "rechtmatigheid_apart": bool(toets_overgeslagen),
            "nader_onderzoek": nader_onderzoek,
            "afspraken_bijgewerkt": bool(huisbezoek or commitment or groeien_kenmerken is not None),
        },
    )
    return gesprek
