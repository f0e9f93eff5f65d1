"""Pages of the trajecten app (one module per part; urls import from here)."""

from .participatie import plek_beeindig, plek_nieuw, plekken
from .plaatsingen import plaatsing, plaatsing_nieuw
from .themas import themabijeenkomst, themabijeenkomsten
from .trajecten import (
    dashboard,
    loonwaarde,
    traject_einde,
    traject_lijst,
    traject_nieuw,
)
from .uitkeringseinde import uitkeringseinde
from .werkgevers import vacature, vacatures, werkgever, werkgevers, werkprofiel

__all__ = [
    "dashboard",
    "loonwaarde",
    "plaatsing",
    "plaatsing_nieuw",
    "plek_beeindig",
    "plek_nieuw",
    "plekken",
    "themabijeenkomst",
    "themabijeenkomsten",
    "traject_einde",
    "traject_lijst",
    "traject_nieuw",
    "uitkeringseinde",
    "vacature",
    "vacatures",
    "werkgever",
    "werkgevers",
    "werkprofiel",
]
