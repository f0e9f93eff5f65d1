"""Formerly granted the beheerder the configuration rights of seven apps, which made accounts
depend on all of them. Each app now grants its own (``<app>/migrations/*_beheerder_*``), so
this migration is empty; it stays so that applied histories remain consistent."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_rollen")]
    operations = []
