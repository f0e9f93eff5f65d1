"""Dates in one place: today in the Dutch time zone, month arithmetic, aware datetime → date.

Every app uses these; no app writes its own month arithmetic or takes ``.date()`` of an
aware datetime (which would give the UTC date around midnight)."""

import calendar
import datetime

from django.utils import timezone


def today() -> datetime.date:
    """Today in the configured time zone (Europe/Amsterdam), not the server's UTC date."""
    return timezone.localdate()


def lokale_datum(moment: datetime.datetime) -> datetime.date:
    """The local (Europe/Amsterdam) date of an aware datetime."""
    return timezone.localtime(moment).date()


def add_months(date: datetime.date, months: int) -> datetime.date:
    """``date`` plus ``months`` calendar months (negative goes back); the day is clipped to the
    end of a shorter month (31 January + 1 month = 28/29 February)."""
    month = date.month - 1 + months
    year = date.year + month // 12
    month = month % 12 + 1
    return datetime.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def maanden_tussen(begin: datetime.date, eind: datetime.date) -> int:
    """Whole months from ``begin`` to ``eind`` (a month counts once its day is reached)."""
    months = (eind.year - begin.year) * 12 + (eind.month - begin.month)
    if eind.day < begin.day:
        months -= 1
    return months
