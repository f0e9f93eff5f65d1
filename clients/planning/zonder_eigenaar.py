"""Clients without an owner land in a team queue (the planner's daily check)."""

import datetime

from django.db.models import Exists, OuterRef

from clients.constants import Fase, TaakSoort
from clients.groepen.models import Groepslidmaatschap
from clients.models import Contactpersoon, Taak
from deventer_werk.accounts.constants import Organisatie, Rol

TEAM_ROL = {Organisatie.IO: Rol.INKOMENSCONSULENT, Organisatie.DWT: Rol.WERKCOACH}


def plan_zonder_eigenaar(*, peildatum: datetime.date) -> int:
    """Active clients without a main contact person of the organisation that has regie over
    their klantgroep land in that organisation's team queue ("klant zonder contactpersoon");
    a professional claims the client from there. One open task per client (unique), so
    repeated runs add nothing. Returns the number of clients without an owner."""
    nieuw = []
    for org, rol in TEAM_ROL.items():
        contact = Contactpersoon.objects.filter(
            client_id=OuterRef("client_id"), organisatie=org, rol="", tot__isnull=True
        )
        zonder = (
            Groepslidmaatschap.objects.actueel()
            .filter(client__fase=Fase.INGEDEELD, klantgroep__regie=org, van__lte=peildatum)
            .filter(~Exists(contact))
            .values_list("client_id", "klantgroep__naam")
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
            for cid, naam in zonder
        ]
    Taak.objects.bulk_create(nieuw, batch_size=2000, ignore_conflicts=True)
    return len(nieuw)
