"""The werkvoorraad: planning and completing tasks (services) and reading them (selectors)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from .constants import TaakStatus
from .models import Client, Taak


def taak_plan(
    *,
    client: Client,
    soort: str,
    omschrijving: str,
    datum: datetime.date,
    medewerker=None,
    rol: str = "",
    tijd: datetime.time | None = None,
    sleutel: str | None = None,
) -> tuple[Taak, bool]:
    """Put a task on a werkvoorraad. With a ``sleutel`` it is idempotent: returns the
    existing task and ``False`` when one with that key exists (guarded by a unique constraint,
    so two concurrent planners cannot both insert)."""
    if medewerker is None and not rol:
        raise ValidationError("Een taak is van een medewerker of van een rol.")
    values = {
        "client": client,
        "soort": soort,
        "omschrijving": omschrijving[:255],
        "datum": datum,
        "medewerker": medewerker,
        "rol": rol,
        "tijd": tijd,
    }
    if sleutel is None:
        return Taak.objects.create(**values), True
    try:
        with transaction.atomic():
            return Taak.objects.create(sleutel=sleutel, **values), True
    except IntegrityError:
        return Taak.objects.get(sleutel=sleutel), False


@transaction.atomic
def taak_rond_af(*, taak: Taak, status: str = TaakStatus.AFGEROND) -> Taak:
    locked = Taak.objects.select_for_update().get(pk=taak.pk)
    if locked.status != TaakStatus.OPEN:
        return locked
    locked.status = status
    locked.afgerond_op = timezone.now()
    locked.save(update_fields=["status", "afgerond_op"])
    return locked


def taak_rond_af_voor(*, client: Client, soort: str) -> int:
    """Complete the open tasks of a kind for a client (e.g. when the gesprek is held)."""
    return Taak.objects.filter(client=client, soort=soort, status=TaakStatus.OPEN).update(
        status=TaakStatus.AFGEROND, afgerond_op=timezone.now()
    )


def taak_list_werkvoorraad(*, user, tot: datetime.date) -> QuerySet[Taak]:
    """Open tasks of ``user`` (personally or for one of their roles) up to ``tot``."""
    return (
        Taak.objects.filter(status=TaakStatus.OPEN, datum__lte=tot)
        .filter(Q(medewerker=user) | Q(medewerker__isnull=True, rol__in=user.rollen))
        .select_related("client", "medewerker")
        .order_by("datum", "tijd")
    )
