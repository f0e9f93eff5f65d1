"""Pinned query counts: the same for 10 and 1,000 clients, so an N+1 fails CI."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
    from tests.factories import client_in_groep

    klant = client_in_groep("groeien", io=users["inkomensconsulent"], dwt=users["werkcoach"])
    _vul_dossier(klant, users, n)
    http = client_as(rol)
    with django_assert_num_queries(voorbereiding_queries()):
        response = http.get(reverse("begeleiding:voorbereiding", args=[klant.pk]))
    assert response.status_code == 200
    assert f"Taak {n - 1}" in response.content.decode()


def _vul_dossier(klant, users, n: int) -> None:
    """``n`` of everything a dossier's and tijdlijn's own data grows by: voortgangsgesprekken,
    plans, signals, tasks, finished onderzoeken; plus one running onderzoek and an aanvraag
    waiting for a besluit (what the actions' belemmeringen read from the sections)."""
    from clients.begeleiding.models import Voortgangsgesprek
    from clients.handhaving.models import Rechtmatigheidsonderzoek
    from clients.intake.models import Aanvraag
    from clients.models import Signaal, Taak
    from tests.begeleiding.factories import plan_maak
    from tests.intake.factories import ambitie

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
            huisbezoek="ja" if i % 2 else "",
            verslag=f"Verslag {i}",
        )
        plan_maak(klant, door=users["werkcoach"], vastgesteld_op=datum, versie=i + 1)
        Signaal.objects.create(client=klant, soort="overig", omschrijving=f"Signaal {i}")
        for rol in ("inkomensconsulent", "werkcoach"):
            Taak.objects.create(
                client=klant,
                soort="overig",
                omschrijving=f"Taak {i}",
                datum=datum,
                medewerker=users[rol],
            )
        Rechtmatigheidsonderzoek.objects.create(
            client=klant,
            selectiereden="periodiek",
            gestart_op=datum,
            handhaver=users["handhaver"],
            bevinding="rechtmatig",
            uitkomsten=["geen_actie"],
            motivatie="Geen afwijkingen.",
            besloten_op=datum,
            besloten_door=users["handhaver"],
        )
    Rechtmatigheidsonderzoek.objects.create(
        client=klant,
        selectiereden="periodiek",
        gestart_op=datetime.date(2024, 1, 1),  # started before the finished ones: not in view
        handhaver=users["handhaver"],
    )
    Aanvraag.objects.create(
        client=klant,
        periode=klant.perioden.get(),
        aanvraagdatum=datetime.date(2025, 2, 1),
        consulent=users["inkomensconsulent"],
    )


@pytest.mark.parametrize("rol", ["inkomensconsulent", "werkcoach"])
def test_dossier_and_tijdlijn_query_counts_do_not_grow_with_the_dossier(
    rol, client_as, users, django_assert_num_queries
):
    """The dossier and the tijdlijn of one client at 1 and at 25 of everything: the same,
    pinned count. The actions' belemmeringen read what the sections loaded (no query of their
    own): an aanvraag waits for a besluit, an onderzoek runs (older than the five shown)."""
    from tests.factories import client_in_groep

    tellingen = []
    for n in (1, 25):
        klant = client_in_groep("groeien", io=users["inkomensconsulent"], dwt=users["werkcoach"])
        _vul_dossier(klant, users, n)
        http = client_as(rol)
        http.get(reverse("clients:dossier", args=[klant.pk]))  # may refresh the session
        with django_assert_num_queries(DOSSIER_QUERIES[rol]):
            dossier = http.get(reverse("clients:dossier", args=[klant.pk]))
        assert dossier.status_code == 200
        html = dossier.content.decode()
        assert f"Taak {n - 1}" in html
        if rol == "inkomensconsulent":
            assert "Besluit op aanvraag" in html
            assert "Aanvraag uitkering registreren" not in html  # the period has one
            assert "Rechtmatigheidsonderzoek starten" not in html  # one runs
        with CaptureQueriesContext(connection) as ctx:
            tijdlijn = http.get(reverse("clients:tijdlijn", args=[klant.pk]))
        assert tijdlijn.status_code == 200
        tellingen.append(len(ctx.captured_queries))
    assert tellingen[0] == tellingen[1] == TIJDLIJN_QUERIES[rol]


# Dossier: ``dossier_queries`` for the inkomensconsulent, who sees every section; the werkcoach
# sees no handhaving section (3) and reads neither the screening's verwijzingen nor the aanvraag
# (2).
DOSSIER_QUERIES = {"inkomensconsulent": 35, "werkcoach": 30}
# Tijdlijn: 3 + visibility, audit row, one per kind of entry the role sees (two for the
# ambitiegesprek and the kick-off).
TIJDLIJN_QUERIES = {"inkomensconsulent": 25, "werkcoach": 23}
