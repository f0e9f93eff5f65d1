"""The application role (DATABASE_URL) cannot change or erase the audit trail, by any door.

The suite itself connects as the owner (tests/conftest.py); here a second, real connection
logs in as the application role on the test database, which ``migrate`` granted its rights
(deventer_werk.dbrollen). Everything it does happens in one transaction that is rolled back.
"""

import psycopg2
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from psycopg2 import errors

from deventer_werk.dbrollen import AUDIT_TABLE, rollen_inrichten

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not settings.DATABASE_OWNER,
        reason="één databaserol (geen DATABASE_OWNER_URL): er is geen applicatierol te testen",
    ),
]

REFUSED = {
    "UPDATE": "UPDATE audit_auditevent SET actie = actie",
    "DELETE": "DELETE FROM audit_auditevent",
    "TRUNCATE": "TRUNCATE audit_auditevent",
    "DISABLE TRIGGER": (
        "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_no_update_delete"
    ),
    "replica mode": "SET session_replication_role = replica",
    "DELETE after replica mode": "DELETE FROM audit_auditevent",
    "CREATE TABLE": "CREATE TABLE eigen_tabel (id int)",
}


@pytest.fixture
def app_cursor(db):
    s = connection.settings_dict
    conn = psycopg2.connect(
        dbname=s["NAME"],
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        user=settings.DATABASE_APP_ROLE["USER"],
        password=settings.DATABASE_APP_ROLE["PASSWORD"] or None,
        options="-c lock_timeout=5000 -c statement_timeout=20000",
    )
    try:
        with conn.cursor() as cursor:
            yield cursor
    finally:
        conn.rollback()
        conn.close()


def _insert_event(cursor) -> int:
    cursor.execute(
        f"INSERT INTO {AUDIT_TABLE} (tijdstip, actor_username, rol, organisatie, actie, "  # noqa: S608
        "object_type, resultaat, herkomst, details) VALUES "
        "(now(), 'rollentest', '', '', 'bekeken', '', 'toegestaan', 'commando', '{}') RETURNING id"
    )
    return cursor.fetchone()[0]


def _refused(cursor, statement: str) -> str:
    cursor.execute("SAVEPOINT poging")
    with pytest.raises(psycopg2.Error) as caught:
        cursor.execute(statement)
    cursor.execute("ROLLBACK TO SAVEPOINT poging")
    assert isinstance(caught.value, errors.InsufficientPrivilege), caught.value
    return str(caught.value.pgerror).splitlines()[0]


def test_the_app_role_may_add_to_and_read_the_audit_trail_but_not_change_or_erase_it(app_cursor):
    event_id = _insert_event(app_cursor)
    app_cursor.execute(f"SELECT actie FROM {AUDIT_TABLE} WHERE id = %s", [event_id])  # noqa: S608
    assert app_cursor.fetchone() == ("bekeken",)

    messages = {name: _refused(app_cursor, statement) for name, statement in REFUSED.items()}

    assert messages == {
        "UPDATE": f"ERROR:  permission denied for table {AUDIT_TABLE}",
        "DELETE": f"ERROR:  permission denied for table {AUDIT_TABLE}",
        "TRUNCATE": f"ERROR:  permission denied for table {AUDIT_TABLE}",
        "DISABLE TRIGGER": f"ERROR:  must be owner of table {AUDIT_TABLE}",
        "replica mode": 'ERROR:  permission denied to set parameter "session_replication_role"',
        "DELETE after replica mode": f"ERROR:  permission denied for table {AUDIT_TABLE}",
        "CREATE TABLE": "ERROR:  permission denied for schema public",
    }
    app_cursor.execute(f"SELECT actie FROM {AUDIT_TABLE} WHERE id = %s", [event_id])  # noqa: S608
    assert app_cursor.fetchone() == ("bekeken",)


def test_the_app_role_reads_and_writes_the_other_tables(app_cursor):
    app_cursor.execute(
        "INSERT INTO django_content_type (app_label, model) VALUES ('dw_test', 'rol') RETURNING id"
    )
    assert app_cursor.fetchone()[0] > 0  # the identity sequence may be used
    app_cursor.execute(
        "INSERT INTO django_session (session_key, session_data, expire_date) "
        "VALUES ('dw-rollen-test', 'x', now())"
    )
    app_cursor.execute(
        "UPDATE django_session SET session_data = 'y' WHERE session_key = 'dw-rollen-test'"
    )
    assert app_cursor.rowcount == 1
    app_cursor.execute("DELETE FROM django_session WHERE session_key = 'dw-rollen-test'")
    assert app_cursor.rowcount == 1
    app_cursor.execute("SELECT count(*) FROM clients_client")
    assert app_cursor.fetchone()[0] >= 0
    app_cursor.execute("SELECT count(*) FROM django_migrations")
    assert app_cursor.fetchone()[0] > 0
    assert "permission denied for table django_migrations" in _refused(
        app_cursor, "DELETE FROM django_migrations"
    )


def test_the_app_role_has_no_special_rights_and_owns_nothing(app_cursor):
    app_cursor.execute(
        "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls "
        "FROM pg_roles WHERE rolname = current_user"
    )
    assert app_cursor.fetchone() == (False, False, False, False, False)
    app_cursor.execute(
        "SELECT count(*) FROM pg_class WHERE relowner = "
        "(SELECT oid FROM pg_roles WHERE rolname = current_user)"
    )
    assert app_cursor.fetchone() == (0,)
    app_cursor.execute(
        "SELECT tableowner <> current_user FROM pg_tables WHERE tablename = %s", [AUDIT_TABLE]
    )
    assert app_cursor.fetchone() == (True,)


def test_migrate_refuses_an_app_role_with_too_many_rights(db, settings):
    # CREATE ROLE is transactional: the role is gone again with the test's transaction.
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE dw_rollentest_te_veel LOGIN CREATEDB BYPASSRLS")
    settings.DATABASE_APP_ROLE = {"USER": "dw_rollentest_te_veel", "PASSWORD": ""}

    with pytest.raises(ImproperlyConfigured, match=r"te veel rechten \(createdb, bypassrls\)"):
        rollen_inrichten(connection)


def test_one_role_for_everything_gets_no_grants(db, settings):
    settings.DATABASE_APP_ROLE = {"USER": connection.settings_dict["USER"], "PASSWORD": ""}

    assert rollen_inrichten(connection) == [
        f"Eén rol ({connection.settings_dict['USER']}) voor app en migraties: "
        "geen aparte applicatierol."
    ]
