"""A report's dispatch and progress times (the sweeper's evidence), and the sweeper every
minute instead of every 15: a report requested while Redis was down goes out within a minute."""

from django.db import migrations, models


def sweeper_elke_minuut(apps, schema_editor):
    Interval = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _ = Interval.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.filter(task="monitoring.rapport_sweeper").update(interval=every)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0003_beheerder_configuratie"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [
        migrations.AddField(
            model_name="raadsrapportage",
            name="verstuurd_op",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="laatst aan de wachtrij gegeven"
            ),
        ),
        migrations.AddField(
            model_name="raadsrapportage",
            name="bijgewerkt_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="laatste voortgang"),
        ),
        migrations.RunPython(sweeper_elke_minuut, migrations.RunPython.noop),
    ]
