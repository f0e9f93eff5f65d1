import pytest

from deventer_werk.accounts.constants import Rol

from .factories import UserFactory
from .fixtures.klok import frozen_clock  # noqa: F401  (shared fixtures)
from .fixtures.migraties import terug_naar_de_laatste_migraties  # noqa: F401
from .fixtures.otp import login_met_tweede_factor
from .fixtures.worker import celery_worker, celery_worker_process  # noqa: F401

PASSWORD = "Test-Wachtwoord-2026"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The test database is created, migrated and emptied between transactional tests
    (TRUNCATE) by the owner role, so the tests connect as the owner; the application role's
    rights are tested with a connection of its own (tests/audit/test_db_rollen.py). Processes
    the tests start get the test database's URL as their only role."""
    import os

    from django.conf import settings

    settings.DATABASES["default"].update(settings.DATABASE_OWNER or {})
    os.environ.pop("DATABASE_OWNER_URL", None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Keep the migrated seed data (roles, klantgroepen, configuration) serialized, so that
    transactional tests (browser, worker) can get it back after a flush: ``seed_data``.
    With ``--reuse-db`` the database outlives the session, so the seed is put back at the end
    when a transactional test flushed it."""
    from django.contrib.auth.models import Group
    from django.db import connection

    with django_db_blocker.unblock():
        if not Group.objects.exists():
            pytest.exit("De testdatabase mist de seed-data: draai eenmaal met --create-db", 2)
        _SEED["json"] = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        _seed_herstel()


_SEED: dict[str, str] = {}


def _seed_herstel() -> None:
    from django.contrib.auth.models import Group
    from django.db import connection

    if not Group.objects.exists():
        # The flush's post_migrate signal recreated content types and permissions with other
        # ids; the serialized rows bring back the originals.
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE django_content_type, auth_permission CASCADE")
        connection.creation.deserialize_db_from_string(_SEED["json"])


@pytest.fixture
def seed_data(transactional_db):
    """For transactional tests: the data migrations' rows, restored if an earlier
    transactional test's flush removed them."""
    _seed_herstel()


@pytest.fixture(autouse=True)
def _lege_cache(request):
    """Each test starts with an empty cache: figures kept per process (issue 33: the charts,
    the ambitiegesprek figure, the kick-off bestand) must not carry one test's data into the
    next. The shared cache is a table that no model stands for, so a transactional test's
    flush leaves it: emptied here for every test that uses the database."""
    from django.core.cache import caches

    caches["default"].clear()
    if request.node.get_closest_marker("django_db") or "django_db_setup" in request.fixturenames:
        request.getfixturevalue("django_db_setup")
        with request.getfixturevalue("django_db_blocker").unblock():
            caches["gedeeld"].clear()


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
    """Log the Django test client in as the given role (second factor passed)."""

    def _login(rol: str):
        login_met_tweede_factor(client, users[rol])
        return client

    return _login
