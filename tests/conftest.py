import pytest

from deventer_werk.accounts.constants import Rol

from .factories import UserFactory

PASSWORD = "Test-Wachtwoord-2026"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Keep the migrated seed data (roles, klantgroepen, configuration) serialized, so that
    transactional tests (browser, worker) can get it back after a flush: ``seed_data``."""
    from django.db import connection

    with django_db_blocker.unblock():
        _SEED["json"] = connection.creation.serialize_db_to_string()


_SEED: dict[str, str] = {}


@pytest.fixture
def seed_data(transactional_db):
    """For transactional tests: the data migrations' rows, restored if an earlier
    transactional test's flush removed them."""
    from django.contrib.auth.models import Group
    from django.db import connection

    if not Group.objects.exists():
        # The flush's post_migrate signal recreated content types and permissions with other
        # ids; the serialized rows bring back the originals.
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE django_content_type, auth_permission CASCADE")
        connection.creation.deserialize_db_from_string(_SEED["json"])


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 with Django's default iterations costs ~0.3 s per user on this machine.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def users(db):
    """One user per role, username equal to the role name."""
    return {rol.value: UserFactory(username=rol.value, rol=rol.value) for rol in Rol}


@pytest.fixture
def client_as(client, users):
    """Log the Django test client in as the given role."""

    def _login(rol: str):
        client.force_login(users[rol])
        return client

    return _login


def database_url_for_tests() -> str:
    """DATABASE_URL of pytest's test database, for processes the tests start (a worker)."""
    from urllib.parse import quote

    from django.db import connection

    s = connection.settings_dict
    host = s.get("HOST") or ""
    port = s.get("PORT") or 5432
    user = quote(s.get("USER") or "postgres")
    if host.startswith("/"):
        return f"postgres://{user}@:{port}/{s['NAME']}?host={quote(host)}"
    return f"postgres://{user}@{host or '127.0.0.1'}:{port}/{s['NAME']}"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real `celery worker` process on the test database and the configured Redis."""
    import os
    import subprocess
    import sys
    import time
    import uuid
    from pathlib import Path

    from deventer_werk.celery import app

    with django_db_blocker.unblock():
        db_url = database_url_for_tests()
    env = {**os.environ, "DATABASE_URL": db_url}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    name = f"test-{uuid.uuid4().hex[:8]}@%h"
    proc = subprocess.Popen(  # noqa: S603
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
            "-n",
            name,
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1.0):
            break
        assert proc.poll() is None, "celery worker stopte bij het starten"
    yield proc
    proc.terminate()
    proc.wait(timeout=30)
