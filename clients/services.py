"""Writes on clients. Every rule about registering and changing a client lives here."""

from __future__ import annotations

import dataclasses
import datetime
import logging
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from deventer_werk.accounts.constants import Organisatie
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today

from .constants import Fase
from .models import Client, Contactpersoon, Uitkeringsperiode
from .rules import contact_rol_voor, hoofdcontact_rol
from .validators import normalize_bsn

if TYPE_CHECKING:
    import uuid

    from django.http import HttpRequest

    from deventer_werk.accounts.models import User


logger = logging.getLogger(__name__)

CLIENT_EDITABLE_FIELDS = (
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "wijk",
    "telefoon",
    "email",
    "doelgroepenregister",
)


class ConcurrentEditError(ValidationError):
    """Raised when a form was based on an older version of the record."""

    def __init__(self) -> None:
        super().__init__(
            "Iemand anders heeft dit dossier intussen gewijzigd. Uw invoer is niet opgeslagen; "
            "bekijk de actuele gegevens en voer uw wijziging opnieuw in.",
            code="concurrent_edit",
        )


def _validate_client_fields(data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    geboortedatum = data.get("geboortedatum")
    if geboortedatum and geboortedatum > today():
        errors["geboortedatum"] = ["De geboortedatum kan niet in de toekomst liggen."]
    if errors:
        raise ValidationError(errors)


def _bsn_in_use(bsn: str, *, exclude_pk: uuid.UUID | None = None) -> bool:
    qs = Client.objects.actief().met_bsn(bsn)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


@transaction.atomic
def client_register(
    *,
    actor: User,
    bsn: str,
    melddatum: datetime.date,
    startdatum_uitkering: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
    request: HttpRequest | None = None,
    **fields: Any,
) -> Client:
    """Register a melding: a new client, or a new episode for a client who comes back.

    A returning client (same BSN, dossier afgesloten) keeps the same record and history; the
    earlier episode stays as it was. Raises ValidationError with Dutch messages on bad input.
    """
    bsn = normalize_bsn(bsn)
    unknown = set(fields) - set(CLIENT_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Onbekende velden: {sorted(unknown)}")
    _validate_client_fields(fields)
    if melddatum and melddatum > today():
        raise ValidationError({"melddatum": ["De melddatum kan niet in de toekomst liggen."]})
    if startdatum_uitkering and melddatum and startdatum_uitkering < melddatum:
        raise ValidationError(
            {"startdatum_uitkering": ["De uitkering kan niet starten vóór de melddatum."]}
        )
    if _bsn_in_use(bsn):
        raise ValidationError({"bsn": ["Er is al een actieve klant met dit BSN."]})
    returning = (
        Client.objects.select_for_update()
        .met_bsn(bsn)
        .filter(fase=Fase.AFGESLOTEN)
        .order_by("-gewijzigd_op")
        .first()
    )
    if returning is not None:
        client = returning
        for key, value in fields.items():
            setattr(client, key, value)
        client.fase = Fase.MELDING
        client.versie += 1
        client.full_clean(validate_constraints=False)
        vorige = client.perioden.order_by("-melddatum").first()
        if vorige is not None and vorige.einddatum and melddatum <= vorige.einddatum:
            raise ValidationError(
                {"melddatum": [f"De vorige periode liep tot {vorige.einddatum:%d-%m-%Y}."]}
            )
    else:
        client = Client(bsn=bsn, **fields)
        client.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            client.save()
    except IntegrityError as exc:  # a concurrent registration of the same BSN
        raise ValidationError({"bsn": ["Er is al een actieve klant met dit BSN."]}) from exc
    periode = Uitkeringsperiode(
        client=client,
        melddatum=melddatum,
        startdatum=startdatum_uitkering,
        gemeld_door=actor if getattr(actor, "is_authenticated", False) else None,
    )
    periode.full_clean()
    periode.save()
    if returning is not None:
        _herinstroom_taken(client=client, actor=actor)
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="herinstroom" if returning is not None else "klant",
        herkomst=herkomst,
        request=request,
    )
    logger.info("melding client=%s herinstroom=%s", client.pk, returning is not None)
    return client


def _herplan(client: Client) -> None:
    """The client's planned work in line at once, by the planner's rule (same transaction)."""
    from .registry import client_herplan

    client_herplan(client_id=client.pk)


def _herinstroom_taken(*, client: Client, actor: User) -> None:
    """A client who comes back on the benefit no longer works: the open nazorg checks of the
    earlier placement lapse (kept as history), then the planner's rule applies again."""
    from .constants import TaakSoort
    from .taken import taak_vervallen

    taak_vervallen(
        taken=client.taken.filter(soort=TaakSoort.NAZORG),
        reden="Herinstroom: de klant heeft weer een uitkering",
        door=actor,
    )
    _herplan(client)


@transaction.atomic
def periode_sluit(
    *,
    actor: User,
    client: Client,
    einddatum: datetime.date,
    reden: str,
    toelichting: str = "",
    herkomst: str = Herkomst.WEB,
    taken_blijven: Q | None = None,
) -> Uitkeringsperiode:
    """Close the client's current episode (uitstroom, or "geen recht" after screening).

    ``einddatum`` is the last day of the episode. The current klantgroep membership ends the
    day after (``tot`` is exclusive), open contact persons end, and the dossier is afgesloten.
    Open tasks on the werkvoorraad lapse (with the reason), except nazorg: after uitstroom
    naar werk the werkcoach keeps checking whether the client still works; ``taken_blijven``
    keeps other work that goes on after the uitstroom (a loonkostensubsidie re-assessment).
    """
    from clients.groepen.models import Groepslidmaatschap

    from .constants import TaakSoort, Uitstroomreden
    from .taken import taak_vervallen

    locked = Client.objects.select_for_update().get(pk=client.pk)
    errors: dict[str, list[str]] = {}
    if reden not in Uitstroomreden.values:
        errors["reden"] = ["Kies een reden."]
    if einddatum > today() + datetime.timedelta(days=62):
        errors["einddatum"] = ["De einddatum ligt te ver in de toekomst."]
    periode = (
        Uitkeringsperiode.objects.select_for_update()
        .filter(client=locked, einddatum__isnull=True)
        .first()
    )
    if periode is None:
        errors["einddatum"] = ["Deze klant heeft geen lopende periode."]
    elif einddatum < periode.melddatum:
        errors["einddatum"] = [
            f"De einddatum kan niet vóór de melddatum ({periode.melddatum:%d-%m-%Y}) liggen."
        ]
    lidmaatschap = Groepslidmaatschap.objects.actueel().van_client(locked).first()
    if lidmaatschap is not None and einddatum < lidmaatschap.van:
        errors.setdefault("einddatum", []).append(
            f"De einddatum kan niet vóór de start van de klantgroep "
            f"({lidmaatschap.van:%d-%m-%Y}) liggen."
        )
    if errors or periode is None:
        raise ValidationError(errors)
    periode.einddatum = einddatum
    periode.uitstroomreden = reden
    periode.toelichting = toelichting
    periode.full_clean()
    periode.save()
    dag_erna = einddatum + datetime.timedelta(days=1)
    if lidmaatschap is not None:
        lidmaatschap.tot = dag_erna
        lidmaatschap.save(update_fields=["tot"])
    Contactpersoon.objects.actueel().filter(client=locked).update(tot=dag_erna)
    vervallen = locked.taken.exclude(soort=TaakSoort.NAZORG)
    if taken_blijven is not None:
        vervallen = vervallen.exclude(taken_blijven)
    taak_vervallen(
        taken=vervallen,
        reden=f"Uitstroom ({Uitstroomreden(reden).label.lower()})",
        door=actor,
    )
    locked.fase = Fase.AFGESLOTEN
    locked.versie += 1
    locked.save(update_fields=["fase", "versie", "gewijzigd_op"])
    _herplan(locked)
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.pk,
        object_type="uitstroom",
        herkomst=herkomst,
        details={"reden": reden},
    )
    logger.info("periode gesloten client=%s reden=%s", locked.pk, reden)
    return periode


@transaction.atomic
def client_update(
    *,
    actor: User,
    client: Client,
    versie: int,
    herkomst: str = Herkomst.WEB,
    request: HttpRequest | None = None,
    **changes: Any,
) -> Client:
    """Change personal details. ``versie`` is the version the user's form was based on."""
    unknown = set(changes) - set(CLIENT_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Onbekende velden: {sorted(unknown)}")
    locked = Client.objects.select_for_update().get(pk=client.pk)
    if locked.versie != versie:
        raise ConcurrentEditError()
    _validate_client_fields(changes)
    changed = sorted(k for k, v in changes.items() if getattr(locked, k) != v)
    for key, value in changes.items():
        setattr(locked, key, value)
    locked.full_clean(validate_constraints=False)
    locked.versie += 1
    locked.save()
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.pk,
        object_type="klant",
        herkomst=herkomst,
        request=request,
        details={"velden": changed},
    )
    return locked


@transaction.atomic
def contactpersoon_wijs_toe(
    *,
    actor: User,
    client: Client,
    medewerker: User,
    van: datetime.date | None = None,
    rol: str = "",
    herkomst: str = Herkomst.WEB,
) -> Contactpersoon:
    """Make ``medewerker`` the client's contact person for their organisation and ``rol``
    (default: their own contact role) from ``van``. The client's open tasks of the previous
    contact, and of the role's team queue, move to the new contact at once."""
    from .constants import TaakSoort
    from .taken import taak_herbeleg, taak_rond_af_voor

    van = van or today()
    organisatie = medewerker.organisatie
    if organisatie not in (Organisatie.IO, Organisatie.DWT):
        raise ValidationError(
            {"medewerker": ["Een contactpersoon werkt bij Inkomensondersteuning of DWT."]}
        )
    rol = rol or contact_rol_voor(medewerker)
    # The organisation's main contact role is stored as '' (the historical meaning).
    opslag_rol = "" if rol == hoofdcontact_rol(organisatie) else rol
    current = (
        Contactpersoon.objects.select_for_update()
        .actueel()
        .filter(client=client, organisatie=organisatie, rol=opslag_rol)
        .first()
    )
    if current is not None:
        if current.medewerker_id == medewerker.pk:
            return current
        if van <= current.van:
            raise ValidationError({"van": ["De nieuwe contactpersoon moet na de huidige starten."]})
        current.tot = van
        current.save(update_fields=["tot"])
    contact = Contactpersoon(
        client=client, organisatie=organisatie, rol=opslag_rol, medewerker=medewerker, van=van
    )
    contact.full_clean(validate_constraints=False)
    contact.save()
    if not opslag_rol:
        # Only this organisation's claim: the other organisation still claims its own.
        taak_rond_af_voor(
            client=client, soort=TaakSoort.TOEWIJZEN, door=actor, organisatie=organisatie
        )
    herbelegd = taak_herbeleg(
        client=client,
        van_medewerker_id=current.medewerker_id if current else None,
        naar=medewerker,
        rol=rol,
    )
    _herplan(client)
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=client.pk,
        object_type="contactpersoon",
        herkomst=herkomst,
        details={
            "organisatie": organisatie,
            "rol": rol,
            "medewerker_id": medewerker.pk,
            "taken_herbelegd": herbelegd,
        },
    )
    return contact


def client_set_fase(*, client: Client, fase: str) -> None:
    """Move the dossier to another phase of the klantreis (called by klantreis services)."""
    if fase not in Fase.values:
        raise ValueError(fase)
    Client.objects.filter(pk=client.pk).update(fase=fase, versie=client.versie + 1)
    client.fase = fase
    client.versie += 1


@dataclasses.dataclass(frozen=True)
class Rotatie:
    totaal: int
    herversleuteld: int


def bsn_sleutel_roteer(*, batch: int = 1000) -> Rotatie:
    """Re-encrypt every BSN with the newest key (the first of ``settings.BSN_SLEUTELS``) and
    recompute its lookup hash, in batches of ``batch`` clients, each its own transaction, so a
    rotation can be stopped and run again. Rows already under the newest key with a current
    hash are left alone. Afterwards the old key can be dropped from the environment."""
    from .versleuteling import bsn_hash, bsn_herversleutel, bsn_is_actueel, bsn_ontsleutel

    totaal = herversleuteld = 0
    laatste = None
    while True:
        with transaction.atomic():
            qs = Client.objects.order_by("pk").only("pk", "bsn_versleuteld", "bsn_hash")
            if laatste is not None:
                qs = qs.filter(pk__gt=laatste)
            rijen = list(qs.select_for_update()[:batch])
            if not rijen:
                return Rotatie(totaal=totaal, herversleuteld=herversleuteld)
            gewijzigd = []
            for client in rijen:
                token = client.bsn_versleuteld
                nieuwe_hash = bsn_hash(bsn_ontsleutel(token))
                if bsn_is_actueel(token) and nieuwe_hash == client.bsn_hash:
                    continue
                client.bsn_versleuteld = bsn_herversleutel(token)
                client.bsn_hash = nieuwe_hash
                gewijzigd.append(client)
            Client.objects.bulk_update(gewijzigd, ["bsn_versleuteld", "bsn_hash"])
        totaal += len(rijen)
        herversleuteld += len(gewijzigd)
        laatste = rijen[-1].pk
