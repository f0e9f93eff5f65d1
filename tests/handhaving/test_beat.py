import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from clients.constants import TaakSoort
from clients.models import Taak
from clients.planning.digest import weekoverzicht_verstuur
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db


# Registered tasks that run on demand only (sent by a view or a sweeper), never on beat.
OP_AANVRAAG = {"deventer_werk.ping", "monitoring.rapport_maak", "monitoring.periodecijfers"}


def _project_tasks() -> set[str]:
    from deventer_werk.celery import app

    app.loader.import_default_modules()  # autodiscovery, as the worker does
    return {naam for naam in app.tasks if not naam.startswith("celery.")}


def test_periodic_work_is_scheduled_on_beat_and_editable():
    taken = set(PeriodicTask.objects.values_list("task", flat=True))
    geregistreerd = _project_tasks()
    # every beat schedule names a task the worker knows ...
    assert taken <= geregistreerd, taken - geregistreerd
    # ... and every periodic task has a schedule
    assert geregistreerd - OP_AANVRAAG == taken
    assert OP_AANVRAAG <= geregistreerd  # the exceptions are real tasks, not stale names
    assert {
        "planning.plan_voortgang",
        "planning.kickoff_nodig_uit",
        "planning.groep_niet_besproken",
        "planning.weekoverzicht",
        "planning.sweeper",
        "monitoring.rapport_concept",
        "monitoring.rapport_sweeper",
        "monitoring.periodecijfers_nachtelijk",
    } == taken


def test_weekly_digest_has_counts_but_no_client_data(users):
    ic = users["inkomensconsulent"]
    ic.email = "consulent@deventer.example"
    ic.save()
    klant = client_in_groep("zorgen", achternaam="Vertrouwelijk")
    Taak.objects.create(
        client=klant,
        soort=TaakSoort.VOORTGANGSGESPREK,
        omschrijving="Gesprek",
        datum=datetime.date(2026, 11, 20),
        medewerker=ic,
    )
    Taak.objects.create(
        client=klant,
        soort=TaakSoort.NAZORG,
        omschrijving="Nazorg",
        datum=datetime.date(2026, 11, 26),
        medewerker=ic,
    )
    assert weekoverzicht_verstuur(peildatum=datetime.date(2026, 11, 23)) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["consulent@deventer.example"]
    assert "1 taken voor de komende 7 dagen en 1 taken die te laat zijn" in bericht.body
    assert "Vertrouwelijk" not in bericht.body and klant.bsn not in bericht.body


def test_plan_voortgang_command_prints_what_it_planned(users, capsys):
    client_in_groep("zorgen", van=datetime.date(2025, 1, 1), io=users["inkomensconsulent"])
    call_command("plan_voortgang", peildatum=datetime.date(2026, 11, 24))
    out = capsys.readouterr().out
    assert "1 klanten bekeken" in out and "1 voortgangsgesprekken" in out


def test_api_token_command_prints_the_token_once(capsys):
    from deventer_werk.api.models import ApiToken

    call_command("api_token", naam="DWT-koppeling", rol="werkcoach")
    out = capsys.readouterr().out.splitlines()
    token = ApiToken.objects.get()
    assert out[1].startswith(token.prefix) and token.sleutel_hash not in "\n".join(out)
    assert token.gebruiker.organisatie == "DWT"
