"""Participatieplekken for Faciliteren: the places (per wijk), placing a client, ending it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from clients.models import Client
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today

from ..models import Instrument, Participatieplek, PlekPlaatsing
from ._basis import Fouten, fout, huidige_groep, te_ver_vooruit

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User


@transaction.atomic
def participatieplek_registreer(
    *,
    actor: User,
    organisatie: str,
    omschrijving: str,
    soort: str,
    wijk: str,
    plaatsen: int = 1,
) -> Participatieplek:
    plek = Participatieplek(
        organisatie=organisatie.strip(),
        omschrijving=omschrijving.strip(),
        soort=soort,
        wijk=wijk,
        plaatsen=plaatsen,
    )
    plek.full_clean()
    plek.save()
    return plek


def _toegestane_groepen(soort: str) -> set[int]:
    """Klantgroepen for which the catalogue offers this kind of place (configuration)."""
    return set(
        Instrument.objects.filter(soort=soort, actief=True).values_list(
            "klantgroepen__pk", flat=True
        )
    )


@transaction.atomic
def plek_plaats(
    *,
    actor: User,
    client: Client,
    plek: Participatieplek,
    start: datetime.date,
    afwijking_reden: str = "",
    herkomst: str = Herkomst.WEB,
) -> PlekPlaatsing:
    """Place a client on a participatieplek. A place of a kind the catalogue does not offer
    to the client's group is a warning the participatiemakelaar may override with a reason;
    a full place is refused (the place is locked, so two placements cannot both take the
    last seat)."""
    groep = huidige_groep(client)
    locked = Participatieplek.objects.select_for_update().get(pk=plek.pk)
    errors: Fouten = {}
    if not locked.actief:
        fout(errors, "plek", "Deze participatieplek is niet meer beschikbaar.")
    if te_ver_vooruit(start):
        fout(errors, "start", "De start ligt meer dan een jaar in de toekomst.")
    lopend = PlekPlaatsing.objects.filter(plek=locked, einde__isnull=True)
    if lopend.filter(client=client).exists():
        fout(errors, "plek", "De klant heeft deze plek al.")
    elif lopend.count() >= locked.plaatsen:
        fout(errors, "plek", "Deze participatieplek is vol.")
    if groep.pk not in _toegestane_groepen(locked.soort) and not afwijking_reden.strip():
        fout(
            errors,
            "afwijking_reden",
            f"Let op: {locked.get_soort_display().lower()} is niet bedoeld voor klantgroep "
            f"{groep.naam}. Wilt u de klant toch plaatsen, geef dan de reden.",
        )
    if errors:
        raise ValidationError(errors)
    plaatsing = PlekPlaatsing(
        client=client,
        plek=locked,
        start=start,
        makelaar=actor,
        afwijking_reden=afwijking_reden.strip(),
    )
    plaatsing.full_clean()
    plaatsing.save()
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="participatieplek",
        herkomst=herkomst,
        details={"plekplaatsing": plaatsing.pk, "plek": locked.pk},
    )
    return plaatsing


@transaction.atomic
def plek_beeindig(
    *,
    actor: User,
    plaatsing: PlekPlaatsing,
    einde: datetime.date,
    reden: str = "",
    herkomst: str = Herkomst.WEB,
) -> PlekPlaatsing:
    """End a running placement on a participatieplek (once)."""
    locked = PlekPlaatsing.objects.select_for_update().get(pk=plaatsing.pk)
    errors: Fouten = {}
    if locked.einde is not None:
        fout(errors, "__all__", "Deze plaatsing is al beëindigd.")
    if einde < locked.start:
        fout(errors, "einde", f"Het einde ligt vóór de start ({locked.start:%d-%m-%Y}).")
    if einde > today():
        fout(errors, "einde", "Het einde kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    locked.einde = einde
    locked.reden_einde = reden.strip()
    locked.full_clean()
    locked.save(update_fields=["einde", "reden_einde"])
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="participatieplek",
        herkomst=herkomst,
        details={"plekplaatsing": locked.pk},
    )
    return locked
