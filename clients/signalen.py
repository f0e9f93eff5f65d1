"""Signals on a dossier: raising and handling them (services) and reading them (selectors)."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record

from .constants import URGENTE_SIGNALEN, SignaalSoort
from .models import Client, Signaal

logger = logging.getLogger(__name__)


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
