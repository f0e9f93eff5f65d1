"""Index on the bestand of the ambitiegesprek (active clients in intake or ingedeeld, issue
33): its count and oldest-first page on the intaker's start page read this index only. City
size (EXPLAIN ANALYZE, dw_bench): count 73 -> 28 ms, first page 97 -> 0.7 ms."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0017_client_fase_open_idx"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="client",
            index=models.Index(
                condition=models.Q(("fase__in", ["ingedeeld", "intake"])),
                fields=["aangemaakt_op", "id"],
                name="client_bestand_idx",
            ),
        ),
    ]
