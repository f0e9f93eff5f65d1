"""Scale-out without docker: the processes of the compose stack (two gunicorn web replicas and a
Celery worker) against one PostgreSQL and one Redis. A login on one replica is valid on the
other, a report requested on one is made by the worker, and two planners in two processes at
the same moment do no double work."""

import datetime
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.fixtures.worker import database_url_for_tests

BASE_DIR = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=database_url_for_tests(), DJANGO_DEBUG="false")
    return env


@pytest.fixture
def two_web_replicas():
    ports = [_free_port(), _free_port()]
    procs = [
        subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "deventer_werk.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "1",
            ],  # fmt: skip
            cwd=BASE_DIR,
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for port in ports
    ]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    for base in bases:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=5)  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
    yield bases
    for proc in procs:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def test_a_login_on_one_replica_is_valid_on_the_other(seed_data, users, two_web_replicas, settings):
    a, b = two_web_replicas
    # The replicas check passwords with the real hashers, not the tests' fast MD5.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    users["beleidsmedewerker"].set_password(PASSWORD)
    users["beleidsmedewerker"].save()
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{a}/inloggen/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": "beleidsmedewerker", "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(f"{a}/inloggen/", data=data, headers={"Referer": a})  # noqa: S310
    opener.open(request)
    assert any(c.name == "sessionid" for c in jar)
    # Same cookies, other replica (the cookie jar is per host:port, so copy the header).
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    response = urllib.request.urlopen(  # noqa: S310
        urllib.request.Request(f"{b}/monitoring/", headers={"Cookie": cookie}),  # noqa: S310
        timeout=30,
    )
    assert response.status == 200
    assert "/inloggen/" not in response.geturl()
    assert "Uitloggen" in response.read().decode()  # the logged-in page, not the login form


def test_two_planners_in_two_processes_do_no_double_work(seed_data):
    from clients.models import Taak
    from tests.factories import client_in_groep

    for i in range(30):
        client_in_groep(["groeien", "faciliteren", "zorgen"][i % 3], van=datetime.date(2024, 1, 1))
    cmd = [sys.executable, "manage.py", "plan_voortgang", "--peildatum", "2026-06-01"]
    procs = [
        subprocess.Popen(cmd, cwd=BASE_DIR, env=_env(), stdout=subprocess.PIPE, text=True)  # noqa: S603
        for _ in range(2)
    ]
    for proc in procs:
        assert proc.wait(timeout=300) == 0
    # team-queue tasks ("klant zonder contactpersoon") have no planning key
    sleutels = list(Taak.objects.filter(sleutel__isnull=False).values_list("sleutel", flat=True))
    assert len(sleutels) == len(set(sleutels)) > 0
