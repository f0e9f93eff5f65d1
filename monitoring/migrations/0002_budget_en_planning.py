"""Seed: the policy's §6.1 budget split per klantgroep (DWT / IO), used for every year
2020–2027 until the beheerder changes it; and the beat schedule that drafts the raad report
after 1 January and 1 July, plus the sweeper for reports that stayed queued."""

import json

from django.db import migrations

# (klantgroep code or None for intake, DWT, IO) — "Inzet op maat" §6.1
VERDELING = [
    (None, 350_000, 350_000),
    ("matchen", 550_000, 20_000),
    ("groeien", 4_600_000, 350_000),
    ("faciliteren", 0, 450_000),
    ("zorgen", 0, 420_000),
]


def seed(apps, schema_editor):
    Budget = apps.get_model("monitoring", "Budget")
    Klantgroep = apps.get_model("klantgroepen", "Klantgroep")
    groepen = {k.code: k for k in Klantgroep.objects.all()}
    for jaar in range(2020, 2028):
        for code, dwt, io in VERDELING:
            for org, bedrag in (("DWT", dwt), ("IO", io)):
                if bedrag:
                    Budget.objects.get_or_create(
                        jaar=jaar,
                        klantgroep=groepen.get(code) if code else None,
                        organisatie=org,
                        defaults={"bedrag": bedrag},
                    )
    Crontab = apps.get_model("django_celery_beat", "CrontabSchedule")
    Interval = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    cron, _ = Crontab.objects.get_or_create(
        minute="0", hour="6", day_of_month="2", month_of_year="1,7", day_of_week="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.get_or_create(
        name="Raadsrapportage: concept na 1 januari en 1 juli",
        defaults={"task": "monitoring.rapport_concept", "crontab": cron, "kwargs": json.dumps({})},
    )
    every, _ = Interval.objects.get_or_create(every=15, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Raadsrapportage: blijven hangen opnieuw versturen",
        defaults={"task": "monitoring.rapport_sweeper", "interval": every, "kwargs": json.dumps({})},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_rapportage_en_budget"),
        ("klantgroepen", "0002_seed_klantgroepen"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
