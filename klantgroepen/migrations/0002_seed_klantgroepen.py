from django.db import migrations


def seed(apps, schema_editor):
    from klantgroepen.seed import KLANTGROEPEN

    Klantgroep = apps.get_model("klantgroepen", "Klantgroep")
    for row in KLANTGROEPEN:
        Klantgroep.objects.update_or_create(code=row["code"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [("klantgroepen", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
