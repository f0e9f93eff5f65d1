"""The foreign key now points at clients.Groepslidmaatschap: same table, state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clients', '0004_groepslidmaatschap_van_klantgroepen'),
        ('intake', '0004_aanwezigheid_historie_en_versie'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='ambitiegesprek',
                    name='lidmaatschap',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='clients.groepslidmaatschap'),
                ),
            ],
        ),
    ]
