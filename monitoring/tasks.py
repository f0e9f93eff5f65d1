"""Celery tasks of monitoring: they take ids and call services."""

from celery import shared_task

from .periods import Periode
from .services import (
    concept_vorig_halfjaar,
    periodecijfers_nachtelijk,
    periodecijfers_vastleggen,
    rapport_maak_nu,
    rapport_te_versturen,
    rapport_verstuur,
)


@shared_task(name="monitoring.rapport_maak", acks_late=True)
def rapport_maak(rapport_id: int) -> str:
    return rapport_maak_nu(rapport_id).status


@shared_task(name="monitoring.periodecijfers", acks_late=True)
def periodecijfers(periode: str, wijk: str = "") -> int:
    """(Re)compute one period's figures; a new version only when they changed."""
    return periodecijfers_vastleggen(Periode.parse(periode), wijk).versie


@shared_task(name="monitoring.periodecijfers_nachtelijk")
def periodecijfers_nacht() -> list[str]:
    return periodecijfers_nachtelijk()


@shared_task(name="monitoring.rapport_concept")
def rapport_concept() -> int | None:
    obj = concept_vorig_halfjaar()
    return obj.pk if obj else None


@shared_task(name="monitoring.rapport_sweeper")
def rapport_sweeper() -> int:
    """The database is the source of truth (beat, every minute): reports that Redis never got,
    lost, or whose worker died are sent again; a double delivery does no double work."""
    from django.utils import timezone

    return sum(rapport_verstuur(pk) for pk in rapport_te_versturen(nu=timezone.now()))
