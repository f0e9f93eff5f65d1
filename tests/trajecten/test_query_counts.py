"""Pinned query counts: the same for 10 and 1,000 rows, so an N+1 fails CI."""

import datetime

import pytest
from django.urls import reverse

from clients.models import Client
from clients.trajecten.models import NazorgMoment, Plaatsing, Traject, Werkprofiel
from klantgroepen.models import Klantgroep
from tests.factories import ClientFactory, bulk_clients
from tests.fixtures.cache import GEDEELD_BEREKEND

from .factories import aanbieder, instrument, vacature, werkgever

pytestmark = pytest.mark.django_db
D = datetime.date

# Every page: session, user, user's roles = 3 (the idle-timeout refresh writes the session at
# most once a minute, not on these requests made right after logging in).
PAGINA = 3
# Dashboard: running trajecten (page + count), placements in nazorg and their checkpoints,
# participatieplekken, results, placements this half year, my clients per group.
DASHBOARD = PAGINA + 9  # +1: the audit row with the clients shown (issue 31)
# Traject list: filter form's instrument choices, count, page, audit row of the clients shown.
LIJST = PAGINA + 4
# Matching page: vacancy, candidates (the kept ranking's key, the ranking when not kept, the
# first round), dismissals for the verdringingscheck, audit row of the candidates shown.
MATCHING_BEWAARD = PAGINA + 5
MATCHING = MATCHING_BEWAARD + 1 + GEDEELD_BEREKEND


def _bestand(n: int, coach, groep="groeien") -> list[Client]:
    return bulk_clients(n, groep, van=D(2026, 1, 1), medewerker=coach)


def _trajecten(clients, coach):
    wlr = instrument("Werkleerroute logistiek")
    groep = Klantgroep.objects.get(code="groeien")
    Traject.objects.bulk_create(
        Traject(
            client=c,
            instrument=wlr,
            aanbieder=aanbieder(),
            klantgroep=groep,
            start=D(2026, 10, 1),
            gepland_einde=D(2026, 12, 1) if i % 2 else D(2027, 4, 1),
            werkcoach=coach,
        )
        for i, c in enumerate(clients)
    )


@pytest.mark.parametrize("n", [10, 1000])
def test_dashboard_query_count(n, users, client_as, django_assert_num_queries):
    coach = users["werkcoach"]
    clients = _bestand(n, coach)
    _trajecten(clients, coach)
    wg = werkgever()
    plaatsingen = Plaatsing.objects.bulk_create(
        Plaatsing(
            client=c,
            werkgever=wg,
            functie="Orderpicker",
            uren=32,
            contract="bepaald",
            start=D(2026, 5, 1),
            werkcoach=coach,
            nazorg_tot=D(2027, 5, 1),
        )
        for c in clients
    )
    NazorgMoment.objects.bulk_create(
        NazorgMoment(plaatsing=p, maanden=6, datum=D(2026, 11, 2), werkt_nog=True, door=coach)
        for p in plaatsingen[n // 2 :]  # the later half has had its 6-month contact
    )
    c = client_as("werkcoach")
    with django_assert_num_queries(DASHBOARD):
        response = c.get(reverse("trajecten:dashboard"))
    page = response.content.decode()
    assert f"Lopende trajecten ({n})" in page
    assert f"Plaatsingen in nazorg ({min(n, 200)})" in page
    getoond = min(n, 200)  # the first 200 placements by start
    assert f"Nazorg: nu te doen ({getoond - max(0, getoond - n // 2)})" in page


@pytest.mark.parametrize("n", [10, 1000])
def test_traject_list_query_count(n, users, client_as, django_assert_num_queries):
    coach = users["werkcoach"]
    _trajecten(_bestand(n, coach), coach)
    c = client_as("werkcoach")
    with django_assert_num_queries(LIJST):
        response = c.get(reverse("trajecten:lijst"), {"status": "lopend"})
    page = response.content.decode()
    assert f"{n} trajecten" in page
    assert page.count('scope="row"') == min(n, 50)


@pytest.mark.parametrize("n", [10, 1000])
def test_matching_page_query_count(n, users, client_as, django_assert_num_queries):
    v = vacature()
    clients = _bestand(n, users["werkcoach"], groep="matchen")
    profielen = Werkprofiel.objects.bulk_create(
        Werkprofiel(client=c, competenties="orderpicken", uren_beschikbaar=32) for c in clients
    )
    Werkprofiel.sectoren.through.objects.bulk_create(
        Werkprofiel.sectoren.through(werkprofiel_id=p.pk, sector_id=v.sector_id) for p in profielen
    )
    c = client_as("werkcoach")
    with django_assert_num_queries(MATCHING):
        response = c.get(reverse("trajecten:vacature", args=[v.pk]))
    assert response.content.decode().count("?vacature=") == min(n, 20)
    with django_assert_num_queries(MATCHING_BEWAARD):  # the ranking kept
        opnieuw = c.get(reverse("trajecten:vacature", args=[v.pk])).content.decode()
    assert opnieuw.count("?vacature=") == min(n, 20)


@pytest.mark.parametrize("n", [10, 1000])
def test_dossier_section_runs_its_declared_queries(n, users):
    """The section's ``queries=`` (summed by the dossier's pinned count) is what it runs, with
    and without data."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from clients import registry

    sectie = next(s for s in registry.SECTIES if s.key == "trajecten")
    coach = users["werkcoach"]
    assert coach.rollen  # the page has loaded the roles before the sections run
    clients = _bestand(n, coach)
    _trajecten(clients, coach)
    for klant in (clients[0], ClientFactory()):
        with CaptureQueriesContext(connection) as ctx:
            data = sectie.context(client=klant, user=coach)
        assert len(ctx.captured_queries) == sectie.queries
    assert len(data["trajecten"]) == 0
