"""The figures of one period as plain JSON: what the dashboard, exports, API and PDF present.

``cijfers_bereken`` runs the indicator queries (computation only; nothing is suppressed here).
The result is stored (``PeriodeCijfers``, versioned) or frozen on a Raadsrapportage.
"""

import datetime
import hashlib
import json
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

from clients.constants import Uitstroomreden

from . import indicators, indicators_afspraken, indicators_klantreis
from .models import Budget
from .periods import Periode

# 3: corrections per period (issue 29); 4: direct help (issue 30); 5: a running period's flows
# to the peildatum of its stand (issue 34 item 4)
VERSIE = 5
# Policy §3.3: the first bestandsanalyse (July 2019), the baseline the raad compares with.
NULMETING_2019 = {"matchen": 300, "groeien": 800, "faciliteren": 875, "zorgen": 900}
TREND_PERIODEN = 4


def _periode_info(periode: Periode, vandaag: datetime.date) -> dict:
    return {
        "code": periode.code,
        "naam": periode.naam,
        "start": periode.start.isoformat(),
        "eind": periode.eind.isoformat(),
        "voorlopig": periode.eind >= vandaag,
    }


def periode_cijfers(periode: Periode, *, wijk: str | None = None, volgorde: list[str]) -> dict:
    """Bestand, flows and benefit endings of one period (no klantreis indicators)."""
    vandaag = timezone.localdate()
    peildatum = min(periode.eind, vandaag)
    # a running period: the flows up to the same peildatum as the stand (issue 34 item 4)
    gemeten = periode.gemeten(vandaag)
    stroom = indicators.stromen(gemeten, wijk)
    redenen = indicators.uitstroom_redenen(gemeten, wijk)
    return {
        "periode": _periode_info(periode, vandaag),
        "peildatum": peildatum.isoformat(),
        "begindatum": (periode.start - datetime.timedelta(days=1)).isoformat(),
        "bestand_begin": indicators.clienten_per_klantgroep(
            peildatum=periode.start - datetime.timedelta(days=1), wijk=wijk
        ),
        "bestand_eind": indicators.clienten_per_klantgroep(peildatum=peildatum, wijk=wijk),
        "instroom": stroom["instroom"],
        "uitstroom": stroom["uitstroom"],
        "doorstroom": stroom["doorstroom"],
        "doorstroom_soort": indicators.doorstroom_per_soort(stroom["doorstroom"], volgorde),
        "nieuwe_uitkeringen": indicators.nieuwe_uitkeringen(gemeten, wijk),
        "redenen": redenen,
        "uitstroom_naar_werk": indicators.uitstroom_naar_werk(redenen),
        "correcties": indicators.correcties(gemeten, wijk),
    }


def _budget(jaar: int) -> list[dict]:
    return [
        {
            "klantgroep": b.klantgroep.code if b.klantgroep_id else "intake",
            "organisatie": b.organisatie,
            "bedrag": float(b.bedrag),
        }
        for b in Budget.objects.filter(jaar=jaar).select_related("klantgroep")
    ]


def cijfers_bereken(
    periode: Periode,
    voortgang: Callable[[int, str], None] | None = None,
    *,
    wijk: str | None = None,
    trend: int = TREND_PERIODEN,
) -> dict:
    """All figures for ``periode``: the period, its quarters, ``trend`` earlier periods (the
    first of them is the previous period), the klantreis indicators and the budget."""
    meld = voortgang or (lambda pct, stap: None)
    groepen = [{"code": c, "naam": n} for c, n in indicators.klantgroep_codes()]
    volgorde = [g["code"] for g in groepen]
    meld(10, "Bestand en stromen")
    huidig = periode_cijfers(periode, wijk=wijk, volgorde=volgorde)
    meld(30, "Kwartalen")
    kwartalen = (
        [
            periode_cijfers(q, wijk=wijk, volgorde=volgorde)
            for q in periode.kwartalen()
            if q.start <= timezone.localdate()
        ]
        if periode.is_halfjaar
        else []
    )
    meld(45, "Eerdere perioden")
    eerder, p = [], periode
    for _ in range(max(trend, 1)):
        p = p.vorige()
        eerder.append(periode_cijfers(p, wijk=wijk, volgorde=volgorde))
    meld(60, "Klantreis")
    klantreis = None
    gemeten = periode.gemeten(timezone.localdate())  # to the peildatum (issue 34 item 4)
    if not wijk:
        peildatum = gemeten.eind
        klantreis = {
            **indicators_klantreis.bereken(gemeten),
            # a state on the last day of the period (issue 27 part 3), not a flow
            "afspraken": indicators_afspraken.bereken(peildatum),
        }
    vorige_klantreis = None if wijk else indicators_klantreis.bereken(periode.vorige())
    return {
        "versie": VERSIE,
        "gemaakt_op": timezone.now().isoformat(),
        "drempel": settings.DW_SMALL_COUNT_THRESHOLD,
        "wijk": wijk or "",
        "klantgroepen": groepen,
        "uitstroomredenen": [
            {"code": r.value, "naam": r.label}
            for r in Uitstroomreden
            if r != Uitstroomreden.GEEN_RECHT
        ],
        "nulmeting": {"datum": "2019-07-01", "per_groep": NULMETING_2019},
        "huidig": {**huidig, "domein": klantreis},
        "vorige": {**eerder[0], "domein": vorige_klantreis},
        "eerder": eerder,
        "kwartalen": kwartalen,
        "budget": _budget(periode.start.year),
        "realisatie_kosten": {} if wijk else indicators_klantreis.trajectkosten_per_groep(gemeten),
    }


def vingerafdruk(cijfers: dict) -> str:
    """A hash of the figures themselves (not of when they were computed)."""
    inhoud = {k: v for k, v in cijfers.items() if k != "gemaakt_op"}
    return hashlib.sha256(json.dumps(inhoud, sort_keys=True).encode()).hexdigest()
