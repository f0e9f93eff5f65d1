"""Signals on a dossier: raising and handling them (services) and reading them (selectors)."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from deventer_werk.accounts.constants import Organisatie
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today

from .constants import (
    URGENTE_SIGNALEN,
    VOORSCHOT_MAXIMUM,
    DirecteHulp,
    SignaalSoort,
    TaakSoort,
    TaakStatus,
)
from .models import Client, Contactpersoon, Signaal, Taak
from .rules import HANDHAVERS_WACHTRIJ, teamwachtrij
from .taken import taak_plan

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User

logger = logging.getLogger(__name__)


#: Signals that become a follow-up task for IO: the client's inkomensconsulent, or the IO
#: team queue while the client has none (urgent ones due the same day). Handhaving signals
#: have the handhaver's triage; a kick-off no-show is the kick-off's own work (issue 26).
OPVOLGING_IO = frozenset({*URGENTE_SIGNALEN, SignaalSoort.OVERIG})
OPVOLGING_DAGEN = 7
#: A request for nader onderzoek is on the handhavers' team queue, due within a week (it
#: shows under "komende 7 dagen" on their werkvoorraad).
HANDHAVING_DAGEN = 7


def handhaving_vraag_plan(*, client: Client, reden: str, sleutel: str) -> Taak:
    """The rechtmatigheid loop, one direction (issue 30): a finding that needs nader
    onderzoek ("nader onderzoek nodig" in a voortgangsgesprek, a "werkt niet mee" signal)
    becomes a task with its reason in the handhavers' team queue. Idempotent per
    ``sleutel``; starting an onderzoek completes it."""
    taak, _nieuw = taak_plan(
        client=client,
        soort=TaakSoort.NADER_ONDERZOEK,
        omschrijving=reden,
        datum=today() + datetime.timedelta(days=HANDHAVING_DAGEN),
        **HANDHAVERS_WACHTRIJ,
        sleutel=sleutel,
    )
    return taak


def directe_hulp_tekst(signaal: Signaal) -> str:
    """How the dossier, the tijdlijn and the follow-up task name the direct help given."""
    if signaal.directe_hulp == DirecteHulp.VOORSCHOT and signaal.voorschot_bedrag is not None:
        bedrag = f"{signaal.voorschot_bedrag:,.2f}".replace(",", " ").replace(".", ",")
        return f"voorschot € {bedrag.replace(' ', '.')}"
    if signaal.directe_hulp == DirecteHulp.VERWIJZING:
        return f"verwezen naar {signaal.verwezen_naar}"
    if signaal.directe_hulp:
        return signaal.get_directe_hulp_display().lower()
    return ""


def _directe_hulp_fouten(
    *, soort: str, directe_hulp: str, voorschot_bedrag: Decimal | None, verwezen_naar: str
) -> dict[str, list[str]]:
    """The one check of direct help, for the melding and the afhandeling, page and API alike:
    only for an urgent need; a voorschot has an amount (more than € 0, at most the ceiling,
    whole cents), a verwijzing says to whom, and no other kind has either."""
    errors: dict[str, list[str]] = {}
    if directe_hulp not in DirecteHulp.values:
        errors["directe_hulp"] = ["Kies welke directe hulp is gegeven."]
        return errors
    if directe_hulp and soort not in URGENTE_SIGNALEN:
        errors["directe_hulp"] = [
            "Directe hulp legt u vast bij broodnood, dreigende huisuitzetting of schulden."
        ]
    if directe_hulp == DirecteHulp.VOORSCHOT:
        if voorschot_bedrag is None:
            errors["voorschot_bedrag"] = ["Vul het bedrag van het voorschot in."]
        elif not voorschot_bedrag.is_finite() or voorschot_bedrag <= 0:
            errors["voorschot_bedrag"] = ["Het bedrag van het voorschot moet meer dan € 0 zijn."]
        elif voorschot_bedrag > VOORSCHOT_MAXIMUM:
            errors["voorschot_bedrag"] = [
                f"Een voorschot is ten hoogste € {VOORSCHOT_MAXIMUM:,}".replace(",", ".")
                + "; controleer het bedrag."
            ]
        elif voorschot_bedrag != voorschot_bedrag.quantize(Decimal("0.01")):
            errors["voorschot_bedrag"] = ["Geef het bedrag in euro en centen, bijv. 150,50."]
    elif voorschot_bedrag is not None:
        errors["voorschot_bedrag"] = [
            "Een bedrag hoort alleen bij een voorschot: kies 'Voorschot op de uitkering' of "
            "laat het bedrag leeg."
        ]
    if directe_hulp == DirecteHulp.VERWIJZING and not verwezen_naar:
        errors["verwezen_naar"] = ["Vul in naar wie de klant is verwezen."]
    elif directe_hulp != DirecteHulp.VERWIJZING and verwezen_naar:
        errors["verwezen_naar"] = [
            "'Verwezen naar' hoort alleen bij een verwijzing: kies 'Verwijzing naar een "
            "hulpverlener' of laat het veld leeg."
        ]
    return errors


def _directe_hulp_zet(
    signaal: Signaal, *, actor, directe_hulp: str, voorschot_bedrag, verwezen_naar: str
) -> None:
    signaal.directe_hulp = directe_hulp
    signaal.voorschot_bedrag = voorschot_bedrag if directe_hulp == DirecteHulp.VOORSCHOT else None
    signaal.verwezen_naar = verwezen_naar
    signaal.directe_hulp_op = timezone.now() if directe_hulp else None
    signaal.directe_hulp_door = (
        actor if directe_hulp and getattr(actor, "is_authenticated", False) else None
    )


def _opvolging_plan(signaal: Signaal) -> None:
    if signaal.soort == SignaalSoort.NIET_MEEWERKEN:
        handhaving_vraag_plan(
            client=signaal.client,
            reden=f"Werkt niet mee: {signaal.omschrijving or 'geen toelichting'}",
            sleutel=f"signaal:{signaal.pk}",
        )
        return
    if signaal.soort not in OPVOLGING_IO:
        return
    ic = (
        Contactpersoon.objects.actueel()
        .filter(client_id=signaal.client_id, organisatie=Organisatie.IO, rol="")
        .values_list("medewerker_id", flat=True)
        .first()
    )
    eigenaar = {"medewerker_id": ic} if ic else teamwachtrij(Organisatie.IO)
    vandaag = today()
    hulp = directe_hulp_tekst(signaal)
    Taak.objects.create(
        client_id=signaal.client_id,
        soort=TaakSoort.OPVOLGING,
        # a voorschot is settled with the first payment: the follower must know about it
        omschrijving=f"Opvolging signaal: {signaal.get_soort_display()}"
        + (f" ({hulp})" if hulp else ""),
        datum=vandaag if signaal.urgent else vandaag + datetime.timedelta(days=OPVOLGING_DAGEN),
        sleutel=f"signaal:{signaal.pk}",
        **eigenaar,
    )


@transaction.atomic
def signaal_meld(
    *,
    actor,
    client: Client,
    soort: str,
    omschrijving: str = "",
    bron: str = "",
    herkomst: str = Herkomst.WEB,
    directe_hulp: str = "",
    voorschot_bedrag: Decimal | None = None,
    verwezen_naar: str = "",
) -> Signaal:
    """Raise a signal. Urgency follows from the kind (broodnood, huisuitzetting, schulden).

    For an urgent need the direct help given in the same conversation is recorded with it
    (issue 30: the poortwachter acts at once, beleid §4.1); "geen" leaves it to the
    afhandeling. Raises ValidationError with Dutch messages per field; nothing is saved then.
    """
    if soort not in SignaalSoort.values:
        raise ValidationError({"soort": ["Onbekende soort signaal."]})
    verwezen_naar = verwezen_naar.strip()
    errors = _directe_hulp_fouten(
        soort=soort,
        directe_hulp=directe_hulp,
        voorschot_bedrag=voorschot_bedrag,
        verwezen_naar=verwezen_naar,
    )
    if errors:
        raise ValidationError(errors)
    signaal = Signaal(
        client=client,
        soort=soort,
        urgent=soort in URGENTE_SIGNALEN,
        omschrijving=omschrijving,
        bron=bron,
        aangemaakt_door=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _directe_hulp_zet(
        signaal,
        actor=actor,
        directe_hulp=directe_hulp,
        voorschot_bedrag=voorschot_bedrag,
        verwezen_naar=verwezen_naar,
    )
    try:
        with transaction.atomic():
            signaal.save()
    except IntegrityError as exc:  # e.g. a second open "klantgroep lang niet besproken"
        raise ValidationError(
            {"soort": ["Er staat al een open signaal van deze soort voor deze klant."]}
        ) from exc
    _opvolging_plan(signaal)
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="signaal",
        herkomst=herkomst,
        details={"soort": soort, **({"directe_hulp": directe_hulp} if directe_hulp else {})},
    )
    logger.info("signaal client=%s soort=%s id=%s", client.pk, soort, signaal.pk)
    return signaal


@transaction.atomic
def signaal_handel_af(
    *,
    actor,
    signaal: Signaal,
    afhandeling: str,
    herkomst: str = Herkomst.WEB,
    directe_hulp: str = "",
    voorschot_bedrag: Decimal | None = None,
    verwezen_naar: str = "",
) -> Signaal:
    """Close a signal. Direct help not given at the melding ("nog geen", or not recorded) can
    be recorded now; help recorded at the melding stays as it was."""
    locked = Signaal.objects.select_for_update().get(pk=signaal.pk)
    if locked.afgehandeld_op is not None:
        raise ValidationError("Dit signaal is al afgehandeld.")
    errors: dict[str, list[str]] = {}
    if not afhandeling.strip():
        errors["afhandeling"] = ["Beschrijf hoe het signaal is afgehandeld."]
    verwezen_naar = verwezen_naar.strip()
    if directe_hulp or voorschot_bedrag is not None or verwezen_naar:
        if not directe_hulp_open(locked):
            errors["directe_hulp"] = ["De directe hulp is al vastgelegd bij de melding."]
        else:
            errors.update(
                _directe_hulp_fouten(
                    soort=locked.soort,
                    directe_hulp=directe_hulp,
                    voorschot_bedrag=voorschot_bedrag,
                    verwezen_naar=verwezen_naar,
                )
            )
    if errors:
        raise ValidationError(errors)
    velden = ["afgehandeld_op", "afgehandeld_door", "afhandeling"]
    if directe_hulp:
        _directe_hulp_zet(
            locked,
            actor=actor,
            directe_hulp=directe_hulp,
            voorschot_bedrag=voorschot_bedrag,
            verwezen_naar=verwezen_naar,
        )
        velden += [
            "directe_hulp",
            "voorschot_bedrag",
            "verwezen_naar",
            "directe_hulp_op",
            "directe_hulp_door",
        ]
    locked.afgehandeld_op = timezone.now()
    locked.afgehandeld_door = actor
    locked.afhandeling = afhandeling.strip()
    locked.save(update_fields=velden)
    Taak.objects.filter(sleutel=f"signaal:{locked.pk}", status=TaakStatus.OPEN).update(
        status=TaakStatus.AFGEROND,
        afgerond_op=locked.afgehandeld_op,
        afgerond_door=actor if getattr(actor, "is_authenticated", False) else None,
        reden="Signaal afgehandeld",
    )
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="signaal",
        herkomst=herkomst,
        details={
            "soort": locked.soort,
            "afgehandeld": True,
            **({"directe_hulp": directe_hulp} if directe_hulp else {}),
        },
    )
    return locked


def directe_hulp_open(signaal: Signaal) -> bool:
    """May direct help still be recorded on this signal (at its afhandeling)?"""
    return signaal.soort in URGENTE_SIGNALEN and signaal.directe_hulp in (
        DirecteHulp.NIET_VASTGELEGD,
        DirecteHulp.GEEN,
    )


def signalen_zichtbaar(qs: QuerySet[Signaal], user: User | None) -> QuerySet[Signaal]:
    """Need-to-know on signals (DESIGN.md §1): samenloop signals only for who guards
    rechtmatigheid; urgent ones (bestaanszekerheid) for IO roles, and for DWT roles only
    those DWT reported itself."""
    from deventer_werk.access import may

    from .rules import SAMENLOOP_LEZEN, URGENTE_SIGNALEN_LEZEN

    if user is None:
        return qs
    if not may(user, SAMENLOOP_LEZEN):
        qs = qs.exclude(soort=SignaalSoort.SAMENLOOP)
    if not may(user, URGENTE_SIGNALEN_LEZEN):
        qs = qs.filter(
            ~Q(soort__in=URGENTE_SIGNALEN) | Q(aangemaakt_door__organisatie=Organisatie.DWT)
        )
    return qs


def signaal_regel(signaal: Signaal) -> str:
    """The rule that reads one signal on the timeline ("" = everyone who sees the timeline);
    see ``signalen_zichtbaar``. ``aangemaakt_door`` loaded."""
    from .rules import SAMENLOOP_LEZEN, URGENTE_SIGNALEN_LEZEN

    if signaal.soort == SignaalSoort.SAMENLOOP:
        return SAMENLOOP_LEZEN.naam
    door_dwt = signaal.aangemaakt_door and signaal.aangemaakt_door.organisatie == Organisatie.DWT
    if signaal.soort in URGENTE_SIGNALEN and not door_dwt:
        return URGENTE_SIGNALEN_LEZEN.naam
    return ""


def signaal_list_open(*, client: Client, user: User | None = None) -> list[Signaal]:
    """The open signals the user may see, urgent first, each with ``directe_hulp_tekst``."""
    signalen = list(
        signalen_zichtbaar(
            Signaal.objects.filter(client=client, afgehandeld_op__isnull=True), user
        ).select_related("aangemaakt_door", "directe_hulp_door")
    )
    for s in signalen:
        s.directe_hulp_tekst = directe_hulp_tekst(s)  # type: ignore[attr-defined]
    return signalen
