"""The beheerder edits this app"s configuration in the admin (add, change, view).
Moved here from accounts 0003, which no longer depends on every app; idempotent, so a database
where accounts 0003 already granted these gets nothing new."""

from django.db import migrations

from deventer_werk.accounts.beheer import beheerder_mag_configureren


def grant(apps, schema_editor):
    beheerder_mag_configureren(apps, "klantgroepen", ["klantgroep"])


class Migration(migrations.Migration):
    dependencies = [
        ("klantgroepen", "0003_groepslidmaatschap_naar_clients"),
        ("accounts", "0002_rollen"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
