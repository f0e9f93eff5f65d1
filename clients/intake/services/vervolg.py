"""After the kick-off (policy §4.1): "Iedere klant uit de groepen Matchen en Groeien gaat na
de bijeenkomst naar huis met een afspraak met zijn werkcoach van DWT"; Faciliteren clients
"hebben kennis gemaakt met de participatiemakelaar".

When the trainer records a client as present for the first time, the client gets the contact
person the trainer named (or keeps the one they have) and a first appointment with a date on
the werkvoorraad. Without a name, the appointment and a "klant zonder contactpersoon" task
land in the team queue of the role (DWT werkcoaches, IO participatiemakelaars), where a
colleague claims the client; claiming moves the appointment along (``taak_herbeleg``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from clients.constants import TaakSoort
from clients.groepen.models import Groepslidmaatschap
from clients.models import Contactpersoon
from clients.services import contactpersoon_wijs_toe
from clients.taken import taak_plan
from deventer_werk.access import Action, may
from deventer_werk.accounts.constants import Organisatie, Rol
from deventer_werk.audit.constants import Actie
from deventer_werk.audit.services import audit_record
from klantgroepen.models import Klantgroep

from .. import rules
from ..models import KickoffInstelling, KickoffUitnodiging

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User


@dataclass(frozen=True)
class Vervolg:
    """What follows the kick-off for a group: who, from which organisation, what task."""

    rol: str
    organisatie: str
    contact_rol: str  # '' = the organisation's main contact (the werkcoach at DWT)
    actie: Action
    label: str
    omschrijving: str


WERKCOACH = Vervolg(
    rol=Rol.WERKCOACH,
    organisatie=Organisatie.DWT,
    contact_rol="",
    actie=rules.KICKOFF_WERKCOACH,
    label="Werkcoach (DWT)",
    omschrijving="Eerste afspraak met de werkcoach na de kick-off: het plan van aanpak verder "
    "invullen",
)
PARTICIPATIEMAKELAAR = Vervolg(
    rol=Rol.PARTICIPATIEMAKELAAR,
    organisatie=Organisatie.IO,
    contact_rol=Rol.PARTICIPATIEMAKELAAR,
    actie=rules.KICKOFF_PARTICIPATIEMAKELAAR,
    label="Participatiemakelaar",
    omschrijving="Kennismaking met de participatiemakelaar na de kick-off",
)


def kickoff_vervolg_voor(klantgroep: Klantgroep) -> Vervolg | None:
    """Matchen and Groeien (DWT regie): a werkcoach; Faciliteren: a participatiemakelaar."""
    if klantgroep.regie == Organisatie.DWT:
        return WERKCOACH
    if klantgroep.code == "faciliteren":
        return PARTICIPATIEMAKELAAR
    return None


def kickoff_standaard_afspraak(sessie_datum: datetime.datetime) -> datetime.date:
    dagen = KickoffInstelling.huidig().eerste_afspraak_na_dagen
    return timezone.localtime(sessie_datum).date() + datetime.timedelta(days=dagen)


def kickoff_vervolg(
    *,
    actor: User,
    uitnodiging: KickoffUitnodiging,
    medewerker: User | None = None,
    afspraak_datum: datetime.date | None = None,
    afspraak_tijd: datetime.time | None = None,
    herkomst: str,
) -> None:
    """Called by ``kickoff_aanwezigheid`` (inside its transaction) the first time a client is
    recorded present. Raises ``ValidationError`` (Dutch) on a wrong colleague or date."""
    assert uitnodiging.sessie is not None
    lid = Groepslidmaatschap.objects.huidig(uitnodiging.client)
    vervolg = kickoff_vervolg_voor(lid.klantgroep) if lid else None
    if vervolg is None:
        return
    sessie_dag = timezone.localtime(uitnodiging.sessie.datum).date()
    datum = afspraak_datum or kickoff_standaard_afspraak(uitnodiging.sessie.datum)
    errors: dict[str, list[str]] = {}
    if datum < sessie_dag:
        errors["afspraak_datum"] = ["De eerste afspraak ligt niet vóór de kick-off."]
    if medewerker is not None and (
        not may(medewerker, vervolg.actie) or medewerker.organisatie != vervolg.organisatie
    ):
        errors["contactpersoon"] = [f"Kies een {vervolg.label.lower()}."]
    if errors:
        raise ValidationError(errors)
    client = uitnodiging.client
    if medewerker is not None:
        contactpersoon_wijs_toe(
            actor=actor,
            client=client,
            medewerker=medewerker,
            rol=vervolg.rol,
            herkomst=herkomst,
        )
    else:
        huidig = (
            Contactpersoon.objects.actueel()
            .filter(client=client, organisatie=vervolg.organisatie, rol=vervolg.contact_rol)
            .select_related("medewerker")
            .first()
        )
        medewerker = huidig.medewerker if huidig else None
    if medewerker is None and vervolg is WERKCOACH:
        # the DWT team queue: a werkcoach claims the client (and with it the appointment)
        taak_plan(
            client=client,
            soort=TaakSoort.TOEWIJZEN,
            omschrijving=f"Na de kick-off: nog geen {vervolg.label.lower()}; claim de klant",
            datum=timezone.localdate(),
            rol=vervolg.rol,
            organisatie=vervolg.organisatie,
        )
    taak, _nieuw = taak_plan(
        client=client,
        soort=TaakSoort.KICKOFF,
        omschrijving=vervolg.omschrijving,
        datum=datum,
        tijd=afspraak_tijd,
        medewerker=medewerker,
        rol="" if medewerker else vervolg.rol,
        organisatie="" if medewerker else vervolg.organisatie,
        sleutel=f"kickoff-vervolg:{uitnodiging.pk}",
    )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="kickoff_vervolg",
        herkomst=herkomst,
        details={
            "uitnodiging": uitnodiging.pk,
            "taak": taak.pk,
            "rol": vervolg.rol,
            "medewerker_id": medewerker.pk if medewerker else None,
        },
    )
