"""What the ambitiegesprek records (issue 27 part 3): feedbackmethode, openness to a home visit,
commitment (signed or refused) and the Groeien kenmerken.

Existing gesprekken: feedbackmethode, home visit and kenmerken were never asked, so they stay
"niet vastgelegd" (empty / null). Their commitment was recorded: the form required the date
"afspraak = afspraak getekend op", so a gesprek with that date is "getekend" on that date;
nothing is made up.
"""

import django.contrib.postgres.fields
from django.conf import settings
from django.db import migrations, models


def getekend_uit_datum(apps, schema_editor):
    Ambitiegesprek = apps.get_model("intake", "Ambitiegesprek")
    Ambitiegesprek.objects.filter(afspraak_getekend_op__isnull=False).update(commitment="getekend")


class Migration(migrations.Migration):

    dependencies = [
        ('clients', '0009_taaksoorten_rechtmatigheidslus'),
        ('intake', '0009_kickoff_een_open_uitnodiging'),
        ('klantgroepen', '0005_klantgroep_plan_herzien_maanden'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='ambitiegesprek',
            name='commitment',
            field=models.CharField(blank=True, choices=[('', 'Niet vastgelegd'), ('getekend', 'Getekend'), ('geweigerd', 'Geweigerd')], max_length=10, verbose_name='commitment aan het plan'),
        ),
        migrations.AddField(
            model_name='ambitiegesprek',
            name='commitment_reden',
            field=models.TextField(blank=True, verbose_name='reden geweigerd'),
        ),
        migrations.AddField(
            model_name='ambitiegesprek',
            name='feedbackmethode',
            field=models.CharField(blank=True, choices=[('', 'Niet vastgelegd'), ('toegepast', 'Toegepast'), ('niet_toegepast', 'Niet toegepast')], max_length=16, verbose_name='feedbackmethode'),
        ),
        migrations.AddField(
            model_name='ambitiegesprek',
            name='feedbackmethode_toelichting',
            field=models.TextField(blank=True, verbose_name='toelichting feedbackmethode'),
        ),
        migrations.AddField(
            model_name='ambitiegesprek',
            name='groeien_kenmerken',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('verminderde_loonwaarde', 'Verminderde loonwaarde'), ('niet_willer', 'Niet-willer'), ('niet_weter', 'Niet-weter'), ('vanuit_ww', 'Komt vanuit de WW'), ('beschut', 'Indicatie beschut werk')], max_length=24), blank=True, null=True, size=None, verbose_name='kenmerken Groeien'),
        ),
        migrations.AddField(
            model_name='ambitiegesprek',
            name='huisbezoek',
            field=models.CharField(blank=True, choices=[('', 'Niet vastgelegd'), ('ja', 'Ja, staat open voor een huisbezoek'), ('nee', 'Nee'), ('niet_gevraagd', 'Niet gevraagd')], max_length=16, verbose_name='open voor huisbezoek'),
        ),
        migrations.AlterField(
            model_name='ambitiegesprek',
            name='afspraak_getekend_op',
            field=models.DateField(blank=True, null=True, verbose_name='afspraak = afspraak getekend op'),
        ),
        migrations.RunPython(getekend_uit_datum, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='ambitiegesprek',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('commitment', 'getekend'), _negated=True), ('afspraak_getekend_op__isnull', False), _connector='OR'), name='ambitie_getekend_met_datum'),
        ),
        migrations.AddConstraint(
            model_name='ambitiegesprek',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('commitment', 'geweigerd'), _negated=True), models.Q(('afspraak_getekend_op__isnull', True), models.Q(('commitment_reden', ''), _negated=True)), _connector='OR'), name='ambitie_geweigerd_met_reden'),
        ),
        migrations.AddConstraint(
            model_name='ambitiegesprek',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('feedbackmethode', 'niet_toegepast'), _negated=True), models.Q(('feedbackmethode_toelichting', ''), _negated=True), _connector='OR'), name='ambitie_feedback_niet_met_toelichting'),
        ),
    ]
