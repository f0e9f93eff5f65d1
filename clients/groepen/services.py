"""Writes on klantgroep membership: the only way a client enters or changes group."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import maanden_tussen, today
from klantgroepen.constants import KlantgroepCode
from klantgroepen.models import Klantgroep

from ..constants import Fase, LidmaatschapSoort, SignaalSoort, TaakSoort
from ..models import Client, Signaal, Uitkeringsperiode
from .models import Groepslidmaatschap

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User


logger = logging.getLogger(__name__)


@dataclass
class Groepsindeling:
    lidmaatschap: Groepslidmaatschap
    waarschuwingen: list[str] = field(default_factory=list)


def soort_wijziging(huidig: Klantgroep | None, nieuw: Klantgroep) -> str:
    """The kind of a group change, from the group order (volgorde: Matchen 1 … Zorgen 4):
    no current group is an eerste indeling, towards Matchen a doorstroom, the other way a
    terugval."""
    if huidig is None:
        return LidmaatschapSoort.EERSTE_INDELING
    if nieuw.volgorde < huidig.volgorde:
        return LidmaatschapSoort.DOORSTROOM
    return LidmaatschapSoort.TERUGVAL


def klantgroep_waarschuwingen(
    *, client: Client, klantgroep: Klantgroep, peildatum: datetime.date
) -> list[str]:
    """Characteristics that do not fit the group: a warning, never a block (policy §3.1)."""
    warnings: list[str] = []
    periode = (
        Uitkeringsperiode.objects.filter(client=client, einddatum__isnull=True)
        .exclude(startdatum__isnull=True)
        .first()
    )
    if klantgroep.max_maanden_uitkering and periode is not None and periode.startdatum:
        maanden = maanden_tussen(periode.startdatum, peildatum)
        if maanden > klantgroep.max_maanden_uitkering:
            warnings.append(
                f"{klantgroep.naam} past bij maximaal {klantgroep.max_maanden_uitkering} maanden "
                f"uitkering; deze klant heeft al {maanden} maanden een uitkering."
            )
    if client.doelgroepenregister and klantgroep.code != KlantgroepCode.GROEIEN:
        warnings.append(
            "Jongeren in het doelgroepenregister horen in principe in Groeien (beleid §3.3)."
        )
    return warnings


def _groep_herzien_afgehandeld(*, client: Client, actor: User, klantgroep: Klantgroep) -> None:
    from clients.taken import taak_rond_af_voor

    door = actor if getattr(actor, "is_authenticated", False) else None
    taak_rond_af_voor(client=client, soort=TaakSoort.GROEP_HERZIEN, door=door)
    Signaal.objects.filter(
        client=client, soort=SignaalSoort.UITKERINGSDUUR, afgehandeld_op__isnull=True
    ).update(
        afgehandeld_op=timezone.now(),
        afgehandeld_door=door,
        afhandeling=f"Klantgroep gewijzigd naar {klantgroep.naam}.",
    )


@transaction.atomic
def groepsindeling_wijzig(
    *,
    actor: User,
    client: Client,
    klantgroep: Klantgroep,
    van: datetime.date,
    soort: str,
    reden: str = "",
    gekozen_klantgroep: Klantgroep | None = None,
    geadviseerde_klantgroep: Klantgroep | None = None,
    herkomst: str = Herkomst.WEB,
) -> Groepsindeling:
    """Place the client in ``klantgroep`` from ``van``: closes the current membership.

    Kinds: eerste indeling (no current group), doorstroom or terugval (a change, with reason).
    Where the client's choice and the professional's advice differ, a motivation is required.
    Returns the new membership and the (non-blocking) warnings that were recorded with it.
    """
    locked = Client.objects.select_for_update().get(pk=client.pk)
    errors: dict[str, list[str]] = {}
    if van > today() + datetime.timedelta(days=366):
        errors["van"] = ["De ingangsdatum ligt te ver in de toekomst."]
    if locked.fase == Fase.AFGESLOTEN:
        # the link and page refuse it too; this guards the API and every other caller
        raise ValidationError(
            {"klantgroep": ["Het dossier is afgesloten: leg eerst een nieuwe melding vast."]}
        )
    current = Groepslidmaatschap.objects.select_for_update().actueel().van_client(locked).first()
    if current is None and soort != LidmaatschapSoort.EERSTE_INDELING:
        errors["soort"] = ["Deze klant heeft nog geen klantgroep: kies 'eerste indeling'."]
    if current is not None:
        if soort == LidmaatschapSoort.EERSTE_INDELING:
            errors["soort"] = ["Deze klant is al ingedeeld: kies doorstroom of terugval."]
        if current.klantgroep_id == klantgroep.pk:
            errors["klantgroep"] = [f"De klant zit al in {klantgroep.naam}."]
        if van <= current.van:
            errors["van"] = [
                f"De ingangsdatum moet na {current.van:%d-%m-%Y} liggen "
                "(start van de huidige klantgroep)."
            ]
        if not reden.strip():
            errors["reden"] = ["Geef de reden van de groepswijziging."]
    if (
        gekozen_klantgroep is not None
        and geadviseerde_klantgroep is not None
        and gekozen_klantgroep.pk != geadviseerde_klantgroep.pk
        and not reden.strip()
    ):
        errors["reden"] = ["Keuze van de klant en advies verschillen: geef een motivatie."]
    if errors:
        raise ValidationError(errors)

    warnings = klantgroep_waarschuwingen(client=locked, klantgroep=klantgroep, peildatum=van)
    if current is not None:
        current.tot = van
        current.save(update_fields=["tot"])
    lidmaatschap = Groepslidmaatschap(
        client=locked,
        klantgroep=klantgroep,
        van=van,
        soort=soort,
        reden=reden.strip(),
        gekozen_klantgroep=gekozen_klantgroep,
        geadviseerde_klantgroep=geadviseerde_klantgroep,
        besloten_door=actor if getattr(actor, "is_authenticated", False) else None,
        waarschuwingen=warnings,
    )
    lidmaatschap.full_clean(validate_constraints=False)
    lidmaatschap.save()
    if locked.fase != Fase.INGEDEELD:
        Client.objects.filter(pk=locked.pk).update(fase=Fase.INGEDEELD, versie=locked.versie + 1)
    # A "klantgroep herzien" task and its signal are answered by this change (issue 27).
    _groep_herzien_afgehandeld(client=locked, actor=actor, klantgroep=klantgroep)
    # Open work follows the new group at once (same transaction), not at the nightly run.
    from clients.registry import client_herplan

    client_herplan(client_id=locked.pk)
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.pk,
        object_type="klantgroep",
        herkomst=herkomst,
        details={"klantgroep": klantgroep.code, "soort": soort},
    )
    logger.info("groepsindeling client=%s groep=%s soort=%s", locked.pk, klantgroep.code, soort)
    return Groepsindeling(lidmaatschap=lidmaatschap, waarschuwingen=warnings)
