"""What the client agreed to share with DWT for the plan (DESIGN.md §1: health, debts,
welzijn/stress and leefsituatie only "what the client agreed to share for the plan (a flag
per item)"; issue 31): recorded per item in the voortgangsgesprek and per leefgebied in the
ambitiegesprek, and read the same way on the dossier, the tijdlijn, the voorbereiding and the
API. Income, minimaregelingen and the verslag are never shared."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from clients.begeleiding.models import Voortgangsgesprek
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db
D = datetime.date

LEEFSITUATIE = "Woont sinds kort bij haar zus in Colmschate."
INKOMEN = "Achterstand bij de energieleverancier van 340 euro."
VERSLAG = "Wil in de zorg werken."


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def klant(users):
    return client_in_groep(
        "matchen", van=D(2026, 1, 5), io=users["inkomensconsulent"], dwt=users["werkcoach"]
    )


def _leg_vast(client_as, klant, gedeeld: list[str]) -> Voortgangsgesprek:
    response = client_as("inkomensconsulent").post(
        reverse("begeleiding:voortgangsgesprek", args=[klant.pk]),
        {
            "datum": "2026-11-20",
            "plek": "thuis",
            "welzijn": "2",
            "stress": "4",
            "leefsituatie": LEEFSITUATIE,
            "inkomenssituatie": INKOMEN,
            "schuldsignaal": "on",
            "gedeeld_met_dwt": gedeeld,
            "juiste_groep": "ja",
            "rechtmatigheid_getoetst": "on",
            "rechtmatigheid_bevinding": "geen",
            "verslag": VERSLAG,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return Voortgangsgesprek.objects.get(client=klant)


def _paginas(http, klant) -> dict[str, str]:
    return {
        naam: http.get(reverse(naam, args=[klant.pk])).content.decode()
        for naam in ("clients:dossier", "clients:tijdlijn", "begeleiding:voorbereiding")
    }


def test_the_werkcoach_reads_what_was_shared_and_nothing_else(client_as, klant):
    gesprek = _leg_vast(client_as, klant, ["leefsituatie", "welzijn"])
    assert gesprek.gedeeld_met_dwt == ["welzijn", "leefsituatie"]
    for naam, html in _paginas(client_as("werkcoach"), klant).items():
        assert LEEFSITUATIE in html and "2 van 5 (1 = slecht, 5 = goed)" in html, naam
        assert "Welzijn en stress, leefsituatie" in html, naam  # what was shared, in words
        for tekst in (INKOMEN, VERSLAG, "Signalen van schulden"):
            assert tekst not in html, (naam, tekst)
    # the inkomensconsulent reads everything, the debt signal included
    for naam, html in _paginas(client_as("inkomensconsulent"), klant).items():
        for tekst in (LEEFSITUATIE, INKOMEN, VERSLAG, "Signalen van schulden"):
            assert tekst in html, (naam, tekst)


def test_nothing_shared_the_werkcoach_sees_only_that_it_took_place(client_as, klant):
    _leg_vast(client_as, klant, [])
    for naam, html in _paginas(client_as("werkcoach"), klant).items():
        for tekst in (LEEFSITUATIE, INKOMEN, VERSLAG, "Hoe gaat het"):
            assert tekst not in html, (naam, tekst)
    dossier = client_as("werkcoach").get(reverse("clients:dossier", args=[klant.pk]))
    assert "20-11-2026" in dossier.content.decode()


def test_the_api_nulls_what_was_not_shared(client_as, users, klant):
    _leg_vast(client_as, klant, ["schulden"])
    url = f"/api/v1/clients/{klant.pk}/voortgangsgesprekken/"
    for rol, verwacht in (
        ("werkcoach", {"schuldsignaal": True, "welzijn": None, "leefsituatie": None}),
        ("inkomensconsulent", {"schuldsignaal": True, "welzijn": 2, "leefsituatie": LEEFSITUATIE}),
    ):
        http = APIClient()
        http.force_authenticate(users[rol])
        response = http.get(url)
        assert response.status_code == 200, response.content
        rij = response.json()[0]
        assert {k: rij[k] for k in verwacht} == verwacht, rol
        assert rij["gedeeld_met_dwt"] == ["schulden"]
        assert (rij["inkomenssituatie"] is None) is (rol == "werkcoach"), rol


def test_the_api_records_what_is_shared_and_refuses_an_unknown_item(users, klant):
    http = APIClient()
    http.force_authenticate(users["inkomensconsulent"])
    url = f"/api/v1/clients/{klant.pk}/voortgangsgesprekken/"
    gesprek = {"datum": "2026-11-20", "plek": "thuis", "welzijn": 3, "stress": 2}
    gesprek |= {"juiste_groep": True, "rechtmatigheid_getoetst": True}
    gesprek |= {"rechtmatigheid_bevinding": "geen"}
    fout = http.post(url, {**gesprek, "gedeeld_met_dwt": ["inkomen"]}, format="json")
    assert fout.status_code == 400 and "gedeeld_met_dwt" in fout.json()
    goed = http.post(url, {**gesprek, "gedeeld_met_dwt": ["welzijn"]}, format="json")
    assert goed.status_code == 201, goed.content
    assert Voortgangsgesprek.objects.get(client=klant).gedeeld_met_dwt == ["welzijn"]
