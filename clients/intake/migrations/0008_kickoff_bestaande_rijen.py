"""Existing kick-off invitations keep their data (issue 26): the day they were made is their
invitation day, and where a client had more than one open invitation (one per gesprek was
possible) the older ones lapse with the reason instead of being deleted, so that 0009's
one-open-invitation constraint holds. The settings row is seeded; the beheerder may edit it."""

from django.db import migrations
from django.db.models import Count

from deventer_werk.accounts.beheer import beheerder_mag_configureren


def bestaande_rijen(apps, schema_editor):
    import datetime

    from django.utils import timezone

    Uitnodiging = apps.get_model("intake", "KickoffUitnodiging")
    Instelling = apps.get_model("intake", "KickoffInstelling")
    Instelling.objects.get_or_create(pk=1)
    for u in Uitnodiging.objects.all().only("pk", "uitgenodigd_op"):
        moment = timezone.make_aware(datetime.datetime.combine(u.uitgenodigd_op, datetime.time(8)))
        Uitnodiging.objects.filter(pk=u.pk).update(aangemaakt_op=moment)
    dubbel = (
        Uitnodiging.objects.filter(aanwezigheid="")
        .values("client_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("client_id", flat=True)
    )
    for client_id in list(dubbel):
        open_ = Uitnodiging.objects.filter(client_id=client_id, aanwezigheid="").order_by(
            "-uitgenodigd_op", "-pk"
        )
        Uitnodiging.objects.filter(pk__in=[u.pk for u in open_[1:]]).update(
            vervallen_op=timezone.now(),
            reden_vervallen="Vervangen door een latere uitnodiging (omzetting issue 26)",
        )


def grant(apps, schema_editor):
    beheerder_mag_configureren(apps, "intake", ["kickoffinstelling"])


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0007_kickoff_herhaalbaar_en_instelling"),
    ]

    operations = [
        migrations.RunPython(bestaande_rijen, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
