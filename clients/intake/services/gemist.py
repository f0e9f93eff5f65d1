"""What a recorded attendance leads to. A miss (afgemeld, niet verschenen) re-invites the
client to the next session with a free seat; after the configured number of misses the
contact person gets a signal and a follow-up task, and after as many no-shows the handhaver a
"werkt niet mee" signal. Correcting a miss to "aanwezig" withdraws the re-invitation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from clients.constants import Fase, SignaalSoort, TaakSoort
from clients.groepen.models import Groepslidmaatschap
from clients.models import Contactpersoon, Signaal
from clients.rules import hoofdcontact_rol
from clients.signalen import signaal_meld
from clients.taken import taak_plan
from deventer_werk.accounts.constants import Organisatie
from deventer_werk.dates import today

from ..models import KickoffInstelling, KickoffUitnodiging
from .uitnodiging import kickoff_laat_vervallen, kickoff_open_uitnodiging, kickoff_uitnodig

if TYPE_CHECKING:
    from clients.models import Client
    from deventer_werk.accounts.models import User

A = KickoffUitnodiging.Aanwezigheid
GEMIST = (A.AFGEMELD, A.NIET_VERSCHENEN)
BRON_GEMIST = "kick-off gemist"


def kickoff_gemist_gevolgen(
    *, actor: User, uitnodiging: KickoffUitnodiging, vorige: str, herkomst: str
) -> None:
    """Called by ``kickoff_aanwezigheid`` inside its transaction, after the new value was
    saved on the (locked) invitation."""
    nu_gemist = uitnodiging.aanwezigheid in GEMIST
    was_gemist = vorige in GEMIST
    if nu_gemist and not was_gemist:
        if (
            uitnodiging.client.fase == Fase.INGEDEELD
            and kickoff_open_uitnodiging(client_id=uitnodiging.client_id) is None
        ):
            kickoff_uitnodig(
                actor=actor,
                client=uitnodiging.client,
                ambitiegesprek=uitnodiging.ambitiegesprek,
                aanleiding=KickoffUitnodiging.Aanleiding.OPNIEUW,
                vorige=uitnodiging,
                herkomst=herkomst,
            )
    elif was_gemist and not nu_gemist:
        for herkansing in KickoffUitnodiging.objects.filter(
            vorige=uitnodiging, aanwezigheid="", vervallen_op__isnull=True
        ):
            kickoff_laat_vervallen(
                actor=actor,
                uitnodiging=herkansing,
                reden="Aanwezigheid gecorrigeerd: de klant was er wel",
                herkomst=herkomst,
            )
    if nu_gemist:
        _signaleer_herhaald_gemist(actor=actor, uitnodiging=uitnodiging, herkomst=herkomst)


def _signaleer_herhaald_gemist(
    *, actor: User, uitnodiging: KickoffUitnodiging, herkomst: str
) -> None:
    maximum = KickoffInstelling.huidig().max_gemist
    tellingen = KickoffUitnodiging.objects.filter(
        client_id=uitnodiging.client_id, vervallen_op__isnull=True
    )
    gemist = tellingen.filter(aanwezigheid__in=GEMIST).count()
    niet_verschenen = tellingen.filter(aanwezigheid=A.NIET_VERSCHENEN).count()
    client = uitnodiging.client
    open_signalen = Signaal.objects.filter(client=client, afgehandeld_op__isnull=True)
    if gemist >= maximum and not open_signalen.filter(bron=BRON_GEMIST).exists():
        omschrijving = (
            f"De kick-off is {gemist} keer gemist (afgemeld of niet verschenen). "
            "De klant is opnieuw uitgenodigd; bespreek met de klant waarom."
        )
        signaal_meld(
            actor=actor,
            client=client,
            soort=SignaalSoort.KICKOFF_NIET_VERSCHENEN,
            omschrijving=omschrijving,
            bron=BRON_GEMIST,
            herkomst=herkomst,
        )
        _opvolging_voor_contactpersoon(client=client, omschrijving=omschrijving, aantal=gemist)
    if (
        niet_verschenen >= maximum
        and not open_signalen.filter(soort=SignaalSoort.NIET_MEEWERKEN, bron=BRON_GEMIST).exists()
    ):
        signaal_meld(
            actor=actor,
            client=client,
            soort=SignaalSoort.NIET_MEEWERKEN,
            omschrijving=f"{niet_verschenen} keer niet verschenen op de verplichte kick-off, "
            "zonder afmelding.",
            bron=BRON_GEMIST,
            herkomst=herkomst,
        )


def _opvolging_voor_contactpersoon(*, client: Client, omschrijving: str, aantal: int) -> None:
    """A follow-up task for the client's contact person: the main contact of the organisation
    with regie over the group, else the IO contact, else the regie team's queue."""
    lid = Groepslidmaatschap.objects.huidig(client)
    regie = lid.klantgroep.regie if lid else Organisatie.IO
    contacten = {
        c.organisatie: c.medewerker
        for c in Contactpersoon.objects.actueel()
        .filter(Q(organisatie=regie) | Q(organisatie=Organisatie.IO), client=client, rol="")
        .select_related("medewerker")
    }
    medewerker = contacten.get(regie) or contacten.get(Organisatie.IO)
    taak_plan(
        client=client,
        soort=TaakSoort.OPVOLGING,
        omschrijving=f"Kick-off gemist: {omschrijving}",
        datum=today(),
        medewerker=medewerker,
        rol="" if medewerker else hoofdcontact_rol(regie),
        organisatie="" if medewerker else regie,
        sleutel=f"kickoff-gemist:{client.pk}:{aantal}",
    )
