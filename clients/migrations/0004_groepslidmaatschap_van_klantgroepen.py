"""Groepslidmaatschap moves here from klantgroepen (which keeps configuration only). State
only: the table klantgroepen_groepslidmaatschap and its rows stay as they are; the content
type (with its permissions and admin history) follows the model."""

import deventer_werk.db
import django.contrib.postgres.constraints
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models



def verhuis_inhoudstype(apps, schema_editor, van="klantgroepen", naar="clients"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    # One made by a post_migrate run in between has no permissions granted: drop it.
    ContentType.objects.filter(app_label=naar, model="groepslidmaatschap").delete()
    ContentType.objects.filter(app_label=van, model="groepslidmaatschap").update(app_label=naar)


def terug(apps, schema_editor):
    verhuis_inhoudstype(apps, schema_editor, van="clients", naar="klantgroepen")


class Migration(migrations.Migration):

    dependencies = [
        ('clients', '0003_signaal_groep_niet_besproken_uniek'),
        ('klantgroepen', '0002_seed_klantgroepen'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Groepslidmaatschap',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('van', models.DateField(verbose_name='vanaf')),
                        ('tot', models.DateField(blank=True, null=True, verbose_name='tot')),
                        ('soort', models.CharField(choices=[('eerste_indeling', 'Eerste indeling'), ('doorstroom', 'Doorstroom'), ('terugval', 'Terugval')], max_length=20, verbose_name='soort')),
                        ('reden', models.TextField(blank=True, verbose_name='reden')),
                        ('waarschuwingen', models.JSONField(blank=True, default=list, verbose_name='waarschuwingen bij besluit')),
                        ('aangemaakt_op', models.DateTimeField(auto_now_add=True)),
                        ('besloten_door', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='besloten door')),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lidmaatschappen', to='clients.client')),
                        ('geadviseerde_klantgroep', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='klantgroepen.klantgroep', verbose_name='advies professional')),
                        ('gekozen_klantgroep', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='klantgroepen.klantgroep', verbose_name='gekozen door klant')),
                        ('klantgroep', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='klantgroepen.klantgroep')),
                    ],
                    options={
                        'verbose_name': 'groepslidmaatschap',
                        'verbose_name_plural': 'groepslidmaatschappen',
                        'db_table': 'klantgroepen_groepslidmaatschap',
                        'ordering': ['client', '-van'],
                        'indexes': [models.Index(fields=['klantgroep', 'van', 'tot'], name='lidm_groep_periode_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('tot__isnull', True), ('tot__gt', models.F('van')), _connector='OR'), name='lidmaatschap_tot_na_van'), models.UniqueConstraint(condition=models.Q(('tot__isnull', True)), fields=('client',), name='lidmaatschap_een_actueel'), django.contrib.postgres.constraints.ExclusionConstraint(expressions=[('client', '='), (deventer_werk.db.DateRangeFunc('van', 'tot'), '&&')], name='lidmaatschap_geen_overlap')],
                    },
                ),
            ],
        ),
        migrations.RunPython(verhuis_inhoudstype, terug),
    ]
