"""Synthetic employers, vacancies, profiles and places for the trajecten tests."""

import datetime

from clients.trajecten.models import (
    Aanbieder,
    Instrument,
    OntslagMelding,
    Participatieplek,
    Sector,
    Vacature,
    Werkgever,
    Werkprofiel,
)


def sector(naam="Logistiek"):
    return Sector.objects.get(naam=naam)


def aanbieder(naam="KonnecteD"):
    return Aanbieder.objects.get(naam=naam)


def werkgever(naam="Bol Logistiek Deventer", sector_naam="Logistiek"):
    return Werkgever.objects.create(naam=naam, sector=sector(sector_naam), omvang="groot")


def instrument(naam):
    return Instrument.objects.get(naam=naam)


def vacature(wg=None, competenties="orderpicken, heftruck, betrouwbaar", uren=32):
    wg = wg or werkgever()
    return Vacature.objects.create(
        werkgever=wg,
        functie="Orderpicker",
        sector=wg.sector,
        uren=uren,
        competenties=competenties,
        geplaatst_op=datetime.date(2026, 11, 1),
    )


def profiel(client, sectoren=("Logistiek",), competenties="orderpicken, betrouwbaar", uren=36):
    p = Werkprofiel.objects.create(client=client, competenties=competenties, uren_beschikbaar=uren)
    p.sectoren.set([sector(s) for s in sectoren])
    return p


def ontslag(wg, datum=datetime.date(2026, 9, 1)):
    return OntslagMelding.objects.create(werkgever=wg, datum=datum, aantal=4, functie="Magazijn")


def plek(soort="vrijwilligerswerk", wijk="de_hoven", plaatsen=1, organisatie="Buurthuis De Hoven"):
    return Participatieplek.objects.create(
        organisatie=organisatie, omschrijving="Gastvrouw", soort=soort, wijk=wijk, plaatsen=plaatsen
    )
