"""Trajecten, plaatsingen, werkgevers and vacatures, participatieplekken, themabijeenkomsten.

The instrument catalogue, sectors and providers are configuration. Trajecten, plaatsingen,
nazorg checkpoints, loonwaarde assessments and participatieplek placements are dated facts:
the council's "uitstroom naar werk", "slagingspercentage trajecten", "mensen in
werkleerroutes" and "actief via vrijwilligerswerk" are counted from them.
"""

from .catalogus import Aanbieder, Instrument, InstrumentSoort, Sector
from .participatie import Participatieplek, PlekPlaatsing, Themabijeenkomst, ThemaUitnodiging
from .plaatsingen import NazorgMoment, Plaatsing
from .trajecten import LoonwaardeBeoordeling, Traject
from .uitkeringseinde import Uitkeringseinde, UitkeringseindeBesluit
from .werkgevers import Competenties, OntslagMelding, Vacature, Werkgever, Werkprofiel

__all__ = [
    "Aanbieder",
    "Instrument",
    "InstrumentSoort",
    "LoonwaardeBeoordeling",
    "NazorgMoment",
    "OntslagMelding",
    "Participatieplek",
    "Plaatsing",
    "PlekPlaatsing",
    "Sector",
    "Themabijeenkomst",
    "ThemaUitnodiging",
    "Traject",
    "Uitkeringseinde",
    "UitkeringseindeBesluit",
    "Vacature",
    "Werkgever",
    "Werkprofiel",
    "Competenties",
]
