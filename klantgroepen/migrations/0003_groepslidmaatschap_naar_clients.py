"""Groepslidmaatschap lives in clients now (clients 0004): state only, the table stays."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('begeleiding', '0005_groepswijziging_naar_clients'),
        ('intake', '0005_lidmaatschap_naar_clients'),
        ('klantgroepen', '0002_seed_klantgroepen'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(
                    name='Groepslidmaatschap',
                ),
            ],
        ),
    ]
