"""Seed: the checklist of a rechtmatigheidsonderzoek (configuration; the beheerder edits it in
the admin; points follow the usual review of a Participatiewet benefit). The beheerder may
edit the checklist and view the record of periodic work and weekly digests."""

from django.db import migrations

PUNTEN = [
    "Identiteit en verblijfsstatus gecontroleerd",
    "Woonsituatie en leefvorm (BRP, huurcontract) nagegaan",
    "Inkomsten uit werk en andere uitkeringen (polisadministratie, UWV/SVB) nagegaan",
    "Bankafschriften van de afgelopen drie maanden bekeken",
    "Vermogen, voertuigen en bezit in het buitenland nagegaan",
    "Inlichtingenplicht met de klant besproken (rechten en plichten)",
    "Bestaanszekerheid en minimaregelingen besproken",
    "Gevolgen van een strikte uitkomst voor de klant en het huishouden in kaart gebracht",
]


def seed(apps, schema_editor):
    ChecklistPunt = apps.get_model("handhaving", "ChecklistPunt")
    for volgorde, tekst in enumerate(PUNTEN, start=1):
        ChecklistPunt.objects.get_or_create(tekst=tekst, defaults={"volgorde": volgorde * 10})


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make them now for this app.
    app_config = apps.get_app_config("handhaving")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    beheerder = Group.objects.filter(name="beheerder").first()
    if beheerder is None:
        return
    eigen = Permission.objects.filter(content_type__app_label="handhaving")
    beheerder.permissions.add(
        *eigen.filter(content_type__model="checklistpunt", codename__regex=r"^(add|change|view)_"),
        *eigen.filter(codename__in=["view_uitvoering", "view_weekoverzicht"]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("handhaving", "0006_checklist_rechtmatigheidsonderzoek"),
        ("accounts", "0003_beheerder_configuratie"),
    ]
    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
