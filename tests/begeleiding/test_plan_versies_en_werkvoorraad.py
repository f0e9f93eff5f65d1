import datetime

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from clients.begeleiding.models import BegeleidingInstelling, Minimaregeling
from clients.begeleiding.selectors import plan_list_te_herzien
from clients.constants import TaakSoort
from clients.models import Taak
from deventer_werk.audit.models import AuditEvent
from tests.begeleiding.factories import plan_maak
from tests.factories import bulk_clients, client_in_groep

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
D = datetime.date


def test_actueel_period_is_configuration_seeded_at_twelve_months(client_as, users):
    assert BegeleidingInstelling.objects.get().plan_actueel_maanden == 12
    klant = client_in_groep("matchen", van=D(2025, 6, 1), dwt=users["werkcoach"])
    plan_maak(klant, door=users["werkcoach"], vastgesteld_op=D(2026, 3, 1))
    c = client_as("werkcoach")
    dossier = reverse("clients:dossier", args=[klant.pk])
    assert ">actueel</span>" in c.get(dossier).content.decode()
    # the functioneel beheerder shortens the period: the same plan is no longer actueel
    BegeleidingInstelling.objects.update(plan_actueel_maanden=6)
    html = c.get(dossier).content.decode()
    assert "niet actueel: herzien" in html
    assert (
        "laatste 6 maanden" in c.get(reverse("begeleiding:plan", args=[klant.pk])).content.decode()
    )


def test_configuration_is_in_the_admin_and_cannot_be_deleted():
    assert site.is_registered(BegeleidingInstelling) and site.is_registered(Minimaregeling)
    assert not site._registry[Minimaregeling].has_delete_permission(request=None)
    assert not site._registry[BegeleidingInstelling].has_add_permission(request=None)


def test_plan_versies_shows_every_version_as_it_was(client_as, users):
    klant = client_in_groep("groeien", van=D(2025, 6, 1), dwt=users["werkcoach"])
    v1 = plan_maak(
        klant, door=users["werkcoach"], vastgesteld_op=D(2025, 7, 1), actie="Taalcursus zoeken"
    )
    plan_maak(
        klant,
        door=users["werkcoach"],
        vastgesteld_op=D(2026, 7, 1),
        versie=2,
        vorige=v1,
        actie="Taalcursus volgen",
        status="bezig",
    )
    c = client_as("werkcoach")
    dossier = c.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert "Eerdere versies van het plan (1)" in dossier
    html = c.get(reverse("begeleiding:plan_versies", args=[klant.pk])).content.decode()
    assert html.index("Versie 2 (huidige)") < html.index("Versie 1")
    assert "Taalcursus zoeken" in html and "Taalcursus volgen" in html
    assert "01-07-2025" in html and "Bezig" in html


def test_plan_versies_outside_need_to_know_is_404_and_audited(client_as, users):
    # Zorgen is under IO regie: a DWT werkcoach may not see it
    klant = client_in_groep("zorgen", van=D(2025, 6, 1), io=users["inkomensconsulent"])
    response = client_as("werkcoach").get(reverse("begeleiding:plan_versies", args=[klant.pk]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(
        client_id=klant.pk, object_type="plan_van_aanpak", resultaat="geweigerd"
    ).exists()


@pytest.mark.parametrize("n", [2, 20])
def test_plan_versies_query_count(n, client_as, users, django_assert_num_queries):
    klant = client_in_groep("groeien", van=D(2025, 6, 1), dwt=users["werkcoach"])
    vorige = None
    for versie in range(1, n + 1):
        vorige = plan_maak(
            klant,
            door=users["werkcoach"],
            vastgesteld_op=D(2025, 7, 1) + datetime.timedelta(days=versie),
            versie=versie,
            vorige=vorige,
        )
    c = client_as("werkcoach")
    # page (3) + client, audit + versions, goals, actions + setting
    with django_assert_num_queries(9):
        response = c.get(reverse("begeleiding:plan_versies", args=[klant.pk]))
    assert response.content.decode().count("Werkleerroute starten") == n


def test_werkvoorraad_lists_plans_to_make_or_review_for_the_werkcoach(client_as, users):
    coach = users["werkcoach"]
    zonder = client_in_groep("matchen", van=D(2026, 9, 1), dwt=coach, achternaam="Zonderplan")
    oud = client_in_groep("groeien", van=D(2024, 1, 1), dwt=coach, achternaam="Oudplan")
    plan_maak(oud, door=coach, vastgesteld_op=D(2025, 1, 10))
    actueel = client_in_groep("groeien", van=D(2024, 1, 1), dwt=coach, achternaam="Actueelplan")
    plan_maak(actueel, door=coach, vastgesteld_op=D(2026, 2, 1))
    # somebody else's client is not on this werkvoorraad
    client_in_groep("matchen", dwt=users["intaker"], achternaam="Anderscoach")
    klanten, totaal = plan_list_te_herzien(user=coach, peildatum=D(2026, 11, 24))
    assert totaal == 2
    assert [k.pk for k in klanten] == [zonder.pk, oud.pk]  # no plan first, then the oldest
    html = client_as("werkcoach").get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert "Plan van aanpak te maken of te herzien (2)" in html
    assert "nog geen plan" in html and "10-01-2025" in html
    assert "Actueelplan" not in html and "Anderscoach" not in html


def test_werkvoorraad_hides_role_tasks_of_clients_outside_need_to_know(client_as, users):
    # a task for "any werkcoach" on a client that moved to IO regie (Zorgen)
    klant = client_in_groep("zorgen", io=users["inkomensconsulent"], achternaam="Buitenbeeld")
    Taak.objects.create(
        client=klant,
        soort=TaakSoort.PLAN_HERZIEN,
        omschrijving="Plan herzien",
        datum=D(2026, 11, 24),
        rol="werkcoach",
    )
    html = client_as("werkcoach").get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert "Vandaag (0)" in html and "Buitenbeeld" not in html
    # the inkomensconsulent (IO sees every client) does not get werkcoach tasks either
    assert Taak.objects.filter(client=klant, status="open").count() == 1


def _bulk_dwt_clients(n: int, coach) -> None:
    klanten = bulk_clients(n, "matchen", medewerker=coach, fase="ingedeeld")
    Taak.objects.bulk_create(
        Taak(
            client=k,
            soort=TaakSoort.PLAN_HERZIEN,
            omschrijving="Plan",
            datum=D(2026, 11, 20),
            medewerker=coach,
        )
        for k in klanten
    )


@pytest.mark.parametrize("n", [10, 1000])
def test_werkvoorraad_query_count_for_the_werkcoach(n, client_as, users, django_assert_num_queries):
    _bulk_dwt_clients(n, users["werkcoach"])
    c = client_as("werkcoach")
    # page (3: session, user, roles) + task counts, one page of overdue tasks
    # (empty sections cost nothing),
    # signals per kind (no urgent ones: no list), caseload, klantgroep filter choices,
    # trajecten ending and long-stale (one aggregate; no list when 0), nazorg (rows with
    # their total), plans: setting, one page with its total = 12, and the first time the menu
    # counter of open work is written to the session (3), the tasks handed over (issue 28),
    # the audit row with the clients shown (issue 31)
    with django_assert_num_queries(17):
        response = c.get(reverse("begeleiding:werkvoorraad"))
    html = response.content.decode()
    assert f"Plan van aanpak te maken of te herzien ({n})" in html
    assert f"Te laat ({n})" in html  # counted in the database, never from a cut list
    assert html.count("dagen te laat") == min(n, 25)  # one page of 25 rows
    # plans: a page of 25 in plain sight (no fold-out), the total on a tile
    assert "<details>" not in html and html.count("nog geen plan") == min(n, 25)
    assert (f"pagina 1 van {-(-n // 25)}" in html) == (n > 25)
    # page 2: the same, the counter is unchanged; with one page of plans, page 2 is past the
    # end: the empty page, the count and the last page (2 more)
    with django_assert_num_queries(14 if n > 25 else 16):
        c.get(reverse("begeleiding:werkvoorraad"), {"te_laat_pagina": 2, "plannen_pagina": 2})
