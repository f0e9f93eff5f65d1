"""The beat tasks moved from handhaving to planning and are named after their app now
(``planning.*``). The beat schedules the beheerder keeps in django-celery-beat point at the
new names, so they keep running; the reverse restores the old names."""

from django.db import migrations

NAMEN = {
    "handhaving.plan_voortgang": "planning.plan_voortgang",
    "handhaving.groep_niet_besproken": "planning.groep_niet_besproken",
    "intake.kickoff_nodig_uit": "planning.kickoff_nodig_uit",
    "handhaving.weekoverzicht": "planning.weekoverzicht",
    "handhaving.sweeper": "planning.sweeper",
}


def hernoem(apps, schema_editor, namen=NAMEN):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for oud, nieuw in namen.items():
        PeriodicTask.objects.filter(task=oud).update(task=nieuw)


def terug(apps, schema_editor):
    hernoem(apps, schema_editor, {nieuw: oud for oud, nieuw in NAMEN.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0003_beheerder_beat_schema"),
        ("handhaving", "0005_sweeper_op_beat"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(hernoem, terug)]
