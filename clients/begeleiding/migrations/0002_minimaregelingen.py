from django.db import migrations

REGELINGEN = [
    "Individuele inkomenstoeslag",
    "Bijzondere bijstand",
    "Collectieve zorgverzekering minima",
    "Meedoenregeling (sport, cultuur, school)",
    "Kwijtschelding gemeentelijke belastingen",
    "Stichting Leergeld",
]


def seed(apps, schema_editor):
    Minimaregeling = apps.get_model("begeleiding", "Minimaregeling")
    for naam in REGELINGEN:
        Minimaregeling.objects.get_or_create(naam=naam)


class Migration(migrations.Migration):
    dependencies = [("begeleiding", "0001_begeleiding")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
