"""Werkgeversdienstverlening: the employer register, their dismissals (input for the
verdringingscheck), vacancies, and the client's werkprofiel that matching reads."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from clients.models import Client
from clients.services import ConcurrentEditError
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today

from ..models import OntslagMelding, Vacature, Werkgever, Werkprofiel
from ._basis import Fouten, fout

if TYPE_CHECKING:
    from collections.abc import Iterable

    from clients.trajecten.models import Sector
    from deventer_werk.accounts.models import User


WERKGEVER_VELDEN = ("naam", "sector", "omvang", "contactpersoon", "telefoon", "email")


def _dubbele_naam(naam: str, *, behalve: int | None = None) -> bool:
    gelijk = Werkgever.objects.filter(naam__iexact=naam.strip())
    if behalve is not None:
        gelijk = gelijk.exclude(pk=behalve)
    return gelijk.exists()


@transaction.atomic
def werkgever_registreer(
    *,
    actor: User,
    naam: str,
    sector: Sector,
    omvang: str,
    contactpersoon: str = "",
    telefoon: str = "",
    email: str = "",
) -> Werkgever:
    """Add an employer; the DWT professional who adds it becomes its accountmanager."""
    if _dubbele_naam(naam):
        raise ValidationError({"naam": ["Deze werkgever staat al in het register."]})
    werkgever = Werkgever(
        naam=naam.strip(),
        sector=sector,
        omvang=omvang,
        contactpersoon=contactpersoon.strip(),
        telefoon=telefoon.strip(),
        email=email.strip(),
        accountmanager=actor,
    )
    werkgever.full_clean()
    werkgever.save()
    return werkgever


@transaction.atomic
def werkgever_wijzig(*, actor: User, werkgever: Werkgever, versie: int, **velden: Any) -> Werkgever:
    """Change the employer's register data; a form opened on an older version is refused."""
    locked = Werkgever.objects.select_for_update().get(pk=werkgever.pk)
    if locked.versie != versie:
        raise ConcurrentEditError()
    onbekend = set(velden) - set(WERKGEVER_VELDEN)
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")
    if "naam" in velden and _dubbele_naam(velden["naam"], behalve=locked.pk):
        raise ValidationError({"naam": ["Er staat al een andere werkgever met deze naam."]})
    for veld, waarde in velden.items():
        setattr(locked, veld, waarde.strip() if isinstance(waarde, str) else waarde)
    locked.versie += 1
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def ontslag_registreer(
    *, actor: User, werkgever: Werkgever, datum: datetime.date, aantal: int, functie: str = ""
) -> OntslagMelding:
    """Record dismissals for business reasons (e.g. from the UWV ontslagvergunning)."""
    errors: Fouten = {}
    if datum > today():
        fout(errors, "datum", "De ontslagdatum kan niet in de toekomst liggen.")
    if aantal < 1:
        fout(errors, "aantal", "Het aantal is minstens 1.")
    if errors:
        raise ValidationError(errors)
    melding = OntslagMelding(
        werkgever=werkgever,
        datum=datum,
        aantal=aantal,
        functie=functie.strip(),
        geregistreerd_door=actor,
    )
    melding.full_clean()
    melding.save()
    return melding


@transaction.atomic
def vacature_registreer(
    *,
    actor: User,
    werkgever: Werkgever,
    functie: str,
    sector: Sector,
    uren: int,
    competenties: str,
    geplaatst_op: datetime.date,
) -> Vacature:
    errors: Fouten = {}
    if geplaatst_op > today():
        fout(errors, "geplaatst_op", "De datum kan niet in de toekomst liggen.")
    if not [c for c in competenties.split(",") if c.strip()]:
        fout(errors, "competenties", "Noem minstens één gevraagde competentie.")
    if errors:
        raise ValidationError(errors)
    vacature = Vacature(
        werkgever=werkgever,
        functie=functie.strip(),
        sector=sector,
        uren=uren,
        competenties=", ".join(c.strip() for c in competenties.split(",") if c.strip()),
        geplaatst_op=geplaatst_op,
    )
    vacature.full_clean()
    vacature.save()
    return vacature


@transaction.atomic
def vacature_sluit(*, actor: User, vacature: Vacature, datum: datetime.date) -> Vacature:
    locked = Vacature.objects.select_for_update().get(pk=vacature.pk)
    if not locked.open:
        raise ValidationError("Deze vacature is al gesloten.")
    if datum < locked.geplaatst_op:
        raise ValidationError({"datum": ["De vacature sluit na de plaatsingsdatum."]})
    locked.open = False
    locked.gesloten_op = datum
    locked.save(update_fields=["open", "gesloten_op"])
    return locked


@transaction.atomic
def werkprofiel_wijzig(
    *,
    actor: User,
    client: Client,
    versie: int,
    sectoren: Iterable[Sector],
    competenties: str,
    uren_beschikbaar: int,
    herkomst: str = Herkomst.WEB,
) -> Werkprofiel:
    """Set what matching reads: sector interest, competences (not diplomas), hours. ``versie``
    is 0 for a client without a profile; a form opened on an older version is refused."""
    profiel = Werkprofiel.objects.select_for_update().filter(client=client).first()
    if (profiel.versie if profiel else 0) != versie:
        raise ConcurrentEditError()
    if not 0 <= uren_beschikbaar <= 60:
        raise ValidationError({"uren_beschikbaar": ["Het aantal uren ligt tussen 0 en 60."]})
    profiel = profiel or Werkprofiel(client=client, versie=0)
    profiel.competenties = ", ".join(c.strip() for c in competenties.split(",") if c.strip())
    profiel.uren_beschikbaar = uren_beschikbaar
    profiel.versie += 1
    profiel.full_clean()
    profiel.save()
    profiel.sectoren.set(sectoren)
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=client.pk,
        object_type="werkprofiel",
        herkomst=herkomst,
    )
    return profiel
