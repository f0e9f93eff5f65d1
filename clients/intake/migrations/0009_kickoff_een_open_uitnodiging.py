"""The constraints of the repeatable kick-off invitation (after 0008 made the rows fit):
one open invitation per client, attendance only with a session, a session with its day."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0008_kickoff_bestaande_rijen"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="kickoffuitnodiging",
            index=models.Index(
                condition=models.Q(("sessie__isnull", True), ("vervallen_op__isnull", True)),
                fields=["sessie"],
                name="kickoff_wachtend_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="kickoffuitnodiging",
            constraint=models.UniqueConstraint(
                condition=models.Q(("aanwezigheid", ""), ("vervallen_op__isnull", True)),
                fields=("client",),
                name="kickoff_een_open_uitnodiging",
                violation_error_message="Deze klant heeft al een open uitnodiging voor de kick-off.",
            ),
        ),
        migrations.AddConstraint(
            model_name="kickoffuitnodiging",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("sessie__isnull", False), ("aanwezigheid", ""), _connector="OR"
                ),
                name="kickoff_aanwezigheid_met_sessie",
            ),
        ),
        migrations.AddConstraint(
            model_name="kickoffuitnodiging",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("sessie__isnull", True), ("uitgenodigd_op__isnull", False), _connector="OR"
                ),
                name="kickoff_sessie_met_datum",
            ),
        ),
        migrations.AddConstraint(
            model_name="kickoffinstelling",
            constraint=models.CheckConstraint(
                condition=models.Q(("pk", 1)), name="kickoff_instelling_een_rij"
            ),
        ),
    ]
