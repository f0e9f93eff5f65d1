"""Two people at the same moment, on real PostgreSQL connections (one thread each): two
trainers recording the same attendance get one save and one conflict, never a silent
overwrite; two gesprekken for the last seat never overfill the session."""

import datetime
import threading

import pytest
from django.db import connection

from clients.intake.models import AanwezigheidRegistratie, KickoffSessie, KickoffUitnodiging
from clients.intake.services import kickoff_aanwezigheid, kickoff_sessie_plan
from clients.services import ConcurrentEditError
from tests.factories import klantgroep
from tests.fixtures.klok import VANDAAG

from .factories import ambitie, melding

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seed_data", "frozen_clock"),
]


def _tegelijk(*taken):
    """Run the callables in threads that start together; return what each returned/raised."""
    start = threading.Barrier(len(taken))
    uitkomst: list = [None] * len(taken)

    def loop(i, taak):
        try:
            start.wait()
            uitkomst[i] = taak()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            uitkomst[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=loop, args=(i, t)) for i, t in enumerate(taken)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return uitkomst


def _sessie(users, capaciteit):
    return kickoff_sessie_plan(
        actor=users["trainer"],
        klantgroep=klantgroep("groeien"),
        datum=datetime.datetime(2026, 12, 9, 9, tzinfo=datetime.UTC),
        plaats="Stadhuis",
        trainer=users["trainer"],
        capaciteit=capaciteit,
    )


def test_two_trainers_saving_the_same_attendance_one_gets_a_conflict(users):
    _sessie(users, 10)
    klant = melding(users["poortwachter"])
    ambitie(users["intaker"], klant, "groeien", datum=VANDAAG)
    uitnodiging = KickoffUitnodiging.objects.get(client=klant)

    def opslaan():
        return kickoff_aanwezigheid(
            actor=users["trainer"], uitnodiging=uitnodiging, aanwezigheid="afgemeld", versie=1
        )

    uitkomst = _tegelijk(opslaan, opslaan)
    conflicten = [u for u in uitkomst if isinstance(u, ConcurrentEditError)]
    gelukt = [u for u in uitkomst if isinstance(u, KickoffUitnodiging)]
    assert len(conflicten) == 1 and len(gelukt) == 1, uitkomst
    assert "intussen gewijzigd" in conflicten[0].messages[0]
    assert AanwezigheidRegistratie.objects.filter(uitnodiging=uitnodiging).count() == 1
    uitnodiging.refresh_from_db()
    assert uitnodiging.versie == 2


def test_two_gesprekken_for_the_last_seat_never_overfill_the_session(users):
    sessie = _sessie(users, 1)
    klanten = [melding(users["poortwachter"]) for _ in range(2)]

    def gesprek(klant):
        return lambda: ambitie(users["intaker"], klant, "groeien", datum=VANDAAG)

    uitkomst = _tegelijk(*(gesprek(k) for k in klanten))
    assert not [u for u in uitkomst if isinstance(u, Exception)], uitkomst
    assert KickoffSessie.objects.get(pk=sessie.pk).uitnodigingen.count() == 1
    assert KickoffUitnodiging.objects.filter(sessie__isnull=True).count() == 1  # the other waits
