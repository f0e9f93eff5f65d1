"""Signals on a dossier: raising and handling them (services) and reading them (selectors)."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from deventer_werk.accounts.constants import Organisatie, Rol
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today

from .constants import URGENTE_SIGNALEN, SignaalSoort, TaakSoort, TaakStatus
from .models import Client, Contactpersoon, Signaal, Taak
from .taken import taak_plan

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
        rol=Rol.HANDHAVER,
        organisatie=Organisatie.IO,
        sleutel=sleutel,
    )
    return taak


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
    eigenaar = (
        {"medewerker_id": ic}
        if ic
        else {"rol": Rol.INKOMENSCONSULENT, "organisatie": Organisatie.IO}
    )
    vandaag = today()
    Taak.objects.create(
        client_id=signaal.client_id,
        soort=TaakSoort.OPVOLGING,
        omschrijving=f"Opvolging signaal: {signaal.get_soort_display()}",
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
) -> Signaal:
    """Raise a signal. Urgency follows from the kind (broodnood, huisuitzetting, schulden)."""
    if soort not in SignaalSoort.values:
        raise ValidationError({"soort": ["Onbekende soort signaal."]})
    try:
        with transaction.atomic():
            signaal = Signaal.objects.create(
                client=client,
                soort=soort,
                urgent=soort in URGENTE_SIGNALEN,
                omschrijving=omschrijving,
                bron=bron,
                aangemaakt_door=actor if getattr(actor, "is_authenticated", False) else None,
            )
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
        details={"soort": soort},
    )
    logger.info("signaal client=%s soort=%s id=%s", client.pk, soort, signaal.pk)
    return signaal


@transaction.atomic
def signaal_handel_af(
    *, actor, signaal: Signaal, afhandeling: str, herkomst: str = Herkomst.WEB
) -> Signaal:
    locked = Signaal.objects.select_for_update().get(pk=signaal.pk)
    if locked.afgehandeld_op is not None:
        raise ValidationError("Dit signaal is al afgehandeld.")
    if not afhandeling.strip():
        raise ValidationError({"afhandeling": ["Beschrijf hoe het signaal is afgehandeld."]})
    locked.afgehandeld_op = timezone.now()
    locked.afgehandeld_door = actor
    locked.afhandeling = afhandeling.strip()
    locked.save(update_fields=["afgehandeld_op", "afgehandeld_door", "afhandeling"])
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
        details={"soort": locked.soort, "afgehandeld": True},
    )
    return locked


def signaal_list_open(*, client: Client) -> QuerySet[Signaal]:
    return Signaal.objects.filter(client=client, afgehandeld_op__isnull=True).select_related(
        "aangemaakt_door"
    )
