"""Periodic work is recorded in the database; the sweeper sends again what stayed undone;
the weekly digest mails each professional once per week."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from clients.constants import TaakSoort
from clients.handhaving.models import SteekproefInstelling
from clients.models import Taak
from clients.planning import tasks
from clients.planning.digest import weekoverzicht_maak, weekoverzicht_verstuur
from clients.planning.models import Uitvoering, Weekoverzicht
from clients.planning.uitvoering import laatste_starttijd, werk_achterstallig, werk_veeg
from deventer_werk.celery import app
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
D = datetime.date


def _om(dag: datetime.date, uur: int, minuut: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(dag, datetime.time(uur, minuut), tzinfo=AMS)


@pytest.fixture
def verstuurd(monkeypatch):
    """What the sweeper hands to the broker (name and kwargs), instead of Redis."""
    berichten = []
    monkeypatch.setattr(app, "send_task", lambda naam, kwargs: berichten.append((naam, kwargs)))
    return berichten


def _cron(**kw) -> CrontabSchedule:
    velden = {"minute": "0", "hour": "5", "day_of_week": "*", "day_of_month": "*"}
    return CrontabSchedule(**{**velden, **kw}, month_of_year="*", timezone="Europe/Amsterdam")


@pytest.mark.parametrize(
    ("cron", "nu", "verwacht"),
    [
        ({}, _om(D(2026, 11, 24), 10), _om(D(2026, 11, 24), 5)),  # daily, today
        ({}, _om(D(2026, 11, 24), 4, 59), _om(D(2026, 11, 23), 5)),  # daily, not yet today
        ({"hour": "7", "day_of_week": "1"}, _om(D(2026, 11, 27), 9), _om(D(2026, 11, 23), 7)),
    ],
)
def test_latest_scheduled_time_of_a_beat_schedule(cron, nu, verwacht):
    assert laatste_starttijd(_cron(**cron).schedule, nu=nu) == verwacht


def test_sweeper_sends_undone_work_again_once_and_not_work_that_completed(verstuurd):
    maandag = D(2026, 11, 23)
    with time_machine.travel(_om(maandag, 4, 50), tick=False):
        # the planner is due at 05:00: before that (and within the margin) nothing is late
        assert ("planner", maandag) not in werk_achterstallig(nu=_om(maandag, 4, 50))
    with time_machine.travel(_om(maandag, 5, 10), tick=False):
        assert ("planner", maandag) not in werk_achterstallig(nu=_om(maandag, 5, 10))
    # 10:00 on a Monday: all four pieces of periodic work should have run; none completed
    nu = _om(maandag, 10)
    with time_machine.travel(nu, tick=False):
        tasks.plan_voortgang(peildatum=maandag.isoformat())  # this one did run
        assert werk_achterstallig(nu=nu) == [
            ("groep_niet_besproken", maandag),
            ("kickoff", maandag),
            ("weekoverzicht", maandag),
        ]
        assert werk_veeg(nu=nu)  # on commit: the test transaction never commits
    assert verstuurd == []
    assert set(Uitvoering.objects.filter(pogingen=1).values_list("soort", "afgerond_op")) == {
        ("groep_niet_besproken", None),
        ("kickoff", None),
        ("weekoverzicht", None),
    }
    # a sweep a quarter later leaves them alone (sent again recently), after the margin again
    assert werk_achterstallig(nu=_om(maandag, 10, 15)) == []
    assert len(werk_achterstallig(nu=_om(maandag, 10, 31))) == 3


def test_sweeper_dispatches_on_commit_with_the_peildatum(
    verstuurd, django_capture_on_commit_callbacks
):
    nu = _om(D(2026, 11, 25), 9)  # a Wednesday: the weekly digest ran on Monday
    with time_machine.travel(nu, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            werk_veeg(nu=nu)
    assert sorted(verstuurd) == [
        ("planning.groep_niet_besproken", {"peildatum": "2026-11-25"}),
        ("planning.kickoff_nodig_uit", {"peildatum": "2026-11-25"}),
        ("planning.plan_voortgang", {"peildatum": "2026-11-25"}),
        ("planning.weekoverzicht", {"peildatum": "2026-11-23"}),
    ]


def test_completed_runs_and_disabled_schedules_are_left_alone(verstuurd):
    dag = D(2026, 11, 25)
    with time_machine.travel(_om(dag, 9), tick=False):
        tasks.groep_niet_besproken(peildatum=dag.isoformat())
        tasks.kickoff_nodig_uit(peildatum=dag.isoformat())
        tasks.weekoverzicht(peildatum="2026-11-23")
        PeriodicTask.objects.filter(task="planning.plan_voortgang").update(enabled=False)
        assert werk_achterstallig(nu=_om(dag, 9)) == []
    assert set(Uitvoering.objects.values_list("soort", flat=True)) == {
        "groep_niet_besproken",
        "kickoff",
        "weekoverzicht",
    }


def test_sweeper_is_on_beat():
    taak = PeriodicTask.objects.get(task="planning.sweeper")
    assert taak.enabled and taak.crontab.minute == "*/15"


def test_planner_task_records_its_run_with_the_work(users):
    SteekproefInstelling.objects.update(percentage=0)
    client_in_groep("zorgen", van=D(2025, 1, 1), io=users["inkomensconsulent"])
    with time_machine.travel(_om(D(2026, 6, 1), 5), tick=False):
        samenvatting = tasks.plan_voortgang(peildatum="2026-06-01")
        tasks.plan_voortgang(peildatum="2026-06-01")  # redelivered: nothing new
    run = Uitvoering.objects.get(soort="planner", peildatum=D(2026, 6, 1))
    assert run.afgerond_op is not None and run.resultaat["voortgang"] == 0  # the second run
    assert samenvatting["voortgang"] == 1 and Taak.objects.count() == 1


def _consulent_met_taak(users):
    ic = users["inkomensconsulent"]
    ic.email = "consulent@deventer.example"
    ic.save()
    Taak.objects.create(
        client=client_in_groep("zorgen"),
        soort=TaakSoort.VOORTGANGSGESPREK,
        omschrijving="Gesprek",
        datum=D(2026, 11, 25),
        medewerker=ic,
    )
    return ic


def test_weekly_digest_is_mailed_once_per_person_and_week(users):
    ic = _consulent_met_taak(users)
    with time_machine.travel(_om(D(2026, 11, 23), 7), tick=False):
        assert weekoverzicht_verstuur(peildatum=D(2026, 11, 23)) == 1
        assert weekoverzicht_verstuur(peildatum=D(2026, 11, 23)) == 0  # redelivered
        assert weekoverzicht_verstuur(peildatum=D(2026, 11, 25)) == 0  # same week
    assert len(mail.outbox) == 1
    overzicht = Weekoverzicht.objects.get()
    assert (overzicht.medewerker, overzicht.week) == (ic, D(2026, 11, 23))
    assert overzicht.verzonden_op is not None
    assert Uitvoering.objects.get(soort="weekoverzicht", peildatum=D(2026, 11, 23)).afgerond_op


def test_a_digest_left_unsent_is_sent_by_the_next_run_with_its_frozen_counts(users):
    ic = _consulent_met_taak(users)
    with time_machine.travel(_om(D(2026, 11, 23), 7), tick=False):
        weekoverzicht_maak(peildatum=D(2026, 11, 23))  # the worker died before mailing
        Taak.objects.create(  # work added later does not change this week's counts
            client=client_in_groep("zorgen"),
            soort=TaakSoort.NAZORG,
            omschrijving="Nazorg",
            datum=D(2026, 11, 24),
            medewerker=ic,
        )
        assert not Uitvoering.objects.exists()
        assert weekoverzicht_verstuur(peildatum=D(2026, 11, 23)) == 1
    assert "1 taken voor de komende 7 dagen" in mail.outbox[0].body


def test_beheerder_edits_the_checklist_and_only_views_the_run_records():
    from django.contrib.auth.models import Group

    rechten = set(
        Group.objects.get(name="beheerder")
        .permissions.filter(content_type__app_label__in=["handhaving", "planning"])
        .values_list("content_type__app_label", "codename")
    )
    assert {
        ("handhaving", "change_checklistpunt"),
        ("handhaving", "add_checklistpunt"),
        ("planning", "view_uitvoering"),
        ("planning", "view_weekoverzicht"),
    } <= rechten
    assert not {c for _, c in rechten} & {
        "change_uitvoering",
        "delete_checklistpunt",
        "change_weekoverzicht",
    }
