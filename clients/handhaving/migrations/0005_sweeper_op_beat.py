"""Seed: the sweeper on beat, every 15 minutes. It sends periodic work again whose scheduled
run did not complete (clients/handhaving/uitvoering.py). Editable by the beheerder."""

import json

from django.db import migrations

NAAM = "Sweeper: achtergebleven periodiek werk opnieuw versturen"


def seed(apps, schema_editor):
    Crontab = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    cron, _ = Crontab.objects.get_or_create(
        minute="*/15",
        hour="*",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.get_or_create(
        name=NAAM, defaults={"task": "handhaving.sweeper", "crontab": cron, "kwargs": json.dumps({})}
    )


def unseed(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAAM).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("handhaving", "0004_uitvoering_en_weekoverzicht"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
