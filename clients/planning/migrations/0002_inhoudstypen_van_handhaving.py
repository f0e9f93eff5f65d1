"""Uitvoering and Weekoverzicht moved from handhaving: move their content types too, so their
permissions (the beheerder's view rights) and admin history follow the models."""

from django.db import migrations

MODELLEN = ["uitvoering", "weekoverzicht"]


def verhuis(apps, schema_editor, van="handhaving", naar="planning"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Made by a post_migrate run in between: empty, so removing them loses nothing.
    ContentType.objects.filter(app_label=naar, model__in=MODELLEN).delete()
    ContentType.objects.filter(app_label=van, model__in=MODELLEN).update(app_label=naar)


def verhuis_en_geef_inzage(apps, schema_editor):
    verhuis(apps, schema_editor)
    # On a new database handhaving 0007 found no permissions to grant (create_permissions reads
    # the current app registry, where these models live in planning now): grant them here.
    from django.contrib.auth.management import create_permissions
    from django.apps import apps as global_apps

    create_permissions(global_apps.get_app_config("planning"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    beheerder = Group.objects.filter(name="beheerder").first()
    if beheerder is not None:
        beheerder.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="planning",
                codename__in=["view_uitvoering", "view_weekoverzicht"],
            )
        )


def terug(apps, schema_editor):
    verhuis(apps, schema_editor, van="planning", naar="handhaving")


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_uitvoering_en_weekoverzicht_van_handhaving"),
        ("handhaving", "0008_uitvoering_weekoverzicht_naar_planning"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("accounts", "0002_rollen"),
    ]
    operations = [migrations.RunPython(verhuis_en_geef_inzage, terug)]
