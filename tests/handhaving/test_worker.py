"""A worker killed mid-task: the work still completes, exactly once (acks_late, reject on
worker lost, the visibility timeout, and the planner's unique keys)."""

import datetime
import os
import signal
import time
import uuid

import pytest

from clients.handhaving.models import SteekproefInstelling
from clients.models import Taak
from deventer_werk.celery import app
from tests.factories import client_in_groep

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _wacht(voorwaarde, timeout: float, wat: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if voorwaarde():
            return
        time.sleep(0.25)
    raise AssertionError(f"timeout: {wat}")


def test_killed_worker_task_completes_exactly_once(seed_data, users, celery_worker):
    # no random steekproef reviews (they depend on the random client ids): a fixed count
    SteekproefInstelling.objects.update(percentage=0)
    for i in range(9):
        client_in_groep(["groeien", "faciliteren", "zorgen"][i % 3], van=datetime.date(2024, 1, 1))
    queue = f"test-planner-{uuid.uuid4().hex[:8]}"
    env = {
        "CELERY_VISIBILITY_TIMEOUT": "4",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    }
    # the first worker pauses inside the planner's transaction (a test-only module)
    eerste = celery_worker(queue=queue, env=env, include=("tests.handhaving.trage_planner",))
    result = app.send_task(
        "planning.plan_voortgang", kwargs={"peildatum": "2026-06-01"}, queue=queue
    )
    _wacht(lambda: result.state == "STARTED", 60, "taak gestart")
    os.kill(eerste.pid, signal.SIGKILL)  # mid-task: inside the planner's transaction
    eerste.wait(timeout=10)
    assert Taak.objects.count() == 0  # nothing half-done: the transaction rolled back
    # A second worker, without the pause, picks the message up after the visibility timeout.
    celery_worker(queue=queue, env=env)
    uitkomst = result.get(timeout=120)
    assert uitkomst["voortgang"] == 9
    sleutels = list(Taak.objects.filter(sleutel__isnull=False).values_list("sleutel", flat=True))
    assert len(sleutels) == len(set(sleutels)) == 9 + 3  # 9 gesprekken + 3 Faciliteren reviews
