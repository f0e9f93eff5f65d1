"""Pinned query counts: the same for 10 and 1,000 clients, so an N+1 fails CI."""

import datetime

import pytest
from django.urls import reverse

from clients.models import Client, Uitkeringsperiode
from tests.factories import bulk_clients

pytestmark = pytest.mark.django_db

# Every page: session, user, user's roles = 3 (the idle-timeout refresh writes the session at
# most once a minute: not on a request right after logging in).
# Mijn klanten: + count, page of clients, current memberships, open contacts (users joined),
# and the audit row naming the clients shown.
MIJN_KLANTEN_QUERIES = 3 + 5


# Dossier: + visibility check, audit insert, memberships, contacts, perioden, one per
# registered dossier section as declared by the section (open signals, screening, ...), and
# what the actions the user may take declare to check the dossier's state (an open aanvraag).
def dossier_queries(user) -> int:
    from clients import registry
    from deventer_werk.access import may

    acties = sum(a.queries for a in registry.ACTIES if may(user, a.actie))
    return 3 + 6 + sum(s.queries for s in registry.SECTIES) + acties  # 6: +correcties


def _bulk_clients(n: int, medewerker) -> list[Client]:
    return bulk_clients(n, "zorgen", medewerker=medewerker, periode=datetime.date(2025, 1, 1))


@pytest.mark.parametrize("n", [10, 1000])
def test_mijn_klanten_query_count(n, client_as, users, django_assert_num_queries):
    _bulk_clients(n, users["inkomensconsulent"])
    http = client_as("inkomensconsulent")
    with django_assert_num_queries(MIJN_KLANTEN_QUERIES):
        response = http.get(reverse("clients:mijn_klanten"))
    assert response.status_code == 200
    assert f"contactpersoon van {n} klanten" in response.content.decode()


@pytest.mark.parametrize("n", [10, 1000])
def test_mijn_klanten_of_the_poortwachter_query_count(
    n, client_as, users, django_assert_num_queries
):
    """Her own meldingen of the last 8 weeks (issue 30): the same count as everyone's list."""
    from tests.fixtures.klok import VANDAAG, reis

    with reis(VANDAAG):
        clients = bulk_clients(n, "zorgen", periode=VANDAAG - datetime.timedelta(days=10))
        Uitkeringsperiode.objects.filter(client__in=clients).update(
            gemeld_door=users["poortwachter"]
        )
        http = client_as("poortwachter")
        with django_assert_num_queries(MIJN_KLANTEN_QUERIES):
            response = http.get(reverse("clients:mijn_klanten"))
    assert response.status_code == 200
    assert f"8 weken {n} meldingen geregistreerd" in response.content.decode()


@pytest.mark.parametrize("n", [10, 1000])
def test_dossier_query_count(n, client_as, users, django_assert_num_queries):
    clients = _bulk_clients(n, users["inkomensconsulent"])
    http = client_as("inkomensconsulent")
    with django_assert_num_queries(dossier_queries(users["inkomensconsulent"])):
        response = http.get(reverse("clients:dossier", args=[clients[-1].pk]))
    assert response.status_code == 200
