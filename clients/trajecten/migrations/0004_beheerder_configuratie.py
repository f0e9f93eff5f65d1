"""The beheerder edits this app"s configuration in the admin (add, change, view).
Moved here from accounts 0003, which no longer depends on every app; idempotent, so a database
where accounts 0003 already granted these gets nothing new."""

from django.db import migrations

from deventer_werk.accounts.beheer import beheerder_mag_configureren


def grant(apps, schema_editor):
    beheerder_mag_configureren(apps, "trajecten", ["sector", "aanbieder", "instrument", "werkgever", "ontslagmelding", "vacature", "participatieplek", "themabijeenkomst"])


class Migration(migrations.Migration):
    dependencies = [
        ("trajecten", "0003_nazorg_loonwaarde_werkgeversdienst"),
        ("accounts", "0002_rollen"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
