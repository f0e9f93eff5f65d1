"""The table of the shared cache (``settings.CACHES["gedeeld"]``, Django's DatabaseCache):
created as Django's ``createcachetable`` creates it, so that ``migrate`` is all a server
needs. The platform's first app holds it; no model stands for it."""

from django.core.management import call_command
from django.db import migrations


def maak(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def verwijder(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS dw_gedeelde_cache")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_beheerder_configuratie")]

    operations = [migrations.RunPython(maak, verwijder)]
