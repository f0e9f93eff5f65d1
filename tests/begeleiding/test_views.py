import datetime

import pytest
from django.urls import reverse

from clients.begeleiding.models import PlanVanAanpak, Voortgangsgesprek
from clients.constants import TaakSoort
from clients.models import Client, Signaal, Taak
from tests.factories import client_in_groep, klantgroep

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_werkcoach_sets_a_plan_and_revises_it(client_as, users):
    klant = client_in_groep("groeien", van=datetime.date(2026, 1, 5), dwt=users["werkcoach"])
    c = client_as("werkcoach")
    url = reverse("begeleiding:plan", args=[klant.pk])
    data = {
        "vastgesteld_op": "2026-02-01",
        "gebaseerd_op_versie": 0,
        "doel0_leefgebied": "werk",
        "doel0_omschrijving": "Werkritme opbouwen",
        "doel0_actie0_omschrijving": "Werkleerroute logistiek",
        "doel0_actie0_eigenaar": "professional",
        "doel0_actie0_deadline": "2026-04-01",
        "doel0_actie0_status": "open",
    }
    assert c.post(url, data).status_code == 302
    page = c.get(url).content.decode()
    assert "Werkritme opbouwen" in page  # the revision form starts from the current plan
    revised = c.post(
        url,
        {
            **data,
            "vastgesteld_op": "2026-10-01",
            "gebaseerd_op_versie": 1,
            "doel0_actie0_status": "gedaan",
        },
    )
    assert revised.status_code == 302
    assert list(PlanVanAanpak.objects.values_list("versie", flat=True).order_by("versie")) == [1, 2]
    # a stale form (based on version 1) is refused, with input kept
    stale = c.post(url, {**data, "vastgesteld_op": "2026-11-01", "toelichting": "mijn tekst"})
    assert "intussen gewijzigd" in stale.content.decode() and "mijn tekst" in stale.content.decode()
    assert PlanVanAanpak.objects.count() == 2


@pytest.mark.parametrize(
    ("actie", "fout"),
    [
        ({}, "Geef een deadline."),
        (
            {"doel0_actie0_deadline": "2026-03-01", "doel0_actie0_status": "open"},
            "Kies wie deze actie uitvoert.",
        ),
    ],
    ids=["zonder-deadline", "zonder-eigenaar"],
)
def test_plan_action_incomplete_is_a_dutch_error(client_as, users, actie, fout):
    klant = client_in_groep("matchen", van=datetime.date(2026, 1, 5), dwt=users["werkcoach"])
    response = client_as("werkcoach").post(
        reverse("begeleiding:plan", args=[klant.pk]),
        {
            "vastgesteld_op": "2026-02-01",
            "gebaseerd_op_versie": 0,
            "doel0_leefgebied": "werk",
            "doel0_omschrijving": "Sollicitaties",
            "doel0_actie0_omschrijving": "CV maken",
            **actie,
        },
    )
    assert fout in response.content.decode()
    assert not PlanVanAanpak.objects.exists()


def test_voortgangsgesprek_without_a_rechtmatigheid_bevinding_is_not_saved(client_as, users):
    """The bevinding used to arrive as 'niet getoetst'; now the consultant chooses it."""
    klant = client_in_groep("zorgen", van=datetime.date(2025, 1, 5), io=users["inkomensconsulent"])
    response = client_as("inkomensconsulent").post(
        reverse("begeleiding:voortgangsgesprek", args=[klant.pk]),
        {"plek": "thuis", "welzijn": "4", "stress": "2", "juiste_groep": "ja", "verslag": "Goed"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies de bevinding over de rechtmatigheid." in html
    assert "Dit veld is vereist." in html  # the date of the gesprek
    assert "Goed" in html
    assert not Voortgangsgesprek.objects.exists()


def test_consultant_records_voortgangsgesprek_with_group_change(client_as, users):
    klant = client_in_groep("zorgen", van=datetime.date(2025, 1, 5), io=users["inkomensconsulent"])
    Taak.objects.create(
        client=klant,
        soort=TaakSoort.VOORTGANGSGESPREK,
        omschrijving="Gesprek",
        datum=datetime.date(2026, 11, 1),
        medewerker=users["inkomensconsulent"],
    )
    response = client_as("inkomensconsulent").post(
        reverse("begeleiding:voortgangsgesprek", args=[klant.pk]),
        {
            "datum": "2026-11-20",
            "plek": "thuis",
            "welzijn": "4",
            "stress": "2",
            "juiste_groep": "nee",
            "nieuwe_klantgroep": klantgroep("faciliteren").pk,
            "geadviseerde_klantgroep": klantgroep("faciliteren").pk,
            "reden_groepswijziging": "Kan meer: vrijwilligerswerk",
            "schuldsignaal": "on",
            "rechtmatigheid_getoetst": "on",
            "rechtmatigheid_bevinding": "geen",
        },
    )
    assert response.status_code == 302
    gesprek = Voortgangsgesprek.objects.get()
    assert gesprek.groepswijziging.klantgroep.code == "faciliteren"
    assert gesprek.groepswijziging.soort == "doorstroom"
    assert Signaal.objects.filter(client=klant, soort="schulden").exists()
    assert Taak.objects.get(client=klant, soort=TaakSoort.VOORTGANGSGESPREK).status == "afgerond"


def test_uitstroom_closes_and_the_form_refuses_an_end_before_the_melding(client_as, users):
    klant = client_in_groep("matchen", van=datetime.date(2025, 2, 1), io=users["inkomensconsulent"])
    c = client_as("inkomensconsulent")
    url = reverse("begeleiding:uitstroom", args=[klant.pk])
    bad = c.post(
        url, {"einddatum": "2020-01-01", "reden": "werk_regulier", "toelichting": "Bol.com"}
    )
    assert "vóór de melddatum" in bad.content.decode() and "Bol.com" in bad.content.decode()
    assert c.post(url, {"einddatum": "2026-11-20", "reden": "werk_regulier"}).status_code == 302
    klant.refresh_from_db()
    assert klant.fase == "afgesloten"


def test_werkvoorraad_shows_overdue_today_and_signals(client_as, users):
    klant = client_in_groep("zorgen", io=users["inkomensconsulent"], achternaam="Bakker")
    Taak.objects.create(
        client=klant,
        soort=TaakSoort.VOORTGANGSGESPREK,
        omschrijving="Halfjaarlijks",
        datum=datetime.date(2026, 11, 1),
        medewerker=users["inkomensconsulent"],
    )
    Signaal.objects.create(client=klant, soort="huisuitzetting", urgent=True)
    html = client_as("inkomensconsulent").get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert "Te laat (1)" in html and "Halfjaarlijks" in html
    assert "Dreigende huisuitzetting" in html and "Bakker" in html


@pytest.mark.parametrize("n", [10, 1000])
def test_werkvoorraad_query_count(n, client_as, users, django_assert_num_queries):
    from tests.clients.test_query_counts import _bulk_clients

    klanten = _bulk_clients(n, users["inkomensconsulent"])
    Taak.objects.bulk_create(
        Taak(
            client=k,
            soort=TaakSoort.VOORTGANGSGESPREK,
            omschrijving="Gesprek",
            datum=datetime.date(2026, 11, 20),
            medewerker=users["inkomensconsulent"],
        )
        for k in klanten
    )
    Signaal.objects.bulk_create(Signaal(client=k, soort="schulden", urgent=True) for k in klanten)
    c = client_as("inkomensconsulent")
    # page (3) + task counts, one page of overdue tasks, urgent signals, signals per kind,
    # caseload, klantgroep filter choices, and the session saved once with the menu counter
    # of open work (savepoint, update, release), the tasks handed over (issue 28), the audit
    # row with the clients shown (issue 31)
    with django_assert_num_queries(14):
        response = c.get(reverse("begeleiding:werkvoorraad"))
    assert response.status_code == 200
    assert Client.objects.count() == n
    html = response.content.decode()
    assert f"Te laat ({n})" in html and f"Urgente signalen ({n})" in html
