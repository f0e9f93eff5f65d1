"""Reading period figures for the dashboard, exports and API."""

import datetime

from django.utils import timezone

from . import indicators
from .models import PeriodeCijfers
from .periods import Periode

VOORLOPIG_GELDIG = datetime.timedelta(minutes=15)


def periodecijfers(periode: Periode, wijk: str = "") -> dict:
    """A finished period: the latest stored version (computed once, then read). The current,
    provisional period: computed on demand for that one period, and reused for 15 minutes."""
    laatste = (
        PeriodeCijfers.objects.filter(periode=periode.code, wijk=wijk)
        .order_by("-versie")
        .only("cijfers", "voorlopig", "gecontroleerd_op")
        .first()
    )
    voorlopig = periode.eind >= timezone.localdate()
    verlopen = laatste is not None and (
        laatste.voorlopig != voorlopig  # stored while running, now finished (or vice versa)
        or (voorlopig and laatste.gecontroleerd_op < timezone.now() - VOORLOPIG_GELDIG)
    )
    if laatste is not None and not verlopen:
        # a correction since the figures were last checked that touches this period
        verlopen = (
            indicators.correcties_in(periode, wijk or None)
            .filter(op__gt=laatste.gecontroleerd_op)
            .exists()
        )
    if laatste is None or verlopen:
        from .services import periodecijfers_vastleggen

        laatste = periodecijfers_vastleggen(periode, wijk)
    return laatste.cijfers
