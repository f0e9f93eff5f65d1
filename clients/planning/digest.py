"""Weekly digest e-mail per professional: counts and a link, no client data in the mail."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from clients.constants import TaakStatus
from clients.models import Taak
from deventer_werk.accounts.models import User

from .models import Uitvoering, Weekoverzicht
from .uitvoering import uitvoering_rond_af

ONDERWERP = "Deventer Werk: uw werkvoorraad deze week"


def _tekst(overzicht: Weekoverzicht) -> str:
    user = overzicht.medewerker
    return (
        f"Beste {user.first_name or user.username},\n\n"
        f"Op uw werkvoorraad staan {overzicht.taken_deze_week} taken voor de komende 7 dagen "
        f"en {overzicht.taken_te_laat} taken die te laat zijn.\n\nBekijk ze in Deventer Werk "
        "onder 'Werkvoorraad'. (Om privacyredenen staan er geen klantgegevens in deze e-mail.)\n"
    )


def weekoverzicht_maak(*, peildatum: datetime.date) -> datetime.date:
    """Freeze this week's digests: one row per active professional with an e-mail address
    and open tasks up to a week ahead. Unique per person and week, so running it again (or
    on two workers) adds nothing and keeps the first counts. Returns the week's Monday."""
    week = peildatum - datetime.timedelta(days=peildatum.weekday())
    tot = peildatum + datetime.timedelta(days=7)
    rows = (
        Taak.objects.filter(status=TaakStatus.OPEN, medewerker__isnull=False, datum__lte=tot)
        .values("medewerker_id")
        .annotate(
            te_laat=Count("id", filter=Q(datum__lt=peildatum)),
            deze_week=Count("id", filter=Q(datum__gte=peildatum)),
        )
    )
    per_user = {r["medewerker_id"]: r for r in rows}
    ontvangers = User.objects.filter(pk__in=per_user, is_active=True).exclude(email="")
    Weekoverzicht.objects.bulk_create(
        [
            Weekoverzicht(
                medewerker_id=pk,
                week=week,
                taken_deze_week=per_user[pk]["deze_week"],
                taken_te_laat=per_user[pk]["te_laat"],
            )
            for pk in ontvangers.values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
    )
    return week


def weekoverzicht_verstuur(*, peildatum: datetime.date) -> int:
    """Make this week's digests and mail those not sent yet; returns how many were sent.

    Each mail is sent while its row is locked and marked sent in the same transaction: a
    second worker skips locked rows, a redelivered task skips sent ones. A worker killed
    after the mail server accepted a mail but before the commit sends that one mail again
    when the task is redelivered (e-mail can be at least once, not exactly once)."""
    week = weekoverzicht_maak(peildatum=peildatum)
    verzonden = 0
    wachtend = Weekoverzicht.objects.filter(week=week, verzonden_op__isnull=True)
    for pk in list(wachtend.values_list("pk", flat=True)):
        with transaction.atomic():
            overzicht = (
                wachtend.select_for_update(skip_locked=True, of=("self",))
                .select_related("medewerker")
                .filter(pk=pk)
                .first()
            )
            if overzicht is None:
                continue  # sent meanwhile, or being sent by another worker
            send_mail(
                ONDERWERP,
                _tekst(overzicht),
                settings.DEFAULT_FROM_EMAIL,
                [overzicht.medewerker.email],
                fail_silently=False,
            )
            overzicht.verzonden_op = timezone.now()
            overzicht.save(update_fields=["verzonden_op"])
            verzonden += 1
    with transaction.atomic():
        if not wachtend.exists():
            uitvoering_rond_af(
                soort=Uitvoering.Soort.WEEKOVERZICHT,
                peildatum=peildatum,
                resultaat={"week": week.isoformat(), "verzonden": verzonden},
            )
    return verzonden
