"""Issue 29: every diagnose question states what its lowest and highest answer mean, in the
direction of the question; scores are stored in one direction (low = grote zorgen … high =
gaat goed). Existing gesprekken (schaalversie 1: the answers as given on a bare 1–5) get the
answers to the reversed questions flipped once and are marked schaalversie 2, so running the
conversion again changes nothing."""

from django.db import migrations, models

#: tekst: (betekenis laagste antwoord, betekenis hoogste antwoord, omgekeerd)
BETEKENIS = {
    # a higher answer means further from work: more concern
    "Hoe ver voelt u zich van betaald werk af?": ("heel dichtbij", "heel ver weg", True),
    "Heeft u een dagbesteding die u bevalt?": ("helemaal niet", "ja, helemaal", False),
    "Kunt u rondkomen van uw inkomen?": ("helemaal niet", "ja, goed", False),
    "Heeft u zicht op uw schulden?": ("helemaal niet", "ja, volledig", False),
    "Heeft u een stabiele woonplek?": ("helemaal niet", "ja, volledig", False),
    "Kunt u uw woonlasten betalen?": ("helemaal niet", "ja, zonder moeite", False),
    # a higher answer means a heavier burden: more concern
    "Belemmert uw gezondheid u in het dagelijks leven?": ("helemaal niet", "heel sterk", True),
    "Hoe gaat het met u (stress, zorgen)?": ("heel slecht, veel stress", "heel goed", False),
    "Heeft u mensen om u heen op wie u kunt terugvallen?": ("niemand", "ja, genoeg", False),
    "Lukt het u om Nederlandse brieven en formulieren te begrijpen?": (
        "helemaal niet",
        "ja, zonder hulp",
        False,
    ),
    "Kunt u met een computer en internet omgaan?": ("helemaal niet", "ja, goed", False),
    "Kunt u werk of activiteiten combineren met zorg voor anderen?": (
        "helemaal niet",
        "ja, goed",
        False,
    ),
    # a higher answer means a bigger role of addiction / justice: more concern
    "Speelt alcohol, drugs of gokken een rol in uw leven?": ("helemaal niet", "heel sterk", True),
    "Heeft u te maken met justitie of reclassering?": ("helemaal niet", "heel veel", True),
}


def betekenissen(apps, schema_editor):
    DiagnoseVraag = apps.get_model("intake", "DiagnoseVraag")
    for vraag in DiagnoseVraag.objects.filter(tekst__in=BETEKENIS):
        vraag.betekenis_laag, vraag.betekenis_hoog, vraag.omgekeerd = BETEKENIS[vraag.tekst]
        vraag.save(update_fields=["betekenis_laag", "betekenis_hoog", "omgekeerd"])


def _draai_om(apps, van: int, naar: int):
    Ambitiegesprek = apps.get_model("intake", "Ambitiegesprek")
    DiagnoseVraag = apps.get_model("intake", "DiagnoseVraag")
    omgekeerd = {
        str(pk): (instrument_id, schaal_min + schaal_max)
        for pk, instrument_id, schaal_min, schaal_max in DiagnoseVraag.objects.filter(
            omgekeerd=True
        ).values_list("pk", "instrument_id", "instrument__schaal_min", "instrument__schaal_max")
    }
    gewijzigd = []
    for gesprek in Ambitiegesprek.objects.filter(schaalversie=van).only(
        "pk", "instrument_id", "antwoorden", "schaalversie"
    ):
        antwoorden = dict(gesprek.antwoorden or {})
        for vraag_id, score in antwoorden.items():
            vraag = omgekeerd.get(str(vraag_id))
            if vraag is not None and vraag[0] == gesprek.instrument_id:
                antwoorden[vraag_id] = vraag[1] - int(score)
        gesprek.antwoorden = antwoorden
        gesprek.schaalversie = naar
        gewijzigd.append(gesprek)
    Ambitiegesprek.objects.bulk_update(gewijzigd, ["antwoorden", "schaalversie"], batch_size=500)


def scores_in_een_richting(apps, schema_editor):
    """Only gesprekken still on schaalversie 1: idempotent."""
    _draai_om(apps, 1, 2)


def scores_zoals_gegeven(apps, schema_editor):
    _draai_om(apps, 2, 1)


class Migration(migrations.Migration):
    dependencies = [("intake", "0011_ambitiegesprek_regeladvies")]

    operations = [
        migrations.AddField(
            model_name="diagnosevraag",
            name="betekenis_laag",
            field=models.CharField(
                "betekenis laagste antwoord",
                max_length=60,
                help_text="bijvoorbeeld: helemaal niet",
                default="grote zorgen",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="diagnosevraag",
            name="betekenis_hoog",
            field=models.CharField(
                "betekenis hoogste antwoord",
                max_length=60,
                help_text="bijvoorbeeld: heel sterk",
                default="gaat goed",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="diagnosevraag",
            name="omgekeerd",
            field=models.BooleanField(
                "omgekeerde vraag",
                default=False,
                help_text="Aanvinken als een hoger antwoord meer zorgen betekent (bijvoorbeeld: "
                "speelt verslaving een rol?). De score wordt dan omgedraaid opgeslagen, zodat "
                "altijd geldt: laag = grote zorgen, hoog = gaat goed.",
            ),
        ),
        # existing gesprekken: the answers as given (version 1) …
        migrations.AddField(
            model_name="ambitiegesprek",
            name="schaalversie",
            field=models.PositiveSmallIntegerField("versie schaal van de scores", default=1),
        ),
        migrations.RunPython(betekenissen, migrations.RunPython.noop),
        # … converted once into the stored direction (version 2)
        migrations.RunPython(scores_in_een_richting, scores_zoals_gegeven),
        migrations.AlterField(
            model_name="ambitiegesprek",
            name="schaalversie",
            field=models.PositiveSmallIntegerField("versie schaal van de scores", default=2),
        ),
    ]
