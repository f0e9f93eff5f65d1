"""Reading period figures for the dashboard, exports and API."""

from django.utils import timezone

from .cijfers import cijfers_bereken
from .models import PeriodeCijfers
from .periods import Periode


def periodecijfers(periode: Periode, wijk: str = "") -> dict:
    """A finished period: the latest stored version (computed once, then read). The current,
    provisional period: computed on demand for that one period."""
    if periode.eind >= timezone.localdate():
        return cijfers_bereken(periode, wijk=wijk or None)
    laatste = (
        PeriodeCijfers.objects.filter(periode=periode.code, wijk=wijk)
        .order_by("-versie")
        .only("cijfers")
        .first()
    )
    if laatste is None:
        from .services import periodecijfers_vastleggen

        laatste = periodecijfers_vastleggen(periode, wijk)
    return laatste.cijfers
