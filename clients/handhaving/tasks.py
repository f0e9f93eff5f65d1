"""Periodic work on Celery beat. Tasks take dates/ids only; the database is the source of
truth, so a task that is delivered twice, or runs on two workers, changes nothing twice."""

import datetime
import time

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import planning
from .digest import weekoverzicht_verstuur


def _datum(iso: str | None) -> datetime.date:
    return datetime.date.fromisoformat(iso) if iso else timezone.localdate()


@shared_task(name="handhaving.plan_voortgang", acks_late=True)
def plan_voortgang(peildatum: str | None = None, pauze: float = 0) -> dict:
    """The daily planner. ``pauze`` (seconds, inside the transaction) exists for the
    reliability test that kills a worker mid-task; beat never passes it."""
    with transaction.atomic():
        resultaat = planning.plan_voortgang(peildatum=_datum(peildatum))
        if pauze:
            time.sleep(pauze)
    return {
        "bekeken": resultaat.bekeken,
        "voortgang": resultaat.voortgang_gepland,
        "rechtmatigheid": resultaat.rechtmatigheid_gepland,
        "steekproef": resultaat.steekproef_gepland,
        "te_laat": resultaat.te_laat,
    }


@shared_task(name="handhaving.groep_niet_besproken", acks_late=True)
def groep_niet_besproken(peildatum: str | None = None) -> int:
    return planning.groep_niet_besproken(peildatum=_datum(peildatum))


@shared_task(name="intake.kickoff_nodig_uit", acks_late=True)
def kickoff_nodig_uit(peildatum: str | None = None) -> int:
    from clients.intake.services import kickoff_nodig_uit as nodig_uit

    return nodig_uit(peildatum=_datum(peildatum))


@shared_task(name="handhaving.weekoverzicht", acks_late=True)
def weekoverzicht(peildatum: str | None = None) -> int:
    return weekoverzicht_verstuur(peildatum=_datum(peildatum))
