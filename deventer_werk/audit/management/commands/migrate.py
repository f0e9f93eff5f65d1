"""``manage.py migrate`` as the owner role, then the application role's grants.

Overrides Django's ``migrate`` (an installed app's command wins over ``django.core``'s), so
that every caller — the README, ``make run``, compose, the k8s Job and the test runner that
creates the test database — migrates as ``DATABASE_OWNER_URL`` without knowing it. The
application role of ``DATABASE_URL`` may not create or alter tables.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.core.management.commands import migrate
from django.db import DEFAULT_DB_ALIAS, connections

from deventer_werk.dbrollen import als_eigenaar, rollen_inrichten


class Command(migrate.Command):
    help = (
        migrate.Command.help + " Als eigenaar (DATABASE_OWNER_URL), daarna de rechten van de app."
    )

    def execute(self, *args, **options):
        # execute, not handle: the system checks before handle already query the database.
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        with als_eigenaar(connection):
            output = super().execute(*args, **options)
            try:
                regels = rollen_inrichten(connection)
            except ImproperlyConfigured as exc:
                raise CommandError(str(exc)) from exc
        if options.get("verbosity", 1) >= 1:
            for regel in regels:
                self.stdout.write(regel)
        return output
