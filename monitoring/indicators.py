"""Indicators computed from history tables as of a date or over a period.

Never from "current" fields: every figure is a count over dated facts (memberships with
van/tot, benefit episodes with start/end, and the klantreis records), so a report for a past
period gives the same numbers tomorrow. Each function runs a fixed number of queries.
"""

import datetime
from collections import defaultdict

from django.db.models import Count, DateField, ExpressionWrapper, OuterRef, Subquery

from clients.constants import UITSTROOM_NAAR_WERK, LidmaatschapSoort, Uitstroomreden
from clients.groepen.models import Groepslidmaatschap
from clients.models import Uitkeringsperiode
from klantgroepen.models import Klantgroep

from .periods import Periode

ONBEKEND = "onbekend"


def klantgroep_codes() -> list[tuple[str, str]]:
    return list(Klantgroep.objects.order_by("volgorde").values_list("code", "naam"))


def clienten_per_klantgroep(*, peildatum: datetime.date) -> dict[str, int]:
    """Clients per klantgroep code on ``peildatum`` (membership in force that day)."""
    return dict(
        Groepslidmaatschap.objects.op_datum(peildatum)
        .values_list("klantgroep__code")
        .annotate(n=Count("client_id", distinct=True))
        .values_list("klantgroep__code", "n")
    )


def instroom_per_klantgroep(periode: Periode) -> dict[str, int]:
    """First placements in a klantgroep (eerste indeling) with their start in the period."""
    return dict(
        Groepslidmaatschap.objects.filter(
            soort=LidmaatschapSoort.EERSTE_INDELING, van__range=(periode.start, periode.eind)
        )
        .values_list("klantgroep__code")
        .annotate(n=Count("id"))
        .values_list("klantgroep__code", "n")
    )


def nieuwe_uitkeringen(periode: Periode) -> int:
    """Benefit episodes that started in the period."""
    return Uitkeringsperiode.objects.filter(startdatum__range=(periode.start, periode.eind)).count()


def _uitstroom_qs(periode: Periode):
    """Ended benefit episodes in the period (a refusal at screening is not uitstroom)."""
    dag_ervoor = ExpressionWrapper(
        OuterRef("einddatum") - datetime.timedelta(days=1), output_field=DateField()
    )
    groep = Groepslidmaatschap.objects.op_datum(dag_ervoor).filter(client_id=OuterRef("client_id"))
    return (
        Uitkeringsperiode.objects.filter(einddatum__range=(periode.start, periode.eind))
        .exclude(uitstroomreden=Uitstroomreden.GEEN_RECHT)
        .exclude(startdatum__isnull=True)
        .annotate(groep=Subquery(groep.order_by("-van").values("klantgroep__code")[:1]))
    )


def uitstroom(periode: Periode) -> dict[str, dict[str, int]]:
    """Uitstroom counted by klantgroep (the group on the last day) × reason."""
    tabel: dict[str, dict[str, int]] = defaultdict(dict)
    rows = _uitstroom_qs(periode).values("groep", "uitstroomreden").annotate(n=Count("id"))
    for row in rows:
        tabel[row["groep"] or ONBEKEND][row["uitstroomreden"] or Uitstroomreden.OVERIG] = row["n"]
    return dict(tabel)


def doorstroom_matrix(periode: Periode) -> dict[str, dict[str, int]]:
    """Group changes in the period as from → to counts (doorstroom and terugval)."""
    vorige = Groepslidmaatschap.objects.filter(
        client_id=OuterRef("client_id"), tot=OuterRef("van")
    ).values("klantgroep__code")[:1]
    rows = (
        Groepslidmaatschap.objects.filter(
            soort__in=[LidmaatschapSoort.DOORSTROOM, LidmaatschapSoort.TERUGVAL],
            van__range=(periode.start, periode.eind),
        )
        .annotate(van_groep=Subquery(vorige))
        .values("van_groep", "klantgroep__code")
        .annotate(n=Count("id"))
    )
    matrix: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        matrix[row["van_groep"] or ONBEKEND][row["klantgroep__code"]] = row["n"]
    return dict(matrix)


def doorstroom_per_soort(periode: Periode) -> dict[str, int]:
    return dict(
        Groepslidmaatschap.objects.filter(
            soort__in=[LidmaatschapSoort.DOORSTROOM, LidmaatschapSoort.TERUGVAL],
            van__range=(periode.start, periode.eind),
        )
        .values_list("soort")
        .annotate(n=Count("id"))
        .values_list("soort", "n")
    )


def uitstroom_naar_werk(uitstroom_tabel: dict[str, dict[str, int]]) -> dict[str, int]:
    """Per klantgroep: uitstroom with a work reason (regulier, loonkostensubsidie, beschut)."""
    return {
        groep: sum(n for reden, n in redenen.items() if reden in UITSTROOM_NAAR_WERK)
        for groep, redenen in uitstroom_tabel.items()
    }
