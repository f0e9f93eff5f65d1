"""The two database roles: the owner migrates, the application role only reads and writes rows.

``DATABASE_OWNER_URL`` is the owner of every table (it runs ``manage.py migrate``);
``DATABASE_URL`` is the application role of web, worker and beat. ``rollen_inrichten`` is run
by ``migrate`` after the migrations (and by ``manage.py db_rollen``), as the owner, and is
idempotent: it creates the application role when it is missing (the owner needs CREATEROLE for
that, or the platform creates it) and grants it exactly

- CONNECT on the database, USAGE on the schema;
- SELECT, INSERT, UPDATE, DELETE on every table and USAGE, SELECT on every sequence, also on
  tables the owner creates later (default privileges);
- on ``django_migrations`` only SELECT;
- on the audit trail (``audit_auditevent``) only SELECT and INSERT: no UPDATE, DELETE or
  TRUNCATE, and as it owns nothing it cannot ``ALTER TABLE … DISABLE TRIGGER``; not being a
  superuser it cannot ``SET session_replication_role = replica`` either.

It refuses an application role that is a superuser, may create roles or databases, bypasses
row-level security, replicates, is a member of the owner or owns anything in the database.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from psycopg2 import errors, sql

AUDIT_TABLE = "audit_auditevent"
TABLE_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"
FORBIDDEN_ATTRIBUTES = (
    "rolsuper",
    "rolcreaterole",
    "rolcreatedb",
    "rolreplication",
    "rolbypassrls",
)


@contextmanager
def als_eigenaar(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """During the block ``connection`` logs in as the owner (``DATABASE_OWNER_URL``), on the
    same database; without an owner it is left alone (one role does both)."""
    owner = settings.DATABASE_OWNER
    if not owner:
        yield
        return
    saved = {key: connection.settings_dict[key] for key in owner}
    connection.close()
    connection.settings_dict.update(owner)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def rollen_inrichten(connection: BaseDatabaseWrapper) -> list[str]:
    """Create (if missing) and grant the application role, as the owner; returns what it did,
    in Dutch, for the command's output. Raises ImproperlyConfigured for a role with too many
    rights."""
    app = settings.DATABASE_APP_ROLE["USER"]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_database(), current_schema()")
        owner, database, schema = cursor.fetchone()
        if not app or app == owner:
            return [f"Eén rol ({owner}) voor app en migraties: geen aparte applicatierol."]
        done = [_ensure_role(cursor, app, settings.DATABASE_APP_ROLE["PASSWORD"])]
        _check_role(cursor, app, owner)
        _grant(cursor, app=app, owner=owner, database=database, schema=schema)
    done.append(
        f"Rol {app}: rijen lezen en schrijven in {database}.{schema}, "
        f"op {AUDIT_TABLE} alleen SELECT en INSERT."
    )
    return done


def _ensure_role(cursor, app: str, password: str | None) -> str:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [app])
    if cursor.fetchone():
        return f"Rol {app} bestaat al."
    statement = sql.SQL(
        "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
    ).format(sql.Identifier(app))
    if password:
        statement += sql.SQL(" PASSWORD {}").format(sql.Literal(password))
    try:
        with transaction.atomic(using=cursor.db.alias):
            cursor.execute(statement)
    except DatabaseError as exc:
        if isinstance(exc.__cause__, errors.DuplicateObject):
            return f"Rol {app} bestaat al."  # created meanwhile by a parallel migrate
        if isinstance(exc.__cause__, errors.InsufficientPrivilege):
            raise ImproperlyConfigured(
                f"De eigenaar mag rol {app} niet aanmaken (CREATEROLE ontbreekt): maak die rol "
                "aan met LOGIN en zonder verdere rechten, en draai migrate opnieuw."
            ) from exc
        raise
    return f"Rol {app} aangemaakt."


def _check_role(cursor, app: str, owner: str) -> None:
    cursor.execute(
        f"SELECT {', '.join(FORBIDDEN_ATTRIBUTES)}, pg_has_role(rolname, %s, 'MEMBER'), "  # noqa: S608
        "EXISTS (SELECT 1 FROM pg_class WHERE relowner = r.oid) "
        "OR EXISTS (SELECT 1 FROM pg_namespace WHERE nspowner = r.oid) "
        "FROM pg_roles r WHERE rolname = %s",
        [owner, app],
    )
    *attributes, member, owns = cursor.fetchone()
    too_much = [
        name[3:] for name, value in zip(FORBIDDEN_ATTRIBUTES, attributes, strict=True) if value
    ]
    if member:
        too_much.append(f"lid van {owner}")
    if owns:
        too_much.append("eigenaar van tabellen of schema's")
    if too_much:
        raise ImproperlyConfigured(
            f"Applicatierol {app} heeft te veel rechten ({', '.join(too_much)}); "
            "geef de app een rol zonder die rechten (README, Databaserollen)."
        )


def _grant(cursor, *, app: str, owner: str, database: str, schema: str) -> None:
    ids = {
        "app": sql.Identifier(app),
        "owner": sql.Identifier(owner),
        "db": sql.Identifier(database),
        "schema": sql.Identifier(schema),
        "audit": sql.Identifier(AUDIT_TABLE),
        "rights": sql.SQL(TABLE_RIGHTS),
    }
    for statement in (
        "GRANT CONNECT ON DATABASE {db} TO {app}",
        "GRANT USAGE ON SCHEMA {schema} TO {app}",
        "GRANT {rights} ON ALL TABLES IN SCHEMA {schema} TO {app}",
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {app}",
        "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
        "GRANT {rights} ON TABLES TO {app}",
        "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
        "GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ):
        cursor.execute(sql.SQL(statement).format(**ids))
    # The migration history is the owner's: the app only reads it (showmigrations, checks).
    cursor.execute(
        sql.SQL("REVOKE INSERT, UPDATE, DELETE ON django_migrations FROM {app}").format(**ids)
    )
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [AUDIT_TABLE])
    if cursor.fetchone()[0]:  # not yet there when migrating to an early state
        for statement in (
            "REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {audit} FROM {app}",
            "REVOKE ALL ON {audit} FROM PUBLIC",
        ):
            cursor.execute(sql.SQL(statement).format(**ids))
    # Before PostgreSQL 15 everyone may create tables in "public"; the application role may not.
    cursor.execute("SELECT has_schema_privilege(%s, %s, 'CREATE')", [app, schema])
    if cursor.fetchone()[0]:
        cursor.execute(sql.SQL("REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC, {app}").format(**ids))
