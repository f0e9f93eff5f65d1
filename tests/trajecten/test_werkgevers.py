"""Werkgevers, vacatures, werkprofiel and matching on competences rather than diplomas."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from clients.services import ConcurrentEditError
from clients.trajecten.models import Werkprofiel
from clients.trajecten.selectors import kandidaten_voor
from clients.trajecten.services import (
    ontslag_registreer,
    vacature_registreer,
    vacature_sluit,
    werkgever_registreer,
    werkgever_wijzig,
    werkprofiel_wijzig,
)
from tests.factories import client_in_groep

from .factories import profiel, sector, vacature, werkgever

pytestmark = pytest.mark.django_db
D = datetime.date


def test_matching_ranks_on_sector_competences_and_hours(users):
    v = vacature()
    goed = client_in_groep("matchen", van=D(2026, 1, 1), achternaam="Goedpassend")
    profiel(goed, competenties="Orderpicken, heftruck, betrouwbaar", uren=32)
    matig = client_in_groep("groeien", van=D(2026, 1, 1), achternaam="Matig")
    profiel(matig, competenties="betrouwbaar", uren=16)
    anders = client_in_groep("matchen", van=D(2026, 1, 1), achternaam="Zorgsector")
    profiel(anders, sectoren=("Zorg",), competenties="heftruck", uren=32)  # 2 + 1
    niets = client_in_groep("matchen", van=D(2026, 1, 1), achternaam="Niets")
    profiel(niets, sectoren=("Zorg",), competenties="verzorgen", uren=40)
    zorgen = client_in_groep("zorgen", van=D(2026, 1, 1), achternaam="Zorgen")
    profiel(zorgen, competenties="orderpicken, heftruck, betrouwbaar")
    kandidaten = kandidaten_voor(vacature=v, user=users["inkomensconsulent"])
    assert [k["naam"].split()[-1] for k in kandidaten] == ["Goedpassend", "Matig", "Zorgsector"]
    assert kandidaten[0]["overlap"] == ["betrouwbaar", "heftruck", "orderpicken"]


def test_matching_respects_need_to_know_and_leavers(users):
    v = vacature()
    weg = client_in_groep("matchen", van=D(2026, 1, 1), achternaam="Vertrokken")
    profiel(weg, competenties="orderpicken")
    weg.fase = "afgesloten"
    weg.save()
    fac = client_in_groep("faciliteren", van=D(2026, 1, 1), achternaam="Faciliteren")
    profiel(fac, competenties="orderpicken")
    assert kandidaten_voor(vacature=v, user=users["werkcoach"]) == []
    assert kandidaten_voor(vacature=v, user=users["trainer"]) == []


def test_werkprofiel_is_versioned(users):
    klant = client_in_groep("matchen", van=D(2026, 1, 1))
    p = werkprofiel_wijzig(
        actor=users["werkcoach"],
        client=klant,
        versie=0,
        sectoren=[sector("Bouw")],
        competenties=" metselen ,, rijbewijs B ",
        uren_beschikbaar=36,
    )
    assert (p.competenties, p.versie) == ("metselen, rijbewijs B", 1)
    assert list(p.sectoren.values_list("naam", flat=True)) == ["Bouw"]
    with pytest.raises(ConcurrentEditError):
        werkprofiel_wijzig(
            actor=users["werkcoach"],
            client=klant,
            versie=0,
            sectoren=[],
            competenties="",
            uren_beschikbaar=10,
        )
    assert Werkprofiel.objects.get(client=klant).uren_beschikbaar == 36


def test_employer_register_refuses_a_duplicate_and_a_stale_edit(users):
    wg = werkgever_registreer(
        actor=users["werkcoach"], naam="Bouwbedrijf IJssel", sector=sector("Bouw"), omvang="midden"
    )
    assert wg.accountmanager == users["werkcoach"]
    with pytest.raises(ValidationError) as exc:
        werkgever_registreer(
            actor=users["werkcoach"],
            naam="bouwbedrijf ijssel ",
            sector=sector("Bouw"),
            omvang="klein",
        )
    assert "naam" in exc.value.message_dict
    werkgever_wijzig(actor=users["werkcoach"], werkgever=wg, versie=1, contactpersoon="J. Jansen")
    with pytest.raises(ConcurrentEditError):
        werkgever_wijzig(actor=users["werkcoach"], werkgever=wg, versie=1, contactpersoon="X")
    wg.refresh_from_db()
    assert (wg.contactpersoon, wg.versie) == ("J. Jansen", 2)


def test_vacancy_and_dismissal_input(users):
    wg = werkgever()
    with pytest.raises(ValidationError) as exc:
        vacature_registreer(
            actor=users["werkcoach"],
            werkgever=wg,
            functie="Chauffeur",
            sector=wg.sector,
            uren=40,
            competenties=" , ",
            geplaatst_op=D(2026, 11, 30),
        )
    assert set(exc.value.message_dict) == {"competenties", "geplaatst_op"}
    v = vacature_registreer(
        actor=users["werkcoach"],
        werkgever=wg,
        functie="Chauffeur",
        sector=wg.sector,
        uren=40,
        competenties="rijbewijs C,  klantgericht",
        geplaatst_op=D(2026, 11, 20),
    )
    assert v.competentielijst() == {"rijbewijs c", "klantgericht"}
    vacature_sluit(actor=users["werkcoach"], vacature=v, datum=D(2026, 11, 24))
    with pytest.raises(ValidationError):
        vacature_sluit(actor=users["werkcoach"], vacature=v, datum=D(2026, 11, 24))
    with pytest.raises(ValidationError) as exc:
        ontslag_registreer(actor=users["werkcoach"], werkgever=wg, datum=D(2026, 12, 1), aantal=0)
    assert set(exc.value.message_dict) == {"datum", "aantal"}
