"""Figures kept for a while: in the server process's memory, and in the database so that the
other processes need not compute them again (``settings.CACHES["gedeeld"]``)."""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches

T = TypeVar("T")

#: The shared cache's table, created by ``accounts`` migration 0004 (``createcachetable``).
TABEL = "dw_gedeelde_cache"


def bewaard(sleutel: str, bereken: Callable[[], T], seconden: float) -> T:
    """The value kept under ``sleutel``; computed with ``bereken()`` only when neither this
    process nor any other has it. ``sleutel`` must hold everything the value depends on
    (versions, the newest change), so that a kept value is never stale beyond ``seconden``."""
    lokaal, gedeeld = caches["default"], caches["gedeeld"]
    waarde = lokaal.get(sleutel)
    if waarde is None:
        waarde = gedeeld.get(sleutel)
        if waarde is None:
            waarde = bereken()
            gedeeld.set(sleutel, waarde, seconden)
        lokaal.set(sleutel, waarde, seconden)
    return waarde
