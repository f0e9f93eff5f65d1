"""Periodic work on Celery beat. Tasks take dates/ids only and call services; the database is
the source of truth: each run commits its work together with a completed ``Uitvoering``, a
task that is delivered twice, or runs on two workers, changes nothing twice, and the sweeper
sends work again that stayed undone (``uitvoering.werk_veeg``)."""

import datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from clients.intake.services import kickoff_nodig_uit as intake_kickoff_nodig_uit
from clients.trajecten.services import uitkeringseinde_voer_uit
from deventer_werk.dates import today

from . import planner
from .digest import weekoverzicht_verstuur
from .models import Uitvoering
from .uitvoering import uitvoering_rond_af, werk_veeg


def _datum(iso: str | None) -> datetime.date:
    return datetime.date.fromisoformat(iso) if iso else today()


@shared_task(name="planning.plan_voortgang", acks_late=True)
def plan_voortgang(peildatum: str | None = None) -> dict:
    """The daily planner: plans and records its run in one transaction."""
    datum = _datum(peildatum)
    with transaction.atomic():
        # Benefits whose decided last day has come close first (issue 30), so the planner
        # plans no new work for them.
        uitkeringen_beeindigd = uitkeringseinde_voer_uit(peildatum=datum)
        resultaat = planner.plan_voortgang(peildatum=datum)
        samenvatting = {**resultaat.samenvatting(), "uitkeringen_beeindigd": uitkeringen_beeindigd}
        uitvoering_rond_af(soort=Uitvoering.Soort.PLANNER, peildatum=datum, resultaat=samenvatting)
    return samenvatting


@shared_task(name="planning.groep_niet_besproken", acks_late=True)
def groep_niet_besproken(peildatum: str | None = None) -> int:
    datum = _datum(peildatum)
    with transaction.atomic():
        aantal = planner.groep_niet_besproken(peildatum=datum)
        # The other "is the group still right?" signal: a benefit longer than the group fits.
        uitkeringsduur = planner.groep_uitkeringsduur(peildatum=datum)
        uitvoering_rond_af(
            soort=Uitvoering.Soort.GROEP_NIET_BESPROKEN,
            peildatum=datum,
            resultaat={"signalen": aantal, "uitkeringsduur": uitkeringsduur},
        )
    return aantal


@shared_task(name="planning.kickoff_nodig_uit", acks_late=True)
def kickoff_nodig_uit(peildatum: str | None = None) -> int:
    """Kick-off invitations (the intake's service, idempotent per ambitiegesprek). It commits
    per invitation, so completion is recorded afterwards; a crash in between only makes the
    sweeper run it once more, which invites nobody twice."""
    datum = _datum(peildatum)
    aantal = intake_kickoff_nodig_uit(peildatum=datum)
    with transaction.atomic():
        uitvoering_rond_af(
            soort=Uitvoering.Soort.KICKOFF, peildatum=datum, resultaat={"uitgenodigd": aantal}
        )
    return aantal


@shared_task(name="planning.weekoverzicht", acks_late=True)
def weekoverzicht(peildatum: str | None = None) -> int:
    return weekoverzicht_verstuur(peildatum=_datum(peildatum))


@shared_task(name="planning.sweeper", acks_late=True)
def sweeper() -> list[str]:
    """Send periodic work again whose scheduled run did not complete (see ``werk_veeg``)."""
    return [f"{soort} {datum}" for soort, datum in werk_veeg(nu=timezone.now())]
