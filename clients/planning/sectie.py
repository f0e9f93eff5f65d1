"""Dossier section "Wat is er te doen": what is due for one client."""

import datetime

from clients.constants import TaakSoort, TaakStatus
from clients.models import Client, Taak
from clients.taken import taak_zichtbaar
from clients.trajecten.models import Traject
from deventer_werk.accounts.constants import Organisatie
from deventer_werk.dates import today


def taken_sectie(*, client: Client, user) -> dict:
    """What is due for this client (dossier section): open tasks with the overdue ones
    marked, the next gesprek and review, and lopende trajecten past their planned end.
    2 queries."""
    vandaag: datetime.date = today()
    taken = list(
        Taak.objects.filter(client=client, status=TaakStatus.OPEN)
        .filter(taak_zichtbaar(user))
        .select_related("medewerker")
        .order_by("datum", "pk")
    )
    for t in taken:
        t.dagen_te_laat = (vandaag - t.datum).days if t.datum < vandaag else 0
    reviews = (TaakSoort.RECHTMATIGHEID, TaakSoort.STEEKPROEF)
    return {
        "open_taken": taken,
        "volgend_gesprek": next((t for t in taken if t.soort == TaakSoort.VOORTGANGSGESPREK), None),
        "volgende_review": next((t for t in taken if t.soort in reviews), None),
        # rechtmatigheid is IO's (DESIGN.md §1): not even "niet gepland" for other roles
        "toon_review": user.organisatie == Organisatie.IO,
        "trajecten_verlopen": list(
            Traject.objects.filter(
                client=client, status=Traject.Status.LOPEND, gepland_einde__lt=vandaag
            )
            .select_related("instrument")
            .order_by("gepland_einde")
        ),
    }
