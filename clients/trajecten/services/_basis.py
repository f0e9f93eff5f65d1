"""Small helpers shared by the trajecten services."""

import datetime

from django.core.exceptions import ValidationError

from clients.groepen.models import Groepslidmaatschap
from clients.models import Client
from deventer_werk.dates import add_months, today
from klantgroepen.models import Klantgroep

Fouten = dict[str, list[str]]

# How far ahead a start date may lie: a typing error in the year is caught, planning is not.
MAX_VOORUIT = datetime.timedelta(days=366)


def huidige_groep(client: Client) -> Klantgroep:
    """The client's current klantgroep; a client who is not (or no longer) ingedeeld has none."""
    lid = Groepslidmaatschap.objects.huidig(client)
    if lid is None:
        raise ValidationError(
            "Deze klant is niet (meer) ingedeeld in een klantgroep; er kan niets worden gestart."
        )
    return lid.klantgroep


def te_ver_vooruit(datum: datetime.date) -> bool:
    return datum > today() + MAX_VOORUIT


def fout(errors: Fouten, veld: str, tekst: str) -> None:
    errors.setdefault(veld, []).append(tekst)


__all__ = ["Fouten", "add_months", "fout", "huidige_groep", "te_ver_vooruit"]
