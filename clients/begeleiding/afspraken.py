"""The current agreements with a client (issue 27 part 3): openness to a home visit, the
commitment to the plan and the Groeien kenmerken. The ambitiegesprek records them; a later
voortgangsgesprek may update each one. "Current" is a query (history, not overwrites): per
subject the latest gesprek that recorded it, with its date.

One definition serves the dossier (one client) and the monitoring (every client, on a
peildatum), as annotations on a Client queryset: one query either way.
"""

from __future__ import annotations

import datetime
import functools
import operator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery, Value

from clients.afspraken import commitment_tekst, huisbezoek_tekst, kenmerken_tekst
from clients.models import Client

from ..intake.models import Ambitiegesprek
from .models import Voortgangsgesprek

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User

#: subject: (the gesprekken that recorded it, the fields that make up its value)
ONDERWERPEN: dict[str, tuple[Q, tuple[str, ...]]] = {
    "huisbezoek": (~Q(huisbezoek=""), ("huisbezoek",)),
    "commitment": (
        ~Q(commitment=""),
        ("commitment", "afspraak_getekend_op", "commitment_reden"),
    ),
    "kenmerken": (Q(groeien_kenmerken__isnull=False), ("groeien_kenmerken",)),
}
BRONNEN: dict[str, QuerySet[Any]] = {
    "ambitiegesprek": Ambitiegesprek.objects.all(),
    "voortgangsgesprek": Voortgangsgesprek.objects.all(),
}


@dataclass(frozen=True)
class Stand:
    """The current value of one subject; ``datum`` None: never recorded."""

    waarden: dict[str, Any]
    datum: datetime.date | None = None
    bron: str = ""

    @property
    def vastgelegd(self) -> bool:
        return self.datum is not None


def afspraken_annotaties(
    *, peildatum: datetime.date | None = None, onderwerpen: tuple[str, ...] = tuple(ONDERWERPEN)
) -> dict[str, Subquery]:
    """Annotations for a Client queryset: per subject and source the latest recorded value
    (on or before ``peildatum`` when given). Read them back with ``afspraken_uit``."""
    annotaties: dict[str, Subquery] = {}
    for onderwerp in onderwerpen:
        filter_q, velden = ONDERWERPEN[onderwerp]
        for bron, alle in BRONNEN.items():
            qs = alle.filter(filter_q, client=OuterRef("pk"))
            if peildatum is not None:
                qs = qs.filter(datum__lte=peildatum)
            qs = qs.order_by("-datum", "-pk")
            for veld in ("datum", *velden):
                annotaties[f"_{bron}_{onderwerp}_{veld}"] = Subquery(qs.values(veld)[:1])
    return annotaties


def afspraken_uit(rij: Any, onderwerpen: tuple[str, ...] = tuple(ONDERWERPEN)) -> dict[str, Stand]:
    """The current value per subject from an annotated row (a dict or a model instance):
    the latest gesprek; on the same day the voortgangsgesprek (it comes after the
    ambitiegesprek in the klantreis)."""

    def lees(naam: str) -> Any:
        return rij[naam] if isinstance(rij, dict) else getattr(rij, naam)

    stand = {}
    for onderwerp in onderwerpen:
        _, velden = ONDERWERPEN[onderwerp]
        beste = Stand({veld: None for veld in velden})
        for bron in ("ambitiegesprek", "voortgangsgesprek"):
            datum = lees(f"_{bron}_{onderwerp}_datum")
            if datum is not None and (beste.datum is None or datum >= beste.datum):
                waarden = {veld: lees(f"_{bron}_{onderwerp}_{veld}") for veld in velden}
                beste = Stand(waarden, datum, bron)
        stand[onderwerp] = beste
    return stand


def afspraken_huidig(*, client: Client) -> dict[str, Stand]:
    """The client's current agreements: one query, read the way ``afspraken_annotaties``
    reads them for many clients, but cheaper for one: the client's gesprekken that recorded a
    subject (both sources in one UNION ALL, each row flagged per subject), the latest per
    subject and source picked here."""
    velden = tuple(dict.fromkeys(v for _, vs in ONDERWERPEN.values() for v in vs))
    vlaggen = {
        f"_is_{onderwerp}": ExpressionWrapper(filter_q, output_field=BooleanField())
        for onderwerp, (filter_q, _) in ONDERWERPEN.items()
    }
    iets = functools.reduce(operator.or_, (filter_q for filter_q, _ in ONDERWERPEN.values()))
    delen = [
        alle.filter(iets, client=client)
        .annotate(_bron=Value(bron), **vlaggen)
        .values("_bron", "datum", "pk", *velden, *vlaggen)
        for bron, alle in BRONNEN.items()
    ]
    rij: dict[str, Any] = {}
    for onderwerp, (_, onderwerp_velden) in ONDERWERPEN.items():
        for bron in BRONNEN:
            for veld in ("datum", *onderwerp_velden):
                rij[f"_{bron}_{onderwerp}_{veld}"] = None
    beste: dict[tuple[str, str], tuple] = {}
    for gesprek in delen[0].union(*delen[1:], all=True):
        for onderwerp, (_, onderwerp_velden) in ONDERWERPEN.items():
            sleutel = (gesprek["_bron"], onderwerp)
            volgorde = (gesprek["datum"], gesprek["pk"])
            if gesprek[f"_is_{onderwerp}"] and (sleutel not in beste or volgorde > beste[sleutel]):
                beste[sleutel] = volgorde
                for veld in ("datum", *onderwerp_velden):
                    rij[f"_{gesprek['_bron']}_{onderwerp}_{veld}"] = gesprek[veld]
    return afspraken_uit(rij)


def afspraken_sectie(*, client: Client, user: User) -> dict:
    """The dossier section "Afspraken met de klant": one query, whatever the history."""
    stand = afspraken_huidig(client=client)
    h, c, k = stand["huisbezoek"], stand["commitment"], stand["kenmerken"]
    rijen = [
        ("Open voor huisbezoek", huisbezoek_tekst(h.waarden["huisbezoek"] or ""), h),
        (
            "Afspraak = afspraak",
            commitment_tekst(
                c.waarden["commitment"] or "",
                c.waarden["afspraak_getekend_op"],
                c.waarden["commitment_reden"] or "",
            ),
            c,
        ),
        ("Kenmerken Groeien", kenmerken_tekst(k.waarden["groeien_kenmerken"]), k),
    ]
    return {
        "rijen": [
            {"label": label, "tekst": tekst, "datum": s.datum, "bron": s.bron}
            for label, tekst, s in rijen
        ],
        "vastgelegd": any(s.vastgelegd for s in stand.values()),
    }


def clienten_met_afspraken(
    qs: QuerySet[Client], *, peildatum: datetime.date | None = None, onderwerpen=("kenmerken",)
) -> QuerySet[Client]:
    """``qs`` annotated for ``afspraken_uit`` (monitoring: every client in one query)."""
    return qs.annotate(**afspraken_annotaties(peildatum=peildatum, onderwerpen=onderwerpen))
