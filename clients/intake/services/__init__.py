"""Intake services: every rule of melding → screening → ambitiegesprek → kick-off lives here.

One module per step; everything is importable from ``clients.intake.services`` (the API, the
Celery task ``planning.kickoff_nodig_uit`` and the views use this path).
"""

from ..constants import KICKOFF_NA_DAGEN
from ._common import (
    KICKOFF_BRON,
    LADDER_BRON_AMBITIE,
    LADDER_BRON_BIJGEWERKT,
)
from .ambitie import ambitie_kenmerken, ambitiegesprek_leg_vast, ladder_meet
from .kickoff import (
    kickoff_aanwezigheid,
    kickoff_bevestig,
    kickoff_nodig_uit,
    kickoff_sessie_plan,
)
from .screening import aanvraag_besluit, aanvraag_registreer, screening_leg_vast
from .uitnodiging import (
    kickoff_na_ambitiegesprek,
    kickoff_open_uitnodiging,
    kickoff_plaats_wachtenden,
    kickoff_uitnodig,
    uitnodiging_omschrijving,
)

__all__ = [
    "KICKOFF_BRON",
    "KICKOFF_NA_DAGEN",
    "LADDER_BRON_AMBITIE",
    "LADDER_BRON_BIJGEWERKT",
    "aanvraag_besluit",
    "aanvraag_registreer",
    "ambitie_kenmerken",
    "ambitiegesprek_leg_vast",
    "kickoff_aanwezigheid",
    "kickoff_bevestig",
    "kickoff_nodig_uit",
    "kickoff_sessie_plan",
    "kickoff_na_ambitiegesprek",
    "kickoff_open_uitnodiging",
    "kickoff_plaats_wachtenden",
    "kickoff_uitnodig",
    "ladder_meet",
    "screening_leg_vast",
    "uitnodiging_omschrijving",
]
