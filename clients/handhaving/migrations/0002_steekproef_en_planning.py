"""Seed: a 1 % monthly steekproef per klantgroep (seed 2020) and the beat schedules of the
planner, kick-off invitations, the stale-membership check and the weekly digest. Both are
configuration: the beheerder changes them in the admin (django-celery-beat)."""

import json

from django.db import migrations

SCHEMA = [
    ("Planner: voortgangsgesprekken en rechtmatigheid", "handhaving.plan_voortgang", "0", "5", "*"),
    ("Kick-off: uitnodigingen versturen", "intake.kickoff_nodig_uit", "30", "5", "*"),
    ("Signaal: klantgroep lang niet besproken", "handhaving.groep_niet_besproken", "0", "6", "*"),
    ("Weekoverzicht werkvoorraad per medewerker", "handhaving.weekoverzicht", "0", "7", "1"),
]


def seed(apps, schema_editor):
    Klantgroep = apps.get_model("klantgroepen", "Klantgroep")
    SteekproefInstelling = apps.get_model("handhaving", "SteekproefInstelling")
    for kg in Klantgroep.objects.all():
        SteekproefInstelling.objects.get_or_create(klantgroep=kg, defaults={"percentage": 1})
    Crontab = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for naam, task, minute, hour, dow in SCHEMA:
        cron, _ = Crontab.objects.get_or_create(
            minute=minute, hour=hour, day_of_week=dow, day_of_month="*", month_of_year="*",
            timezone="Europe/Amsterdam",
        )
        PeriodicTask.objects.get_or_create(
            name=naam, defaults={"task": task, "crontab": cron, "kwargs": json.dumps({})}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("handhaving", "0001_handhaving"),
        ("klantgroepen", "0002_seed_klantgroepen"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
