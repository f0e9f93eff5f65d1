"""``manage.py db_rollen``: create and grant the application role again, without migrating
(``migrate`` does this itself; see ``deventer_werk.dbrollen``)."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from deventer_werk.dbrollen import als_eigenaar, rollen_inrichten


class Command(BaseCommand):
    help = "Maakt de applicatierol aan en geeft die precies de rechten die de app nodig heeft."

    def handle(self, *args, **options):
        try:
            with als_eigenaar(connection):
                regels = rollen_inrichten(connection)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        for regel in regels:
            self.stdout.write(regel)
