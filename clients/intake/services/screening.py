"""Melding → screening (poortwachter) and aanvraag → besluit (inkomensconsulent)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clients.constants import Fase, TaakSoort, Uitstroomreden
from clients.models import Client, Uitkeringsperiode
from clients.services import ConcurrentEditError, client_set_fase, periode_sluit
from clients.signalen import signaal_meld
from clients.taken import taak_plan, taak_rond_af_voor
from deventer_werk.access import may
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import lokale_datum

from .. import rules
from ..models import (
    Aanvraag,
    Netwerkpartner,
    Screening,
)
from ._common import (
    _niet_in_toekomst,
    _open_periode,
)

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User


@transaction.atomic
def screening_leg_vast(
    *,
    actor: User,
    client: Client,
    datum: datetime.date,
    antwoorden: dict[str, bool],
    rechtmatigheid: str,
    uitkomst: str,
    verwijzingen: list[Netwerkpartner] | None = None,
    urgente_signalen: list[str] | None = None,
    signaal_toelichting: str = "",
    reden_geen_recht: str = "",
    afspraak_op: datetime.datetime | None = None,
    intaker: User | None = None,
    toelichting: str = "",
    herkomst: str = Herkomst.WEB,
) -> Screening:
    """Record the poortwachter's screening. "Geen recht" closes the dossier with the reason;
    an appointment puts the ambitiegesprek on the intaker's werkvoorraad."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    periode = _open_periode(client)
    errors: dict[str, list[str]] = {}
    _niet_in_toekomst(errors, "datum", datum, "De screeningsdatum")
    if datum < periode.melddatum:
        errors.setdefault("datum", []).append(
            f"De screening kan niet vóór de melding ({periode.melddatum:%d-%m-%Y}) liggen."
        )
    if Screening.objects.filter(periode=periode).exists():
        errors.setdefault("datum", []).append("Voor deze melding is al een screening vastgelegd.")
    if uitkomst == Screening.Uitkomst.AFSPRAAK:
        if afspraak_op is None:
            errors["afspraak_op"] = ["Geef datum en tijd van het ambitiegesprek."]
        elif lokale_datum(afspraak_op) < datum:
            errors["afspraak_op"] = ["Het ambitiegesprek kan niet vóór de screening liggen."]
        if intaker is None:
            errors["intaker"] = ["Kies de intaker die het ambitiegesprek voert."]
        elif not may(intaker, rules.INTAKE_UITVOEREN):
            errors["intaker"] = ["Deze medewerker is geen intaker."]
    elif uitkomst == Screening.Uitkomst.GEEN_RECHT:
        if not reden_geen_recht.strip():
            errors["reden_geen_recht"] = ["Geef de reden waarom er geen recht is."]
    else:
        errors["uitkomst"] = ["Kies een uitkomst."]
    if errors:
        raise ValidationError(errors)
    screening = Screening(
        client=client,
        periode=periode,
        datum=datum,
        poortwachter=actor,
        antwoorden={str(k): bool(v) for k, v in antwoorden.items()},
        rechtmatigheid=rechtmatigheid,
        uitkomst=uitkomst,
        reden_geen_recht=reden_geen_recht.strip(),
        afspraak_op=afspraak_op if uitkomst == Screening.Uitkomst.AFSPRAAK else None,
        intaker=intaker if uitkomst == Screening.Uitkomst.AFSPRAAK else None,
        toelichting=toelichting,
    )
    screening.full_clean(exclude=["verwijzingen"])
    screening.save()
    screening.verwijzingen.set(verwijzingen or [])
    for soort in urgente_signalen or []:
        signaal_meld(
            actor=actor,
            client=client,
            soort=soort,
            omschrijving=signaal_toelichting,
            bron="screening",
            herkomst=herkomst,
        )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="screening",
        herkomst=herkomst,
        details={"uitkomst": uitkomst},
    )
    if uitkomst == Screening.Uitkomst.GEEN_RECHT:
        periode_sluit(
            actor=actor,
            client=client,
            einddatum=datum,
            reden=Uitstroomreden.GEEN_RECHT,
            toelichting=reden_geen_recht,
            herkomst=herkomst,
        )
    else:
        client_set_fase(client=client, fase=Fase.INTAKE)
        local = timezone.localtime(afspraak_op)
        taak_plan(
            client=client,
            soort=TaakSoort.AMBITIEGESPREK,
            medewerker=intaker,
            omschrijving="Ambitiegesprek",
            datum=local.date(),
            tijd=local.time(),
            sleutel=f"ambitie:{screening.pk}",
        )
    return screening


@transaction.atomic
def aanvraag_registreer(
    *,
    actor: User,
    client: Client,
    aanvraagdatum: datetime.date,
    documenten_compleet_op: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
) -> Aanvraag:
    periode = _open_periode(client)
    errors: dict[str, list[str]] = {}
    _niet_in_toekomst(errors, "aanvraagdatum", aanvraagdatum, "De aanvraagdatum")
    if aanvraagdatum < periode.melddatum:
        errors.setdefault("aanvraagdatum", []).append(
            f"De aanvraag kan niet vóór de melding ({periode.melddatum:%d-%m-%Y}) liggen."
        )
    if documenten_compleet_op and documenten_compleet_op < aanvraagdatum:
        errors["documenten_compleet_op"] = [
            "Documenten kunnen niet vóór de aanvraag compleet zijn."
        ]
    if Aanvraag.objects.filter(periode=periode).exists():
        errors.setdefault("aanvraagdatum", []).append("Voor deze periode is al een aanvraag.")
    if errors:
        raise ValidationError(errors)
    aanvraag = Aanvraag(
        client=client,
        periode=periode,
        aanvraagdatum=aanvraagdatum,
        documenten_compleet_op=documenten_compleet_op,
        consulent=actor,
    )
    aanvraag.full_clean()
    aanvraag.save()
    taak_plan(
        client=client,
        soort=TaakSoort.BESLUIT,
        medewerker=actor,
        omschrijving="Besluit op aanvraag (uiterlijk)",
        datum=aanvraag.uiterste_besluitdatum,
        sleutel=f"besluit:{aanvraag.pk}",
    )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="aanvraag",
        herkomst=herkomst,
    )
    return aanvraag


@transaction.atomic
def aanvraag_besluit(
    *,
    actor: User,
    aanvraag: Aanvraag,
    versie: int,
    besluit: str,
    besluitdatum: datetime.date,
    reden: str = "",
    documenten_compleet_op: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
) -> Aanvraag:
    locked = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    if locked.versie != versie:
        raise ConcurrentEditError()
    errors: dict[str, list[str]] = {}
    if locked.besluit:
        errors["besluit"] = ["Op deze aanvraag is al besloten."]
    if besluit not in Aanvraag.Besluit.values:
        errors["besluit"] = ["Kies toekenning of afwijzing."]
    _niet_in_toekomst(errors, "besluitdatum", besluitdatum, "De besluitdatum")
    if besluitdatum < locked.aanvraagdatum:
        errors.setdefault("besluitdatum", []).append(
            f"Het besluit kan niet vóór de aanvraag ({locked.aanvraagdatum:%d-%m-%Y}) liggen."
        )
    if besluit == Aanvraag.Besluit.AFWIJZING and not reden.strip():
        errors["reden"] = ["Motiveer de afwijzing."]
    if documenten_compleet_op:
        if documenten_compleet_op < locked.aanvraagdatum:
            errors["documenten_compleet_op"] = [
                "Documenten kunnen niet vóór de aanvraag compleet zijn."
            ]
        elif documenten_compleet_op > besluitdatum:
            errors["documenten_compleet_op"] = [
                "Documenten kunnen niet na het besluit compleet zijn geworden."
            ]
    if errors:
        raise ValidationError(errors)
    locked.besluit = besluit
    locked.besluitdatum = besluitdatum
    locked.besluit_reden = reden.strip()
    if documenten_compleet_op:
        locked.documenten_compleet_op = documenten_compleet_op
    locked.versie += 1
    locked.full_clean()
    locked.save()
    if besluit == Aanvraag.Besluit.TOEKENNING and locked.periode.startdatum is None:
        Uitkeringsperiode.objects.filter(pk=locked.periode_id).update(startdatum=besluitdatum)
    taak_rond_af_voor(client=locked.client, soort=TaakSoort.BESLUIT)
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="besluit",
        herkomst=herkomst,
        details={"besluit": besluit},
    )
    return locked
