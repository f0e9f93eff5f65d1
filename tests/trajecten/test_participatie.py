"""Participatieplekken for Faciliteren: placing, capacity, the group warning, ending."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from clients.trajecten.models import PlekPlaatsing
from clients.trajecten.services import participatieplek_registreer, plek_beeindig, plek_plaats
from tests.factories import client_in_groep

from .factories import plek

pytestmark = pytest.mark.django_db
D = datetime.date


def test_place_until_full(users):
    p = plek(plaatsen=1)
    a = client_in_groep("faciliteren", van=D(2026, 1, 1))
    b = client_in_groep("faciliteren", van=D(2026, 1, 1))
    plek_plaats(actor=users["participatiemakelaar"], client=a, plek=p, start=D(2026, 11, 1))
    with pytest.raises(ValidationError) as exc:
        plek_plaats(actor=users["participatiemakelaar"], client=b, plek=p, start=D(2026, 11, 1))
    assert exc.value.message_dict["plek"] == ["Deze participatieplek is vol."]
    with pytest.raises(ValidationError) as exc:
        plek_plaats(actor=users["participatiemakelaar"], client=a, plek=p, start=D(2026, 11, 2))
    assert exc.value.message_dict["plek"] == ["De klant heeft deze plek al."]


def test_a_place_outside_the_catalogue_for_the_group_needs_a_reason(users):
    p = plek(soort="additionele_arbeid")  # catalogue: Faciliteren only
    klant = client_in_groep("zorgen", van=D(2026, 1, 1))
    with pytest.raises(ValidationError) as exc:
        plek_plaats(actor=users["participatiemakelaar"], client=klant, plek=p, start=D(2026, 11, 1))
    assert "niet bedoeld voor klantgroep Zorgen" in exc.value.message_dict["afwijking_reden"][0]
    pp = plek_plaats(
        actor=users["participatiemakelaar"],
        client=klant,
        plek=p,
        start=D(2026, 11, 1),
        afwijking_reden="Wil graag iets doen in de buurt",
    )
    assert pp.afwijking_reden == "Wil graag iets doen in de buurt"


def test_ending_frees_the_place_and_is_a_dated_fact(users):
    p = plek(plaatsen=1)
    a = client_in_groep("faciliteren", van=D(2026, 1, 1))
    b = client_in_groep("faciliteren", van=D(2026, 1, 1))
    pp = plek_plaats(actor=users["participatiemakelaar"], client=a, plek=p, start=D(2026, 6, 1))
    with pytest.raises(ValidationError) as exc:
        plek_beeindig(actor=users["participatiemakelaar"], plaatsing=pp, einde=D(2026, 5, 1))
    assert "vóór de start" in exc.value.message_dict["einde"][0]
    plek_beeindig(
        actor=users["participatiemakelaar"], plaatsing=pp, einde=D(2026, 11, 20), reden="Verhuisd"
    )
    with pytest.raises(ValidationError):
        plek_beeindig(actor=users["participatiemakelaar"], plaatsing=pp, einde=D(2026, 11, 21))
    pp.refresh_from_db()
    assert (pp.einde, pp.reden_einde) == (D(2026, 11, 20), "Verhuisd")
    plek_plaats(actor=users["participatiemakelaar"], client=b, plek=p, start=D(2026, 11, 23))
    assert PlekPlaatsing.objects.filter(plek=p, einde__isnull=True).get().client == b


def test_a_client_who_left_cannot_be_placed(users):
    p = plek()
    klant = client_in_groep("faciliteren", van=D(2026, 1, 1))
    klant.lidmaatschappen.update(tot=D(2026, 6, 1))
    with pytest.raises(ValidationError):
        plek_plaats(actor=users["participatiemakelaar"], client=klant, plek=p, start=D(2026, 11, 1))


def test_a_new_place_is_validated(users):
    with pytest.raises(ValidationError) as exc:
        participatieplek_registreer(
            actor=users["participatiemakelaar"],
            organisatie="Voedselbank",
            omschrijving="Sorteren",
            soort="vrijwilligerswerk",
            wijk="nergens",
        )
    assert "wijk" in exc.value.message_dict
