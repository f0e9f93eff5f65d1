"""Start pages with work for every role; the task page's buttons; pinned query counts."""

import datetime

import pytest
from django.urls import reverse

from clients.constants import TaakSoort
from clients.models import Client, Signaal, Taak
from deventer_werk.audit.models import AuditEvent
from tests.factories import ClientFactory, PeriodeFactory, client_in_groep

pytestmark = pytest.mark.django_db
D = datetime.date


def _html(client_as, rol, **params):
    response = client_as(rol).get(reverse("begeleiding:werkvoorraad"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_poortwachter_sees_meldingen_and_aanvragen_with_days_left(client_as, users):
    from clients.intake.models import Aanvraag

    melding = ClientFactory(fase="melding", achternaam="Nieuwemelding")
    PeriodeFactory(client=melding)
    intake = ClientFactory(fase="intake", achternaam="Aanvrager")
    periode = PeriodeFactory(client=intake, melddatum=D(2026, 10, 1), startdatum=None)
    Aanvraag.objects.create(
        client=intake,
        periode=periode,
        aanvraagdatum=D(2026, 10, 20),
        consulent=users["poortwachter"],
    )
    html = _html(client_as, "poortwachter")
    assert "Meldingen te screenen (1)" in html and "Nieuwemelding" in html
    assert "Aanvragen zonder besluit (1)" in html
    assert "nog 21 dagen van de 8 weken" in html  # 20-10 + 8 weeks = 15-12; today 24-11


def test_intaker_sees_the_bestand_without_ambitiegesprek(client_as, users):
    client_in_groep("groeien", dwt=users["werkcoach"], achternaam="Bestaand")
    html = _html(client_as, "intaker")
    assert "Ambitiegesprekken te houden (1)" in html and "Bestaand" in html


def test_trainer_sees_own_sessions_with_invitations_and_capacity(client_as, users):
    from clients.intake.models import KickoffSessie
    from tests.factories import klantgroep

    KickoffSessie.objects.create(
        klantgroep=klantgroep("groeien"),
        datum=datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC),
        plaats="Leeuwenbrug",
        trainer=users["trainer"],
        capaciteit=12,
    )
    html = _html(client_as, "trainer")
    assert "Uw kick-offbijeenkomsten vanaf vandaag (1)" in html
    assert "Groeien 03-12-2026 11:00" in html and "Leeuwenbrug" in html
    assert "Mijn klanten" not in html  # a trainer opens no dossiers


def test_handhaver_counts_equal_sql_counts(client_as, users):
    for i in range(7):
        klant = client_in_groep("faciliteren", io=users["inkomensconsulent"])
        Taak.objects.create(
            client=klant,
            soort=TaakSoort.RECHTMATIGHEID if i % 2 else TaakSoort.STEEKPROEF,
            omschrijving="Review",
            datum=D(2026, 11, 1) if i < 5 else D(2026, 11, 24),
            rol="handhaver",
            organisatie="IO",
        )
    Signaal.objects.create(client=klant, soort="niet_meewerken")
    html = _html(client_as, "handhaver")
    open_ = Taak.objects.filter(status="open", rol="handhaver")
    assert f"Te laat ({open_.filter(datum__lt=D(2026, 11, 24)).count()})" in html  # 5
    assert f"Vandaag ({open_.filter(datum=D(2026, 11, 24)).count()})" in html  # 2
    assert (
        'Signalen "werkt niet mee": 1' in html or "Signalen &quot;werkt niet mee&quot;: 1" in html
    )
    steekproef = _html(client_as, "handhaver", soort="steekproef")
    assert f"Te laat ({open_.filter(soort='steekproef', datum__lt=D(2026, 11, 24)).count()})" in (
        steekproef
    )


def test_filters_sort_and_days_overdue(client_as, users):
    ic = users["inkomensconsulent"]
    a = client_in_groep("zorgen", io=ic, achternaam="Aalbers", wijk="binnenstad")
    b = client_in_groep("faciliteren", io=ic, achternaam="Zwart", wijk="colmschate")
    for klant, datum in ((a, D(2026, 11, 14)), (b, D(2026, 11, 20))):
        Taak.objects.create(
            client=klant, soort="voortgangsgesprek", omschrijving="G", datum=datum, medewerker=ic
        )
    html = _html(client_as, "inkomensconsulent", wijk="colmschate")
    assert "Te laat (1)" in html and "Zwart" in html and "Aalbers" not in html
    html = _html(client_as, "inkomensconsulent", klantgroep="zorgen")
    assert "Aalbers" in html and "(10 dagen te laat)" in html
    html = _html(client_as, "inkomensconsulent", sorteer="-datum")
    assert html.index("Zwart") < html.index("Aalbers")
    assert _html(client_as, "inkomensconsulent", sorteer="onzin", te_laat_pagina="x")


def test_routine_signals_are_grouped_urgent_ones_listed(client_as, users):
    ic = users["inkomensconsulent"]
    for _ in range(20):
        klant = client_in_groep("zorgen", io=ic, achternaam="Signaalklant")
        Signaal.objects.create(client=klant, soort="groep_niet_besproken")
    Signaal.objects.create(client=klant, soort="broodnood", urgent=True)
    html = _html(client_as, "inkomensconsulent")
    assert "Urgente signalen (1)" in html
    assert "Klantgroep lang niet besproken: 20" in html
    assert html.count("utrecht-status-badge--danger") == 1


def test_urgent_signal_of_a_client_without_inkomensconsulent_reaches_the_io_queue(client_as, users):
    klant = ClientFactory(fase="melding", achternaam="Zonderconsulent")
    PeriodeFactory(client=klant)
    Signaal.objects.create(client=klant, soort="broodnood", urgent=True, bron="screening")
    assert "Zonderconsulent" in _html(client_as, "inkomensconsulent")


def test_task_page_buttons_complete_reschedule_hand_over(client_as, users):
    ic = users["inkomensconsulent"]
    klant = client_in_groep("zorgen", io=ic)
    taak = Taak.objects.create(
        client=klant,
        soort="voortgangsgesprek",
        omschrijving="G",
        datum=D(2026, 11, 20),
        medewerker=ic,
    )
    c = client_as("inkomensconsulent")
    url = reverse("begeleiding:taak", args=[taak.pk])
    page = c.get(url).content.decode()
    assert f"/klanten/{klant.pk}/voortgangsgesprek/" in page
    bad = c.post(
        url, {"actie": "verplaatsen", "verplaatsen-datum": "2026-12-01", "verplaatsen-reden": ""}
    )
    assert bad.status_code == 400 and "2026-12-01" in bad.content.decode()
    ok = c.post(
        url,
        {"actie": "verplaatsen", "verplaatsen-datum": "2026-12-01", "verplaatsen-reden": "Ziek"},
    )
    assert ok.status_code == 302
    nieuw = Taak.objects.get(client=klant, status="open")
    assert nieuw.datum == D(2026, 12, 1)
    url = reverse("begeleiding:taak", args=[nieuw.pk])
    c.post(
        url,
        {
            "actie": "overdragen",
            "overdragen-naar": "inkomensconsulent/IO",
            "overdragen-reden": "Verlof",
        },
    )
    nieuw.refresh_from_db()
    assert nieuw.medewerker is None and nieuw.rol == "inkomensconsulent"
    c.post(url, {"actie": "afronden", "afronden-notitie": "Gebeld"})
    nieuw.refresh_from_db()
    assert nieuw.status == "afgerond" and nieuw.afgerond_door == ic
    assert AuditEvent.objects.filter(object_type="taak", actie="gewijzigd").count() == 3
    # the page views record the client shown (issue 31)
    assert AuditEvent.objects.filter(object_type="taak", actie="bekeken").exists()
    # somebody else's task is not found
    assert client_as("werkcoach").get(url).status_code == 404


def test_claim_from_the_team_queue(client_as, users):
    from clients.planning.zonder_eigenaar import plan_zonder_eigenaar

    klant = client_in_groep("groeien", io=users["inkomensconsulent"])
    plan_zonder_eigenaar(peildatum=D(2026, 11, 24))
    taak = Taak.objects.get(client=klant, soort="toewijzen")
    c = client_as("werkcoach")
    assert (
        "Klant zonder contactpersoon" in c.get(reverse("begeleiding:werkvoorraad")).content.decode()
    )
    assert (
        c.post(reverse("begeleiding:taak", args=[taak.pk]), {"actie": "claimen"}).status_code == 302
    )
    assert Client.objects.with_contactpersoon(users["werkcoach"]).filter(pk=klant.pk).exists()
    taak.refresh_from_db()
    assert taak.status == "afgerond"


def test_menu_counter_after_visiting_the_werkvoorraad(client_as, users):
    ic = users["inkomensconsulent"]
    klant = client_in_groep("zorgen", io=ic)
    Taak.objects.create(
        client=klant,
        soort="voortgangsgesprek",
        omschrijving="G",
        datum=D(2026, 11, 20),
        medewerker=ic,
    )
    c = client_as("inkomensconsulent")
    c.get(reverse("begeleiding:werkvoorraad"))
    assert "Werkvoorraad (1)" in c.get(reverse("clients:mijn_klanten")).content.decode()


def test_the_dossier_says_what_is_due(client_as, users):
    ic = users["inkomensconsulent"]
    klant = client_in_groep("zorgen", io=ic)
    Taak.objects.create(
        client=klant,
        soort="voortgangsgesprek",
        omschrijving="G",
        datum=D(2026, 11, 4),
        medewerker=ic,
    )
    html = client_as("inkomensconsulent").get(reverse("clients:dossier", args=[klant.pk]))
    html = html.content.decode()
    assert "Wat is er te doen (1)" in html
    assert "Volgend voortgangsgesprek: 04-11-2026 <strong>(20 dagen te laat)</strong>" in html
