"""What was written in a voortgangsgesprek can be read back (issue 29): on the dossier (the
latest open, earlier ones folded) and on the timeline, by the next consultant; within
need-to-know per field (DWT sees that it took place, not what was said; rechtmatigheid only
for the inkomensconsulent and the handhaver)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from clients import registry
from clients.begeleiding.models import Minimaregeling, Voortgangsgesprek
from tests.factories import UserFactory, client_in_groep

pytestmark = pytest.mark.django_db
D = datetime.date

VERSLAG = "Klant wil graag in de zorg werken; volgende keer cv meenemen."
INKOMEN = "Achterstand bij de energieleverancier van 340 euro."


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def klant(users):
    return client_in_groep(
        "matchen", van=D(2026, 1, 5), io=users["inkomensconsulent"], dwt=users["werkcoach"]
    )


def _leg_vast(client_as, klant) -> Voortgangsgesprek:
    regeling = Minimaregeling.objects.create(naam="Meedoenregeling")
    url = reverse("begeleiding:voortgangsgesprek", args=[klant.pk])
    response = client_as("inkomensconsulent").post(
        url,
        {
            "datum": "2026-11-20",
            "plek": "thuis",
            "welzijn": "2",
            "stress": "4",
            "leefsituatie": "Woont alleen, dochter komt wekelijks.",
            "inkomenssituatie": INKOMEN,
            "minimaregelingen_geadviseerd": [regeling.pk],
            "schuldsignaal": "on",
            "juiste_groep": "ja",
            "rechtmatigheid_getoetst": "on",
            "rechtmatigheid_bevinding": "geen",
            "verslag": VERSLAG,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return Voortgangsgesprek.objects.get(client=klant)


def test_the_next_consultant_reads_the_gesprek_on_dossier_and_timeline(client_as, users, klant):
    gesprek = _leg_vast(client_as, klant)
    opvolger = UserFactory(username="opvolger", rol="inkomensconsulent")
    http = client_as("inkomensconsulent")
    http.force_login(opvolger)
    for url in (
        reverse("clients:dossier", args=[klant.pk]),
        reverse("clients:tijdlijn", args=[klant.pk]),
    ):
        html = http.get(url).content.decode()
        for tekst in (
            VERSLAG,
            INKOMEN,
            "Woont alleen, dochter komt wekelijks.",
            "Meedoenregeling",
            "2 van 5 (1 = slecht, 5 = goed)",
            "Geen bijzonderheden",
        ):
            assert tekst in html, (url, tekst)
    dossier = http.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert f'id="voortgangsgesprek-{gesprek.pk}" open' in dossier  # the latest one unfolded


def test_earlier_gesprekken_are_folded(client_as, users, klant):
    _leg_vast(client_as, klant)
    latere = Voortgangsgesprek.objects.get(client=klant)
    latere.pk = None
    latere.datum = D(2026, 11, 22)
    latere.verslag = "Later gesprek."
    latere.save()
    html = client_as("inkomensconsulent").get(reverse("clients:dossier", args=[klant.pk]))
    html = html.content.decode()
    assert f'id="voortgangsgesprek-{latere.pk}" open' in html
    assert html.count('<details class="dw-gesprek"') == 2
    assert html.count(" open>") == 1


def test_dwt_sees_that_it_took_place_not_what_was_said(client_as, users, klant):
    _leg_vast(client_as, klant)
    http = client_as("werkcoach")
    for url in (
        reverse("clients:dossier", args=[klant.pk]),
        reverse("clients:tijdlijn", args=[klant.pk]),
    ):
        html = http.get(url).content.decode()
        assert "20-11-2026" in html
        for tekst in (VERSLAG, INKOMEN, "Meedoenregeling", "Hoe gaat het", "Geen bijzonderheden"):
            assert tekst not in html, (url, tekst)


def test_rechtmatigheid_of_a_gesprek_only_for_consulent_and_handhaver(client_as, users, klant):
    _leg_vast(client_as, klant)
    url = reverse("clients:tijdlijn", args=[klant.pk])
    poortwachter = client_as("poortwachter").get(url).content.decode()
    assert VERSLAG in poortwachter and "Geen bijzonderheden" not in poortwachter
    handhaver = client_as("handhaver").get(url).content.decode()
    assert VERSLAG in handhaver and "Geen bijzonderheden" in handhaver


@pytest.mark.parametrize("n", [0, 3])
def test_the_section_runs_its_declared_queries_with_and_without_gesprekken(
    n, users, klant, django_assert_num_queries
):
    sectie = next(s for s in registry.SECTIES if s.key == "begeleiding")
    consulent = users["inkomensconsulent"]
    assert consulent.rollen
    regeling = Minimaregeling.objects.create(naam="Kindpakket")
    for i in range(n):
        g = Voortgangsgesprek.objects.create(
            client=klant,
            datum=D(2026, 1, 10 + i),
            gehouden_door=consulent,
            plek="kantoor",
            welzijn=3,
            stress=3,
            juiste_groep=True,
            verslag=f"Gesprek {i}",
        )
        g.minimaregelingen_gebruikt.add(regeling)
    with django_assert_num_queries(sectie.queries):
        data = sectie.context(client=klant, user=consulent)
    assert len(data["gesprekken"]) == n
    if n:
        assert (
            "Minimaregelingen in gebruik",
            "Kindpakket",
            "begeleiding.gesprek_inhoud",
        ) in data["gesprekken"][0].inhoud
