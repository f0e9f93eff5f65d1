"""Beleid §3.2: in Groeien and Zorgen rechtmatigheid is tested in the voortgangsgesprek. A
gesprek without the test needs the reason and plans a separate rechtmatigheidsonderzoek
(issue 28)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from clients.begeleiding.models import Voortgangsgesprek
from clients.begeleiding.services import voortgangsgesprek_leg_vast
from clients.begeleiding.werkvoorraad import open_taken
from clients.constants import TaakSoort
from clients.models import Taak
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        yield


def _gesprek(**extra) -> dict:
    return {
        "datum": "2026-11-20",
        "plek": "thuis",
        "welzijn": "3",
        "stress": "3",
        "juiste_groep": "ja",
        "rechtmatigheid_bevinding": "niet",
        **extra,
    }


def test_gesprek_without_rechtmatigheid_is_refused_without_a_reason(client_as, users):
    klant = client_in_groep("zorgen", van=D(2025, 1, 5), io=users["inkomensconsulent"])
    url = reverse("begeleiding:voortgangsgesprek", args=[klant.pk])
    response = client_as("inkomensconsulent").post(url, _gesprek())
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "In Zorgen hoort de toets op rechtmatigheid bij het voortgangsgesprek" in html
    assert "Geef de reden waarom die niet is getoetst" in html
    assert not Voortgangsgesprek.objects.exists()
    assert not Taak.objects.filter(client=klant, soort=TaakSoort.RECHTMATIGHEID).exists()


def test_gesprek_without_rechtmatigheid_plans_a_separate_review(client_as, users):
    klant = client_in_groep("groeien", van=D(2025, 1, 5), io=users["inkomensconsulent"])
    url = reverse("begeleiding:voortgangsgesprek", args=[klant.pk])
    reden = "Klant was ziek; alleen kort telefonisch gesproken."
    response = client_as("inkomensconsulent").post(
        url, _gesprek(plek="telefonisch", rechtmatigheid_niet_reden=reden)
    )
    assert response.status_code == 302
    gesprek = Voortgangsgesprek.objects.get(client=klant)
    assert gesprek.rechtmatigheid_niet_reden == reden
    review = Taak.objects.get(client=klant, soort=TaakSoort.RECHTMATIGHEID, status="open")
    assert review.rol == "handhaver" and review.organisatie == "IO"
    assert review.datum == D(2026, 11, 24) + datetime.timedelta(days=28)  # from today
    assert "20-11-2026" in review.omschrijving
    # on the handhaver's werkvoorraad (team queue), never on the werkcoach's
    assert open_taken(user=users["handhaver"]).filter(pk=review.pk).exists()
    assert not open_taken(user=users["werkcoach"]).filter(pk=review.pk).exists()


def test_tested_gesprek_or_a_group_with_a_separate_review_plans_nothing_extra(users):
    ic = users["inkomensconsulent"]
    zorgen = client_in_groep("zorgen", van=D(2025, 1, 5), io=ic)
    voortgangsgesprek_leg_vast(
        actor=ic,
        client=zorgen,
        datum=D(2026, 11, 20),
        plek="kantoor",
        welzijn=4,
        stress=2,
        juiste_groep=True,
        rechtmatigheid_getoetst=True,
        rechtmatigheid_bevinding="geen",
    )
    # Faciliteren has its own two-yearly review: no reason asked, nothing planned here
    faciliteren = client_in_groep("faciliteren", van=D(2025, 1, 5), io=ic)
    voortgangsgesprek_leg_vast(
        actor=ic,
        client=faciliteren,
        datum=D(2026, 11, 20),
        plek="kantoor",
        welzijn=4,
        stress=2,
        juiste_groep=True,
    )
    assert not Taak.objects.filter(soort=TaakSoort.RECHTMATIGHEID).exists()


def test_the_service_refuses_for_every_surface(users):
    klant = client_in_groep("groeien", van=D(2025, 1, 5))
    with pytest.raises(ValidationError) as exc:
        voortgangsgesprek_leg_vast(
            actor=users["inkomensconsulent"],
            client=klant,
            datum=D(2026, 11, 20),
            plek="kantoor",
            welzijn=3,
            stress=3,
            juiste_groep=True,
            rechtmatigheid_niet_reden="   ",
        )
    assert list(exc.value.message_dict) == ["rechtmatigheid_niet_reden"]
