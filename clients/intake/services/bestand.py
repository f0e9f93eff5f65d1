"""The existing bestand to the kick-off, in batches a trainer starts and sizes (issue 26).

Clients whose ambitiegesprek predates the invitation at the gesprek have never been invited.
They get seats in batches, newest clients first (the latest melding), and a batch never takes
a seat a new client needs: it leaves the configured number of seats free in every session
(``KickoffInstelling.reserve_plaatsen``) and takes nothing while new clients of the group wait
for a seat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone

from clients.constants import Fase
from clients.groepen.models import Groepslidmaatschap
from clients.models import Client
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from klantgroepen.models import Klantgroep

from ..models import Ambitiegesprek, KickoffInstelling, KickoffSessie, KickoffUitnodiging
from .uitnodiging import bezette_plaatsen

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User

MAX_BATCH = 500


@dataclass(frozen=True)
class BatchResultaat:
    uitgenodigd: int
    gevraagd: int
    kandidaten: int
    reserve: int


def kickoff_bestand(*, klantgroep: Klantgroep) -> QuerySet[Any]:  # Client + gesprek_id
    """Clients of the group (current membership, ingedeeld) with an ambitiegesprek and no
    kick-off invitation ever, newest first, annotated with their latest gesprek."""
    laatste_gesprek = (
        Ambitiegesprek.objects.filter(client=OuterRef("pk")).order_by("-datum", "-pk").values("pk")
    )
    in_groep = Groepslidmaatschap.objects.actueel().filter(
        client=OuterRef("pk"), klantgroep=klantgroep
    )
    return (
        Client.objects.filter(fase=Fase.INGEDEELD)
        .filter(Exists(in_groep), Exists(laatste_gesprek))
        .filter(~Exists(KickoffUitnodiging.objects.filter(client=OuterRef("pk"))))
        .annotate(
            gesprek_id=Subquery(laatste_gesprek[:1]),
            laatste_melding=Max("perioden__melddatum"),
        )
        .order_by("-laatste_melding", "-gesprek_id", "pk")
    )


def bestand_aantallen() -> dict[int, int]:
    """The size of ``kickoff_bestand`` per klantgroep id, in one grouped query.

    Sequential scan, justified (issue 33; EXPLAIN ANALYZE at city size in
    bench/results/20261207T2251Z-na-sessie.md: 131 ms): a parallel seq scan of the current
    memberships (42,440 of 58,000 rows), every one of which is counted. It runs once per
    invitation or gesprek for every server process together (``bestand_aantallen`` is read
    through ``deventer_werk.cache.bewaard``), not per page view."""
    gesprek = Ambitiegesprek.objects.filter(client=OuterRef("client"))
    uitnodiging = KickoffUitnodiging.objects.filter(client=OuterRef("client"))
    return dict(
        Groepslidmaatschap.objects.actueel()
        .filter(client__fase=Fase.INGEDEELD)
        .filter(Exists(gesprek), ~Exists(uitnodiging))
        .order_by()
        .values("klantgroep")
        .annotate(n=Count("pk"))
        .values_list("klantgroep", "n")
    )


@transaction.atomic
def kickoff_bestand_nodig_uit(
    *, actor: User, klantgroep: Klantgroep, aantal: int, herkomst: str = Herkomst.WEB
) -> BatchResultaat:
    """Invite up to ``aantal`` clients of the bestand to the group's coming sessions. One
    transaction: the sessions are locked while their seats are counted, so a batch and a new
    client's invitation at the same moment never overfill a session."""
    if not 1 <= aantal <= MAX_BATCH:
        raise ValidationError({"aantal": [f"Kies een aantal van 1 tot en met {MAX_BATCH}."]})
    reserve = KickoffInstelling.huidig().reserve_plaatsen
    wachtend = KickoffUitnodiging.objects.filter(
        sessie__isnull=True,
        vervallen_op__isnull=True,
        client__fase=Fase.INGEDEELD,
        client__lidmaatschappen__tot__isnull=True,
        client__lidmaatschappen__klantgroep=klantgroep,
    )
    if wachtend.exists():
        raise ValidationError(
            {
                "__all__": [
                    f"Er wachten nieuwe klanten van {klantgroep.naam} op een plaats: plan eerst "
                    "een bijeenkomst voor hen; het bestaande bestand komt daarna."
                ]
            }
        )
    kandidaten = list(kickoff_bestand(klantgroep=klantgroep).values_list("pk", "gesprek_id"))
    sessies = KickoffSessie.objects.filter(klantgroep=klantgroep, datum__gt=timezone.now())
    uitgenodigd = 0
    volgende = iter(kandidaten)
    for sessie_pk in sessies.order_by("datum", "pk").values_list("pk", flat=True):
        sessie = KickoffSessie.objects.select_for_update().get(pk=sessie_pk)
        vrij = sessie.capaciteit - reserve - bezette_plaatsen(sessie)
        while vrij > 0 and uitgenodigd < aantal:
            kandidaat = next(volgende, None)
            if kandidaat is None:
                break
            if _nodig_uit(actor=actor, sessie=sessie, kandidaat=kandidaat, herkomst=herkomst):
                uitgenodigd += 1
                vrij -= 1
        if uitgenodigd >= aantal:
            break
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        object_type="kickoff_bestand",
        herkomst=herkomst,
        details={"klantgroep": klantgroep.code, "gevraagd": aantal, "uitgenodigd": uitgenodigd},
    )
    return BatchResultaat(
        uitgenodigd=uitgenodigd, gevraagd=aantal, kandidaten=len(kandidaten), reserve=reserve
    )


def _nodig_uit(*, actor: User, sessie: KickoffSessie, kandidaat: tuple, herkomst: str) -> bool:
    client_pk, gesprek_pk = kandidaat
    try:
        with transaction.atomic():
            uitnodiging = KickoffUitnodiging.objects.create(
                client_id=client_pk,
                ambitiegesprek_id=gesprek_pk,
                sessie=sessie,
                uitgenodigd_op=timezone.localdate(),
                aanleiding=KickoffUitnodiging.Aanleiding.BESTAND,
            )
    except IntegrityError:  # invited meanwhile (a new gesprek): skip, never a second one
        return False
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client_pk,
        object_type="kickoff_uitnodiging",
        herkomst=herkomst,
        details={"uitnodiging": uitnodiging.pk, "sessie": sessie.pk, "aanleiding": "bestand"},
    )
    return True
