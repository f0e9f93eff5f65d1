"""Bookkeeping of periodic work, and the sweeper that picks up what stayed undone.

Every periodic task commits its work together with a completed ``Uitvoering`` row for its
peildatum. The sweeper (itself on beat) reads the beheerder's beat schedules: when the latest
scheduled time of a piece of work passed more than ``MARGE`` ago and no completed run exists
for that day (the message was lost, Redis was emptied, a worker died and the message expired),
it sends the task again, dispatched on commit. All periodic work is idempotent, so a second
delivery changes nothing.
"""

import datetime
import functools
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from deventer_werk.dates import lokale_datum

from .models import Uitvoering

logger = logging.getLogger(__name__)

#: How long after its scheduled time work may still be running (or queued) before the
#: sweeper sends it again; also the minimum time between two re-sends of the same run.
MARGE = datetime.timedelta(minutes=30)

#: The Celery task that does each kind of periodic work (names as on the beat schedule).
TAAK_PER_SOORT: dict[str, str] = {
    Uitvoering.Soort.PLANNER: "planning.plan_voortgang",
    Uitvoering.Soort.GROEP_NIET_BESPROKEN: "planning.groep_niet_besproken",
    Uitvoering.Soort.KICKOFF: "planning.kickoff_nodig_uit",
    Uitvoering.Soort.WEEKOVERZICHT: "planning.weekoverzicht",
}


def uitvoering_rond_af(*, soort: str, peildatum: datetime.date, resultaat: dict) -> None:
    """Record that the work of ``soort`` for ``peildatum`` is done. Must be called inside the
    transaction that did the work, so that the work and this record commit together."""
    run = Uitvoering(
        soort=soort, peildatum=peildatum, afgerond_op=timezone.now(), resultaat=resultaat
    )
    run.full_clean(validate_unique=False, validate_constraints=False)
    # An upsert: two workers finishing the same (idempotent) run do not collide.
    Uitvoering.objects.bulk_create(
        [run],
        update_conflicts=True,
        unique_fields=["soort", "peildatum"],
        update_fields=["afgerond_op", "resultaat"],
    )


def laatste_starttijd(schema, *, nu: datetime.datetime) -> datetime.datetime | None:
    """The latest time at or before ``nu`` at which a (django-celery-beat) crontab schedule
    fired, looking back at most eight days; ``None`` when it did not fire in that period."""
    tijd = nu - datetime.timedelta(days=8)
    laatste = None
    for _ in range(1000):  # a daily or weekly schedule needs at most eight steps
        start, delta, _nu = schema.remaining_delta(tijd)
        volgende = start + delta
        if volgende > nu or volgende <= tijd:
            break
        laatste = tijd = volgende
    return laatste


def werk_achterstallig(*, nu: datetime.datetime) -> list[tuple[str, datetime.date]]:
    """Selector: (soort, peildatum) of periodic work whose latest scheduled time passed more
    than ``MARGE`` ago without a completed run. Disabled schedules are the beheerder's choice
    and are left alone. Two queries."""
    soort_per_taak = {taak: soort for soort, taak in TAAK_PER_SOORT.items()}
    verwacht: dict[str, datetime.date] = {}
    for periodiek in PeriodicTask.objects.filter(
        task__in=soort_per_taak, enabled=True, crontab__isnull=False
    ).select_related("crontab"):
        start = laatste_starttijd(periodiek.crontab.schedule, nu=nu)
        if start is None or start + MARGE > nu:
            continue
        soort = soort_per_taak[periodiek.task]
        peildatum = lokale_datum(start)
        verwacht[soort] = max(verwacht.get(soort, peildatum), peildatum)
    if not verwacht:
        return []
    voorwaarde = Q()
    for soort, peildatum in verwacht.items():
        voorwaarde |= Q(soort=soort, peildatum=peildatum)
    bekend = {
        (u.soort, u.peildatum): u
        for u in Uitvoering.objects.filter(voorwaarde).only(
            "soort", "peildatum", "afgerond_op", "opnieuw_verstuurd_op"
        )
    }
    achterstallig = []
    for soort, peildatum in sorted(verwacht.items()):
        run = bekend.get((soort, peildatum))
        if run and run.afgerond_op:
            continue
        if run and run.opnieuw_verstuurd_op and run.opnieuw_verstuurd_op + MARGE > nu:
            continue  # sent again recently: give it time
        achterstallig.append((soort, peildatum))
    return achterstallig


@transaction.atomic
def werk_veeg(*, nu: datetime.datetime) -> list[tuple[str, datetime.date]]:
    """The sweeper: send the periodic work that stayed undone again (on commit), and record
    each re-send on its ``Uitvoering`` so that the admin shows it and the next sweep waits."""
    from deventer_werk.celery import app

    achterstallig = werk_achterstallig(nu=nu)
    for soort, peildatum in achterstallig:
        run, _ = Uitvoering.objects.select_for_update().get_or_create(
            soort=soort, peildatum=peildatum
        )
        run.opnieuw_verstuurd_op = nu
        run.pogingen += 1
        run.full_clean(validate_unique=False, validate_constraints=False)
        run.save(update_fields=["opnieuw_verstuurd_op", "pogingen"])
        logger.warning(
            "Sweeper: %s voor %s opnieuw verstuurd (poging %s)", soort, peildatum, run.pogingen
        )
        taak = TAAK_PER_SOORT[soort]
        kwargs = {"peildatum": peildatum.isoformat()}
        transaction.on_commit(functools.partial(app.send_task, taak, kwargs=kwargs))
    return achterstallig
