"""Kick-off invitations become repeatable (issue 26): an invitation is no longer one-to-one
with the ambitiegesprek, it can wait for a session (no seat yet), lapse, be confirmed and
point at the invitation it repeats; the kick-off settings. Schema only: the existing rows are
brought in line by 0008 (a data change and the indexes made here cannot share a transaction on
PostgreSQL), the constraints follow in 0009."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_rollen"),
        ("clients", "0006_zoeknaam_trigram"),
        ("intake", "0006_beheerder_configuratie"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="KickoffInstelling",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "uitnodigen_na_dagen",
                    models.PositiveSmallIntegerField(
                        default=14,
                        help_text="Beleid §4.1: de kick-off is ca. twee weken na het eerste gesprek.",
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(90),
                        ],
                        verbose_name="eerste bijeenkomst vanaf … dagen na het ambitiegesprek",
                    ),
                ),
                (
                    "max_gemist",
                    models.PositiveSmallIntegerField(
                        default=2,
                        help_text="Afgemeld of niet verschenen; daarna een signaal aan de contactpersoon (bij zo vaak niet verschenen ook 'werkt niet mee' voor de handhaver).",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(10),
                        ],
                        verbose_name="signaal na … keer gemist",
                    ),
                ),
                (
                    "eerste_afspraak_na_dagen",
                    models.PositiveSmallIntegerField(
                        default=7,
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(60),
                        ],
                        verbose_name="eerste afspraak … dagen na de kick-off",
                    ),
                ),
                (
                    "reserve_plaatsen",
                    models.PositiveSmallIntegerField(
                        default=4,
                        help_text="Een uitnodiging van het bestaande bestand laat zoveel plaatsen vrij.",
                        validators=[django.core.validators.MaxValueValidator(200)],
                        verbose_name="plaatsen per bijeenkomst vrij voor nieuwe klanten",
                    ),
                ),
            ],
            options={
                "verbose_name": "instelling kick-off",
                "verbose_name_plural": "instellingen kick-off",
            },
        ),
        migrations.AddField(
            model_name="kickoffuitnodiging",
            name="aangemaakt_op",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="aangemaakt op"
            ),
        ),
        migrations.AddField(
            model_name="kickoffuitnodiging",
            name="aanleiding",
            field=models.CharField(
                choices=[
                    ("ambitiegesprek", "Na het ambitiegesprek"),
                    ("opnieuw", "Opnieuw na een gemiste kick-off"),
                    ("bestand", "Bestaand bestand"),
                ],
                default="ambitiegesprek",
                max_length=16,
                verbose_name="aanleiding",
            ),
        ),
        migrations.AddField(
            model_name="kickoffuitnodiging",
            name="bevestigd_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="komst bevestigd op"),
        ),
        migrations.AddField(
            model_name="kickoffuitnodiging",
            name="reden_vervallen",
            field=models.CharField(blank=True, max_length=200, verbose_name="reden vervallen"),
        ),
        migrations.AddField(
            model_name="kickoffuitnodiging",
            name="vervallen_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="vervallen op"),
        ),
        migrations.AddField(
            model_name="kickoffuitnodiging",
            name="vorige",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="intake.kickoffuitnodiging",
            ),
        ),
        migrations.AlterField(
            model_name="kickoffuitnodiging",
            name="ambitiegesprek",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="kickoff_uitnodigingen",
                to="intake.ambitiegesprek",
            ),
        ),
        migrations.AlterField(
            model_name="kickoffuitnodiging",
            name="sessie",
            field=models.ForeignKey(
                blank=True,
                help_text="Leeg: wacht op een bijeenkomst met plaats",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="uitnodigingen",
                to="intake.kickoffsessie",
            ),
        ),
        migrations.AlterField(
            model_name="kickoffuitnodiging",
            name="uitgenodigd_op",
            field=models.DateField(blank=True, null=True, verbose_name="uitgenodigd op"),
        ),
    ]
