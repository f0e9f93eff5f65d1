"""Bestand and flow indicators, computed from dated history as of a date or over a period.

Never from "current" fields: every figure is a count over dated facts (memberships with
van/tot, benefit episodes with start/end), so a report for a past period gives the same numbers
tomorrow. Each function runs a fixed number of queries. ``wijk`` (optional) limits every count
to clients living in that wijk.

The bestand flows come from the memberships themselves, so the table adds up by construction
(memberships of one client never overlap; ``van`` inclusive, ``tot`` exclusive):

    begin + instroom + doorstroom in − doorstroom uit − uitstroom = eind   (per klantgroep)

* instroom: a membership starting in the period without a membership ending that day;
* doorstroom in/uit: a membership starting in the period right after one in another group;
* uitstroom: a membership ending in the period without a successor (the client left the
  bestand). The reasons come from the benefit episodes ending in the period.
"""

import datetime
from collections import defaultdict

from django.db.models import Count, DateField, Exists, ExpressionWrapper, OuterRef, Q, Subquery

from clients.constants import UITSTROOM_NAAR_WERK, Uitstroomreden
from clients.models import Correctie, Uitkeringsperiode

from .bronnen import Groepslidmaatschap, Klantgroep
from .periods import Periode

ONBEKEND = "onbekend"


def klantgroep_codes() -> list[tuple[str, str]]:
    return list(Klantgroep.objects.order_by("volgorde").values_list("code", "naam"))


def _leden(wijk: str | None):
    qs = Groepslidmaatschap.objects.all()
    return qs.filter(client__wijk=wijk) if wijk else qs


def clienten_per_klantgroep(*, peildatum: datetime.date, wijk: str | None = None) -> dict:
    """Clients per klantgroep code on ``peildatum`` (membership in force that day)."""
    return dict(
        _leden(wijk)
        .op_datum(peildatum)
        .values_list("klantgroep__code")
        .annotate(n=Count("client_id", distinct=True))
        .values_list("klantgroep__code", "n")
    )


def stromen(periode: Periode, wijk: str | None = None) -> dict:
    """instroom, uitstroom (out of the bestand) and the doorstroom matrix van → naar."""
    vorige = Groepslidmaatschap.objects.filter(client_id=OuterRef("client_id"), tot=OuterRef("van"))
    volgende = Exists(
        Groepslidmaatschap.objects.filter(client_id=OuterRef("client_id"), van=OuterRef("tot"))
    )
    begonnen = (
        _leden(wijk)
        .filter(van__range=(periode.start, periode.eind))
        .annotate(van_groep=Subquery(vorige.values("klantgroep__code")[:1]))
        .values("van_groep", "klantgroep__code")
        .annotate(n=Count("id"))
    )
    instroom: dict[str, int] = {}
    matrix: dict[str, dict[str, int]] = defaultdict(dict)
    for r in begonnen:
        if r["van_groep"] is None:
            instroom[r["klantgroep__code"]] = r["n"]
        else:
            matrix[r["van_groep"]][r["klantgroep__code"]] = r["n"]
    geeindigd = (
        _leden(wijk)
        .filter(tot__range=(periode.start, periode.eind))
        .annotate(door=volgende)
        .filter(door=False)
        .values_list("klantgroep__code")
        .annotate(n=Count("id"))
    )
    return {"instroom": instroom, "uitstroom": dict(geeindigd), "doorstroom": dict(matrix)}


def nieuwe_uitkeringen(periode: Periode, wijk: str | None = None) -> int:
    """Benefit episodes that started in the period."""
    qs = Uitkeringsperiode.objects.filter(startdatum__range=(periode.start, periode.eind))
    return (qs.filter(client__wijk=wijk) if wijk else qs).count()


def _uitstroom_qs(periode: Periode, wijk: str | None):
    """Ended benefit episodes in the period (a refusal at screening is not uitstroom)."""
    dag_ervoor = ExpressionWrapper(
        OuterRef("einddatum") - datetime.timedelta(days=1), output_field=DateField()
    )
    groep = Groepslidmaatschap.objects.op_datum(dag_ervoor).filter(client_id=OuterRef("client_id"))
    qs = (
        Uitkeringsperiode.objects.filter(einddatum__range=(periode.start, periode.eind))
        .exclude(uitstroomreden=Uitstroomreden.GEEN_RECHT)
        .exclude(startdatum__isnull=True)
        .annotate(groep=Subquery(groep.order_by("-van").values("klantgroep__code")[:1]))
    )
    return qs.filter(client__wijk=wijk) if wijk else qs


def uitstroom_redenen(periode: Periode, wijk: str | None = None) -> dict[str, dict[str, int]]:
    """Ended benefits counted by klantgroep (the group on the last day) × reason."""
    tabel: dict[str, dict[str, int]] = defaultdict(dict)
    rows = _uitstroom_qs(periode, wijk).values("groep", "uitstroomreden").annotate(n=Count("id"))
    for row in rows:
        tabel[row["groep"] or ONBEKEND][row["uitstroomreden"] or Uitstroomreden.OVERIG] = row["n"]
    return dict(tabel)


def uitstroom_naar_werk(redenen: dict[str, dict[str, int]]) -> dict[str, int]:
    """Per klantgroep: ended benefits with a work reason (regulier, loonkostensubsidie, beschut)."""
    return {
        groep: sum(n for reden, n in per_reden.items() if reden in UITSTROOM_NAAR_WERK)
        for groep, per_reden in redenen.items()
    }


def doorstroom_per_soort(matrix: dict[str, dict[str, int]], volgorde: list[str]) -> dict:
    """doorstroom (to a group with more self-reliance, earlier in the order) and terugval."""
    uit = {"doorstroom": 0, "terugval": 0}
    for van, naar_n in matrix.items():
        for naar, n in naar_n.items():
            if van in volgorde and naar in volgorde:
                soort = "doorstroom" if volgorde.index(naar) < volgorde.index(van) else "terugval"
                uit[soort] += n
    return uit


def correcties_in(periode: Periode, wijk: str | None = None):
    """Corrections (issue 29) of a group change or an uitstroom dated in the period, before
    or after the correction: the figures of the period are computed after them."""
    in_periode = Q(datum_was__range=(periode.start, periode.eind)) | Q(
        datum_wordt__range=(periode.start, periode.eind)
    )
    qs = Correctie.objects.filter(in_periode)
    return qs.filter(client__wijk=wijk) if wijk else qs


def correcties(periode: Periode, wijk: str | None = None) -> dict[str, int]:
    """Number of corrections per kind (groepswijziging, uitstroom) that changed the period."""
    return dict(correcties_in(periode, wijk).values_list("soort").annotate(n=Count("id")))
