"""Issue 32: the BSN encrypted at rest, with a keyed hash for exact lookups.

Existing rows are encrypted in batches before the plain column is dropped; backwards the BSNs
are decrypted into the restored column, so the migration loses nothing either way. Dropping a
column leaves the old values in the table's pages until they are rewritten: after migrating a
database that held real BSNs, run ``VACUUM FULL clients_client`` (see README).
"""

from django.db import migrations, models
from django.db.models import Q

from clients.versleuteling import bsn_hash, bsn_ontsleutel, bsn_versleutel

BATCH = 2000


def _in_batches(Client, velden, zet):
    batch = []
    for client in Client.objects.order_by().iterator(chunk_size=BATCH):
        zet(client)
        batch.append(client)
        if len(batch) == BATCH:
            Client.objects.bulk_update(batch, velden)
            batch = []
    if batch:
        Client.objects.bulk_update(batch, velden)


def versleutel(apps, schema_editor):
    def zet(client):
        client.bsn_versleuteld = bsn_versleutel(client.bsn)
        client.bsn_hash = bsn_hash(client.bsn)

    _in_batches(apps.get_model("clients", "Client"), ["bsn_versleuteld", "bsn_hash"], zet)


def ontsleutel(apps, schema_editor):
    def zet(client):
        client.bsn = bsn_ontsleutel(client.bsn_versleuteld)

    _in_batches(apps.get_model("clients", "Client"), ["bsn"], zet)


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0014_signaal_directe_hulp"),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="bsn_versleuteld",
            field=models.TextField(default="", editable=False, verbose_name="BSN (versleuteld)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="client",
            name="bsn_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="BSN (sleutelhash)"
            ),
            preserve_default=False,
        ),
        # Nullable for the way back: the restored column is filled by ``ontsleutel``.
        migrations.AlterField(
            model_name="client",
            name="bsn",
            field=models.CharField(max_length=9, null=True, verbose_name="BSN"),
        ),
        migrations.RunPython(versleutel, ontsleutel, elidable=False),
        migrations.RemoveConstraint(model_name="client", name="client_bsn_uniek_actief"),
        migrations.RemoveIndex(model_name="client", name="client_bsn_idx"),
        migrations.RemoveField(model_name="client", name="bsn"),
        migrations.AddIndex(
            model_name="client",
            index=models.Index(fields=["bsn_hash"], name="client_bsn_hash_idx"),
        ),
        migrations.AddConstraint(
            model_name="client",
            constraint=models.UniqueConstraint(
                condition=Q(("fase", "afgesloten"), _negated=True),
                fields=("bsn_hash",),
                name="client_bsn_uniek_actief",
                violation_error_message="Er is al een actieve klant met dit BSN.",
            ),
        ),
    ]
