"""The functioneel beheerder edits configuration in the admin: klantgroepen, checklist,
network partners, diagnose-instrument, kick-offs, minimaregelingen, steekproef, catalogue,
sectors, employers, vacancies, participatieplekken, budgets and the beat schedules."""

from django.db import migrations

CONFIGURATIE = {
    "klantgroepen": ["klantgroep"],
    "intake": ["screeningvraag", "netwerkpartner", "diagnoseinstrument", "diagnosevraag",
               "kickoffsessie"],
    "begeleiding": ["minimaregeling"],
    "handhaving": ["steekproefinstelling"],
    "trajecten": ["sector", "aanbieder", "instrument", "werkgever", "ontslagmelding", "vacature",
                  "participatieplek", "themabijeenkomst"],
    "monitoring": ["budget"],
    "django_celery_beat": ["periodictask", "crontabschedule", "intervalschedule"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make them now for these apps.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    beheerder = Group.objects.get(name="beheerder")
    for app_label, models in CONFIGURATIE.items():
        beheerder.permissions.add(*Permission.objects.filter(
            content_type__app_label=app_label, content_type__model__in=models,
            codename__regex=r"^(add|change|view)_",
        ))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_rollen"),
        ("klantgroepen", "0002_seed_klantgroepen"),
        ("intake", "0003_verwijderen_met_klant"),
        ("begeleiding", "0003_verwijderen_met_klant"),
        ("handhaving", "0003_verwijderen_met_klant"),
        ("trajecten", "0002_catalogus"),
        ("monitoring", "0002_budget_en_planning"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
