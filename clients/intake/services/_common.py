"""Shared pieces of the intake services."""

import datetime

from django.core.exceptions import ValidationError

from clients.models import Client, Uitkeringsperiode
from deventer_werk.dates import today

LADDER_BRON_AMBITIE = "ambitiegesprek"
LADDER_BRON_BIJGEWERKT = "bijgewerkt"
KICKOFF_BRON = "kick-off"


def _open_periode(client: Client) -> Uitkeringsperiode:
    periode = client.perioden.filter(einddatum__isnull=True).order_by("-melddatum").first()
    if periode is None:
        raise ValidationError("Deze klant heeft geen lopende melding of uitkering.")
    return periode


def _niet_in_toekomst(errors: dict, veld: str, datum: datetime.date | None, wat: str) -> None:
    if datum and datum > today():
        errors.setdefault(veld, []).append(f"{wat} kan niet in de toekomst liggen.")
