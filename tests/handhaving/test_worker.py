"""A worker killed mid-task: the work still completes, exactly once (acks_late, reject on
worker lost, the visibility timeout, and the planner's unique keys)."""

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from clients.models import Taak
from deventer_werk.celery import app
from tests.conftest import database_url_for_tests
from tests.factories import client_in_groep

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
BASE_DIR = Path(__file__).resolve().parents[2]


def _worker(queue: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "deventer_werk",
            "worker",
            "-P",
            "solo",
            "-l",
            "warning",
            "-Q",
            queue,
            "-n",
            f"{uuid.uuid4().hex[:8]}@%h",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=BASE_DIR,
        env=env,
    )


def _wacht(voorwaarde, timeout: float, wat: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if voorwaarde():
            return
        time.sleep(0.25)
    raise AssertionError(f"timeout: {wat}")


def test_killed_worker_task_completes_exactly_once(seed_data, users):
    for i in range(9):
        client_in_groep(["groeien", "faciliteren", "zorgen"][i % 3], van=datetime.date(2024, 1, 1))
    queue = f"test-planner-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_tests(),
        "CELERY_VISIBILITY_TIMEOUT": "4",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    eerste = _worker(queue, env)
    try:
        result = app.send_task(
            "planning.plan_voortgang", kwargs={"peildatum": "2026-06-01", "pauze": 8}, queue=queue
        )
        _wacht(lambda: result.state == "STARTED", 60, "taak gestart")
        os.kill(eerste.pid, signal.SIGKILL)  # mid-task: inside the planner's transaction
        eerste.wait(timeout=10)
        assert Taak.objects.count() == 0  # nothing half-done: the transaction rolled back
    finally:
        if eerste.poll() is None:
            eerste.kill()
    # The redelivered message must run without the pause to finish in time: a second worker
    # picks it up after the visibility timeout.
    tweede = _worker(queue, env)
    try:
        uitkomst = result.get(timeout=120)
    finally:
        tweede.terminate()
        tweede.wait(timeout=30)
    assert uitkomst["voortgang"] == 9
    sleutels = list(Taak.objects.values_list("sleutel", flat=True))
    assert len(sleutels) == len(set(sleutels)) == 9 + 3  # 9 gesprekken + 3 Faciliteren reviews
