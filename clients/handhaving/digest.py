"""Weekly digest e-mail per professional: counts and a link, no client data in the mail."""

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Count, Q

from clients.constants import TaakStatus
from clients.models import Taak
from deventer_werk.accounts.models import User


def weekoverzicht_verstuur(*, peildatum: datetime.date) -> int:
    week = peildatum + datetime.timedelta(days=7)
    rows = (
        Taak.objects.filter(status=TaakStatus.OPEN, medewerker__isnull=False, datum__lte=week)
        .values("medewerker_id")
        .annotate(
            te_laat=Count("id", filter=Q(datum__lt=peildatum)),
            deze_week=Count("id", filter=Q(datum__gte=peildatum)),
        )
    )
    per_user = {r["medewerker_id"]: r for r in rows}
    berichten = []
    for user in User.objects.filter(pk__in=per_user, is_active=True).exclude(email=""):
        r = per_user[user.pk]
        berichten.append(
            (
                "Deventer Werk: uw werkvoorraad deze week",
                f"Beste {user.first_name or user.username},\n\n"
                f"Op uw werkvoorraad staan {r['deze_week']} taken voor de komende 7 dagen en "
                f"{r['te_laat']} taken die te laat zijn.\n\nBekijk ze in Deventer Werk onder "
                "'Werkvoorraad'. (Om privacyredenen staan er geen klantgegevens in deze e-mail.)\n",
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
        )
    send_mass_mail(berichten, fail_silently=False)
    return len(berichten)
