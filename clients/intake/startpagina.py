"""The trainer's section of the start page: today's and coming kick-offs with invited,
confirmed and capacity (one click to the attendance list), and the groups whose clients wait
for a session (the trainers' task: plan one). A fixed number of queries."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils import timezone

from .models import KickoffSessie, KickoffUitnodiging
from .selectors import kickoff_wachtend_per_groep

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User

EERSTE = 20


def trainer_sectie(*, user: User) -> dict:
    """Sessions the trainer runs from the start of today (so that today's session is one
    click from its attendance list), and the waiting clients per group: 3 queries."""
    begin = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
    bezet = Q(uitnodigingen__vervallen_op__isnull=True) & ~Q(
        uitnodigingen__aanwezigheid=KickoffUitnodiging.Aanwezigheid.AFGEMELD
    )
    sessies = list(
        KickoffSessie.objects.filter(trainer=user, datum__gte=begin)
        .select_related("klantgroep")
        .annotate(
            uitgenodigd=Count("uitnodigingen", filter=bezet),
            bevestigd=Count(
                "uitnodigingen", filter=bezet & Q(uitnodigingen__bevestigd_op__isnull=False)
            ),
        )
        .order_by("datum", "pk")[:EERSTE]
    )
    te_plannen = [(g, n, sinds) for g, n, sinds in kickoff_wachtend_per_groep() if n]
    return {"sessies": sessies, "te_plannen": te_plannen}
