"""Multi-column statistics for the werkvoorraad's queries over a user's own rows.

The planner multiplies the frequency of ``medewerker_id`` by that of ``tot IS NULL`` /
``status = 'open'`` as if they were independent. For a user with a long history (at city size
the benchmark's inkomensconsulent holds 150,000 closed contacts and 300,000 done tasks, but
3,221 open contacts and 537 open tasks) it estimated 45,650 open contacts and 17,000 open
tasks, chose hash joins over all 200,000 clients and parallel scans of every open task, and
the werkvoorraad spent 40-140 ms per such statement (EXPLAIN ANALYZE on dw_bench: caseload
per klantgroep 139 -> 15 ms, open tasks page 66 -> 8 ms, task counts 37 -> 4 ms). An MCV list
on the pairs gives the right estimates (3,351 and 435 rows). ``ANALYZE`` fills them.
"""

from django.db import migrations

STATISTIEKEN = (
    ("contactpersoon_mdw_tot_stats", "clients_contactpersoon", "medewerker_id, tot"),
    ("taak_mdw_status_stats", "clients_taak", "medewerker_id, status"),
)


class Migration(migrations.Migration):
    dependencies = [("clients", "0015_bsn_versleuteld")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE STATISTICS IF NOT EXISTS {naam} (mcv) ON {kolommen} FROM {tabel}; "
            f"ANALYZE {tabel}",
            reverse_sql=f"DROP STATISTICS IF EXISTS {naam}",
        )
        for naam, tabel, kolommen in STATISTIEKEN
    ]
