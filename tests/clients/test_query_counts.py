"""Pinned query counts: the same for 10 and 1,000 clients, so an N+1 fails CI."""

import pytest
from django.urls import reverse

from clients.models import Client, Contactpersoon, Uitkeringsperiode
from klantgroepen.models import Groepslidmaatschap, Klantgroep
from tests.factories import ClientFactory, make_bsn

pytestmark = pytest.mark.django_db

# Every page: session, user, user's roles, and the idle-timeout session refresh at the end
# (savepoint, update, release) = 6.
# Mijn klanten: + count, page of clients, current memberships, open contacts (users joined),
# and the audit row naming the clients shown.
MIJN_KLANTEN_QUERIES = 6 + 5


# Dossier: + visibility check, audit insert, memberships, contacts, perioden, and one per
# registered dossier section as declared by the section (open signals, screening, ...).
def dossier_queries() -> int:
    from clients import registry

    return 6 + 5 + sum(s.queries for s in registry.SECTIES)


def _bulk_clients(n: int, medewerker) -> list[Client]:
    groep = Klantgroep.objects.get(code="zorgen")
    clients = Client.objects.bulk_create(ClientFactory.build(bsn=make_bsn()) for _ in range(n))
    Uitkeringsperiode.objects.bulk_create(
        Uitkeringsperiode(client=c, melddatum="2025-01-01", startdatum="2025-01-02")
        for c in clients
    )
    Groepslidmaatschap.objects.bulk_create(
        Groepslidmaatschap(client=c, klantgroep=groep, van="2025-02-01", soort="eerste_indeling")
        for c in clients
    )
    Contactpersoon.objects.bulk_create(
        Contactpersoon(client=c, organisatie="IO", medewerker=medewerker, van="2025-02-01")
        for c in clients
    )
    return clients


@pytest.mark.parametrize("n", [10, 1000])
def test_mijn_klanten_query_count(n, client_as, users, django_assert_num_queries):
    _bulk_clients(n, users["inkomensconsulent"])
    http = client_as("inkomensconsulent")
    with django_assert_num_queries(MIJN_KLANTEN_QUERIES):
        response = http.get(reverse("clients:mijn_klanten"))
    assert response.status_code == 200
    assert f"contactpersoon van {n} klanten" in response.content.decode()


@pytest.mark.parametrize("n", [10, 1000])
def test_dossier_query_count(n, client_as, users, django_assert_num_queries):
    clients = _bulk_clients(n, users["inkomensconsulent"])
    http = client_as("inkomensconsulent")
    with django_assert_num_queries(dossier_queries()):
        response = http.get(reverse("clients:dossier", args=[clients[-1].pk]))
    assert response.status_code == 200
