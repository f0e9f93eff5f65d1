"""The beheerder edits the beat schedules (django-celery-beat) in the admin.
Moved here from accounts 0003, which no longer depends on every app; idempotent, so a database
where accounts 0003 already granted these gets nothing new."""

from django.db import migrations

from deventer_werk.accounts.beheer import beheerder_mag_configureren


def grant(apps, schema_editor):
    beheerder_mag_configureren(apps, "django_celery_beat", ["periodictask", "crontabschedule", "intervalschedule"])


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0002_inhoudstypen_van_handhaving"),
        ("accounts", "0002_rollen"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
