"""Uitvoering and Weekoverzicht now belong to the planning app (state only: the tables and
their rows stay; see planning 0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("handhaving", "0007_seed_checklist"),
        ("planning", "0001_uitvoering_en_weekoverzicht_van_handhaving"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Uitvoering"),
                migrations.DeleteModel(name="Weekoverzicht"),
            ],
            database_operations=[],
        ),
    ]
