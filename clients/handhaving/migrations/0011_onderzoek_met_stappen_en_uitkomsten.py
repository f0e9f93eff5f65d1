"""Issue 30 part 3: the rechtmatigheidsonderzoek as a case with steps.

Existing data is kept: the single ``uitkomst`` becomes a one-element ``uitkomsten`` list (with
the recorded omgekeerde toets attached to it when that outcome is strict), and the free text
``documenten_opgevraagd`` becomes a Stukkenverzoek row (hersteltermijn: the day the documents
came in, else the start). Two running onderzoeken on one client cannot be merged by a
machine: the migration stops and names them, so a beheerder decides one first."""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count

STRIKT = {"terugvordering", "boete", "maatregel", "stopzetting", "aangifte"}


def _naar_meervoudig(apps, schema_editor):
    Onderzoek = apps.get_model("handhaving", "Rechtmatigheidsonderzoek")
    Stukkenverzoek = apps.get_model("handhaving", "Stukkenverzoek")
    dubbel = list(
        Onderzoek.objects.filter(besloten_op__isnull=True)
        .values("client_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("client_id", flat=True)
    )
    if dubbel:
        raise RuntimeError(
            f"{len(dubbel)} klanten hebben meer dan één lopend rechtmatigheidsonderzoek "
            f"(klant-ids {', '.join(str(c) for c in dubbel[:20])}); rond er per klant één af "
            "en migreer opnieuw."
        )
    for o in Onderzoek.objects.exclude(uitkomst="").iterator():
        o.uitkomsten = [o.uitkomst]
        if o.uitkomst in STRIKT and o.gevolgen_strikte_uitkomst:
            o.omgekeerde_toetsen = {o.uitkomst: o.gevolgen_strikte_uitkomst}
        o.save(update_fields=["uitkomsten", "omgekeerde_toetsen"])
    for o in Onderzoek.objects.exclude(documenten_opgevraagd="").iterator():
        Stukkenverzoek.objects.create(
            onderzoek=o,
            opgevraagd_op=o.gestart_op,
            omschrijving=o.documenten_opgevraagd,
            hersteltermijn=o.documenten_ontvangen_op or o.gestart_op,
            door_id=o.handhaver_id,
        )


def _naar_enkelvoudig(apps, schema_editor):
    Onderzoek = apps.get_model("handhaving", "Rechtmatigheidsonderzoek")
    for o in Onderzoek.objects.exclude(uitkomsten=[]).iterator():
        o.uitkomst = o.uitkomsten[0]
        o.documenten_opgevraagd = "\n".join(
            s.omschrijving for s in o.stukkenverzoeken.order_by("opgevraagd_op", "pk")
        )
        o.save(update_fields=["uitkomst", "documenten_opgevraagd"])


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0010_signaal_uitkeringsduur"),
        ("handhaving", "0010_stopzetting_en_uitvoeren_uiterlijk"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Stukkenverzoek",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("opgevraagd_op", models.DateField(verbose_name="opgevraagd op")),
                ("omschrijving", models.TextField(verbose_name="opgevraagde stukken")),
                ("hersteltermijn", models.DateField(verbose_name="hersteltermijn tot en met")),
                (
                    "door",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "onderzoek",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="stukkenverzoeken",
                        to="handhaving.rechtmatigheidsonderzoek",
                    ),
                ),
            ],
            options={
                "verbose_name": "stukkenverzoek",
                "verbose_name_plural": "stukkenverzoeken",
                "ordering": ["opgevraagd_op", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("hersteltermijn__gte", models.F("opgevraagd_op"))),
                        name="stukkenverzoek_termijn_na_verzoek",
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="rechtmatigheidsonderzoek",
            name="omgekeerde_toetsen",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="omgekeerde toets per uitkomst"
            ),
        ),
        migrations.AddField(
            model_name="rechtmatigheidsonderzoek",
            name="uitkomsten",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(
                    choices=[
                        ("geen_actie", "Geen gevolgen"),
                        ("herstel", "Herstel (uitkering aanpassen)"),
                        ("terugvordering", "Terugvordering"),
                        ("boete", "Boete"),
                        ("waarschuwing", "Waarschuwing"),
                        ("alternatief", "Alternatieve sanctie"),
                        ("maatregel", "Maatregel (verlaging)"),
                        ("stopzetting", "Stopzetting of intrekking uitkering"),
                        ("aangifte", "Aangifte"),
                    ],
                    max_length=14,
                ),
                blank=True,
                default=list,
                size=None,
                verbose_name="gekozen uitkomsten",
            ),
        ),
        migrations.RunPython(_naar_meervoudig, _naar_enkelvoudig),
        migrations.RemoveConstraint(
            model_name="rechtmatigheidsonderzoek",
            name="rmo_besluit_volledig",
        ),
        migrations.RemoveField(
            model_name="rechtmatigheidsonderzoek",
            name="documenten_opgevraagd",
        ),
        migrations.RemoveField(
            model_name="rechtmatigheidsonderzoek",
            name="uitkomst",
        ),
        migrations.AddConstraint(
            model_name="rechtmatigheidsonderzoek",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("besloten_op__isnull", True),
                    models.Q(
                        models.Q(("bevinding", ""), _negated=True),
                        ("uitkomsten__len__gt", 0),
                        models.Q(("motivatie", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="rmo_besluit_volledig",
            ),
        ),
        migrations.AddConstraint(
            model_name="rechtmatigheidsonderzoek",
            constraint=models.UniqueConstraint(
                condition=models.Q(("besloten_op__isnull", True)),
                fields=("client",),
                name="rmo_een_lopend_per_klant",
            ),
        ),
    ]
