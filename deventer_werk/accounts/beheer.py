"""Used by the apps' data migrations: the functioneel beheerder may add, change and view the
configuration models of an app (each app grants its own, so accounts depends on no app)."""


def beheerder_mag_configureren(apps, app_label: str, modellen: list[str]) -> None:
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make them now for this app.
    create_permissions(global_apps.get_app_config(app_label), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    beheerder = Group.objects.filter(name="beheerder").first()
    if beheerder is None:
        return
    beheerder.permissions.add(
        *Permission.objects.filter(
            content_type__app_label=app_label,
            content_type__model__in=modellen,
            codename__regex=r"^(add|change|view)_",
        )
    )
