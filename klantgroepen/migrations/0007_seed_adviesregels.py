from django.db import migrations


def seed(apps, schema_editor):
    from klantgroepen.seed import ADVIESREGELS

    Klantgroep = apps.get_model("klantgroepen", "Klantgroep")
    AdviesRegel = apps.get_model("klantgroepen", "AdviesRegel")
    groepen = {g.code: g for g in Klantgroep.objects.all()}
    for regel in ADVIESREGELS:
        velden = {k: v for k, v in regel.items() if k != "klantgroep"}
        groep = groepen.get(regel["klantgroep"])
        if groep is not None:
            AdviesRegel.objects.get_or_create(
                volgorde=velden.pop("volgorde"), klantgroep=groep, defaults=velden
            )


class Migration(migrations.Migration):
    dependencies = [("klantgroepen", "0006_adviesregels")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
