"""Writes of the trajecten app (one module per part; import from here)."""

from .participatie import participatieplek_registreer, plek_beeindig, plek_plaats
from .plaatsingen import (
    NAZORG_MAANDEN,
    VERDRINGING_MAANDEN,
    nazorg_registreer,
    plaatsing_registreer,
    verdringingscheck,
)
from .themas import thema_aanwezigheid_registreer, thema_nodig_uit, themabijeenkomst_plan
from .trajecten import loonwaarde_herbeoordeel, traject_beeindig, traject_start
from .uitkeringseinde import uitkeringseinde_besluit, uitkeringseinde_voer_uit
from .werkgevers import (
    ontslag_registreer,
    vacature_registreer,
    vacature_sluit,
    werkgever_registreer,
    werkgever_wijzig,
    werkprofiel_wijzig,
)

__all__ = [
    "NAZORG_MAANDEN",
    "VERDRINGING_MAANDEN",
    "loonwaarde_herbeoordeel",
    "nazorg_registreer",
    "ontslag_registreer",
    "participatieplek_registreer",
    "plaatsing_registreer",
    "plek_beeindig",
    "plek_plaats",
    "thema_aanwezigheid_registreer",
    "thema_nodig_uit",
    "themabijeenkomst_plan",
    "traject_beeindig",
    "traject_start",
    "uitkeringseinde_besluit",
    "uitkeringseinde_voer_uit",
    "vacature_registreer",
    "vacature_sluit",
    "verdringingscheck",
    "werkgever_registreer",
    "werkgever_wijzig",
    "werkprofiel_wijzig",
]
