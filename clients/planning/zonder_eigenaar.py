"""Clients without an owner land in a team queue (the planner's daily check, and at once for
one client when its klantgroep or contact person changes)."""

import datetime

from django.db.models import Exists, OuterRef

from clients.constants import Fase, TaakSoort, TaakStatus
from clients.groepen.models import Groepslidmaatschap
from clients.models import Contactpersoon, Taak
from clients.rules import CONTACT_ORGANISATIES, hoofdcontact_rol
from clients.taken import taak_vervallen
from deventer_werk.accounts.constants import Organisatie


def _hoofdcontact(org: str):
    return Contactpersoon.objects.filter(
        client_id=OuterRef("client_id"), organisatie=org, rol="", tot__isnull=True
    )


def _heeft_contact_nodig(org: str, peildatum: datetime.date):
    """Memberships of clients who need a main contact of ``org``: every active client has one
    IO contact (the inkomensconsulent); a DWT contact where DWT has regie (DESIGN.md §1)."""
    qs = Groepslidmaatschap.objects.op_datum(peildatum).filter(client__fase=Fase.INGEDEELD)
    return qs.filter(klantgroep__regie=org) if org == Organisatie.DWT else qs


def plan_zonder_eigenaar(*, peildatum: datetime.date, client_ids: list | None = None) -> int:
    """Active clients without their IO contact, or without a DWT contact while DWT has regie
    over their klantgroep, land in that organisation's team queue ("klant zonder
    contactpersoon"); a professional claims the client from there. Claims are per
    organisation: one open claim task per client and organisation (unique), so repeated runs
    add nothing; a claim that is no longer needed (group change, uitstroom, contact
    assigned) lapses. Returns the number of claims due (per organisation)."""
    nieuw = []
    for org in CONTACT_ORGANISATIES:
        rol = hoofdcontact_rol(org)
        zonder = _heeft_contact_nodig(org, peildatum).filter(~Exists(_hoofdcontact(org)))
        claims = Taak.objects.filter(soort=TaakSoort.TOEWIJZEN, organisatie=org)
        if client_ids is not None:
            zonder = zonder.filter(client_id__in=client_ids)
            claims = claims.filter(client_id__in=client_ids)
        taak_vervallen(
            taken=claims.filter(status=TaakStatus.OPEN).filter(
                ~Exists(
                    _heeft_contact_nodig(org, peildatum).filter(client_id=OuterRef("client_id"))
                )
                | Exists(_hoofdcontact(org))
            ),
            reden=f"Geen klant zonder contactpersoon meer bij {org} (regie of contactpersoon)",
        )
        nieuw += [
            Taak(
                client_id=cid,
                soort=TaakSoort.TOEWIJZEN,
                omschrijving=f"{naam}: nog geen contactpersoon bij {org}; claim de klant",
                datum=peildatum,
                rol=rol,
                organisatie=org,
            )
            for cid, naam in zonder.values_list("client_id", "klantgroep__naam")
        ]
    Taak.objects.bulk_create(nieuw, batch_size=2000, ignore_conflicts=True)
    return len(nieuw)
