"""Indicators computed from history tables as of a peildatum (never from 'current' fields)."""

import datetime

from django.db.models import Count

from klantgroepen.models import Groepslidmaatschap, Klantgroep


def clienten_per_klantgroep(*, peildatum: datetime.date) -> list[dict]:
    """Number of clients per klantgroep on ``peildatum``, in policy order, zeros included."""
    counts = dict(
        Groepslidmaatschap.objects.op_datum(peildatum)
        .values_list("klantgroep_id")
        .annotate(n=Count("client_id", distinct=True))
        .values_list("klantgroep_id", "n")
    )
    return [{"klantgroep": kg, "aantal": counts.get(kg.pk, 0)} for kg in Klantgroep.objects.all()]
