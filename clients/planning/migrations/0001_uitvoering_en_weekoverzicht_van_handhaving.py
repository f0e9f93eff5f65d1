"""Uitvoering and Weekoverzicht move here from handhaving: state only, the tables
(``handhaving_uitvoering``, ``handhaving_weekoverzicht``) and their rows stay as they are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

STATE = [
    migrations.CreateModel(
        name='Uitvoering',
        fields=[
            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ('soort', models.CharField(choices=[('planner', 'Planner voortgangsgesprekken en rechtmatigheid'), ('groep_niet_besproken', 'Signaal klantgroep lang niet besproken'), ('kickoff', 'Kick-off-uitnodigingen'), ('weekoverzicht', 'Weekoverzicht per medewerker')], max_length=30, verbose_name='soort')),
            ('peildatum', models.DateField(verbose_name='peildatum')),
            ('opnieuw_verstuurd_op', models.DateTimeField(blank=True, null=True, verbose_name='laatst opnieuw verstuurd door de sweeper')),
            ('pogingen', models.PositiveSmallIntegerField(default=0, verbose_name='keren opnieuw verstuurd')),
            ('afgerond_op', models.DateTimeField(blank=True, null=True, verbose_name='afgerond op')),
            ('resultaat', models.JSONField(blank=True, default=dict, verbose_name='resultaat')),
        ],
        options={
            'verbose_name': 'uitvoering periodiek werk',
            'verbose_name_plural': 'uitvoeringen periodiek werk',
            'ordering': ['-peildatum', 'soort'],
            'db_table': 'handhaving_uitvoering',
            'constraints': [models.UniqueConstraint(fields=('soort', 'peildatum'), name='uitvoering_uniek')],
        },
    ),
    migrations.CreateModel(
        name='Weekoverzicht',
        fields=[
            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ('week', models.DateField(verbose_name='week (maandag)')),
            ('taken_deze_week', models.PositiveIntegerField(verbose_name='taken komende 7 dagen')),
            ('taken_te_laat', models.PositiveIntegerField(verbose_name='taken te laat')),
            ('aangemaakt_op', models.DateTimeField(auto_now_add=True)),
            ('verzonden_op', models.DateTimeField(blank=True, null=True, verbose_name='verzonden op')),
            ('medewerker', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
        ],
        options={
            'verbose_name': 'weekoverzicht',
            'verbose_name_plural': 'weekoverzichten',
            'ordering': ['-week', 'medewerker_id'],
            'db_table': 'handhaving_weekoverzicht',
            'constraints': [models.UniqueConstraint(fields=('medewerker', 'week'), name='weekoverzicht_uniek')],
        },
    ),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("handhaving", "0007_seed_checklist"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE, database_operations=[]),
    ]
