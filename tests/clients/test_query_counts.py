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

    acties = sum(a.dossier_queries(user) for a in registry.ACTIES if may(user, a.actie))
    return 3 + 6 + sum(s.queries for s in registry.SECTIES) + acties  # 6: + correcties_sectie


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


# Voorbereiding: + visibility check, audit insert, memberships, contacts, perioden, the dossier
# sections it repeats as they declare (signals, tasks, afspraken), the plan (3), the last
# voortgangsgesprek (1) and the last ambitiegesprek with its questions (2).
def voorbereiding_queries() -> int:
    from clients import registry
    from clients.begeleiding.voorbereiding import DOSSIER_SECTIES

    secties = sum(s.queries for s in registry.SECTIES if s.key in DOSSIER_SECTIES)
    return 3 + 5 + secties + 3 + 1 + 2


@pytest.mark.parametrize("n", [1, 30])
@pytest.mark.parametrize("rol", ["inkomensconsulent", "werkcoach"])
def test_voorbereiding_query_count(n, rol, client_as, users, django_assert_num_queries):
    from clients.begeleiding.models import Voortgangsgesprek
    from clients.models import Signaal, Taak
    from tests.begeleiding.factories import plan_maak
    from tests.factories import client_in_groep
    from tests.intake.factories import ambitie

    klant = client_in_groep("groeien", io=users["inkomensconsulent"], dwt=users["werkcoach"])
    ambitie(users["intaker"], klant, "groeien", datum=datetime.date(2025, 3, 1))
    for i in range(n):
        datum = datetime.date(2025, 4, 1) + datetime.timedelta(days=7 * i)
        Voortgangsgesprek.objects.create(
            client=klant,
            datum=datum,
            gehouden_door=users["inkomensconsulent"],
            plek="kantoor",
            welzijn=3,
            stress=3,
            juiste_groep=True,
            verslag=f"Verslag {i}",
        )
        plan_maak(klant, door=users["werkcoach"], vastgesteld_op=datum, versie=i + 1)
        Signaal.objects.create(client=klant, soort="overig", omschrijving=f"Signaal {i}")
        Taak.objects.create(
            client=klant,
            soort="overig",
            omschrijving=f"Taak {i}",
            datum=datum,
            medewerker=users[rol],
        )
    http = client_as(rol)
    with django_assert_num_queries(voorbereiding_queries()):
        response = http.get(reverse("begeleiding:voorbereiding", args=[klant.pk]))
    assert response.status_code == 200
    assert f"Taak {n - 1}" in response.content.decode()
