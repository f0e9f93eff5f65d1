"""The foreign key now points at clients.Groepslidmaatschap: same table, state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('begeleiding', '0004_instelling_plan_actueel'),
        ('clients', '0004_groepslidmaatschap_van_klantgroepen'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='voortgangsgesprek',
                    name='groepswijziging',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='clients.groepslidmaatschap'),
                ),
            ],
        ),
    ]
