from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("tijdstip", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="tijdstip (UTC)")),
                ("actor_id", models.BigIntegerField(null=True, verbose_name="gebruiker-id")),
                ("actor_username", models.CharField(blank=True, max_length=150, verbose_name="gebruikersnaam")),
                ("rol", models.CharField(blank=True, max_length=255, verbose_name="rol(len)")),
                ("organisatie", models.CharField(blank=True, max_length=10, verbose_name="organisatie")),
                ("client_id", models.UUIDField(db_index=True, null=True, verbose_name="klant-id")),
                ("actie", models.CharField(choices=[("bekeken", "Dossier bekeken"), ("aangemaakt", "Aangemaakt"), ("gewijzigd", "Gewijzigd"), ("gezocht", "Gezocht"), ("export", "Geëxporteerd"), ("ingelogd", "Ingelogd"), ("uitgelogd", "Uitgelogd"), ("inlog_mislukt", "Inlogpoging mislukt")], max_length=20, verbose_name="actie")),
                ("object_type", models.CharField(blank=True, max_length=60, verbose_name="onderdeel")),
                ("resultaat", models.CharField(choices=[("toegestaan", "Toegestaan"), ("geweigerd", "Geweigerd")], max_length=12, verbose_name="resultaat")),
                ("herkomst", models.CharField(choices=[("web", "Browser"), ("api", "API"), ("taak", "Achtergrondtaak"), ("commando", "Beheercommando")], max_length=10, verbose_name="herkomst")),
                ("ip_adres", models.GenericIPAddressField(null=True, verbose_name="IP-adres")),
                ("details", models.JSONField(blank=True, default=dict, verbose_name="details")),
            ],
            options={
                "verbose_name": "auditregel",
                "verbose_name_plural": "audittrail",
                "ordering": ["-tijdstip", "-id"],
                "indexes": [models.Index(fields=["client_id", "-tijdstip"], name="audit_client_tijd_idx")],
            },
        ),
    ]
