"""DWT werkcoach and IO participatiemakelaar at work in Chromium."""

import datetime

from clients.constants import TaakSoort, TaakStatus
from clients.models import Taak
from clients.trajecten.models import Participatieplek, Plaatsing, PlekPlaatsing, Traject
from tests.factories import UserFactory, client_in_groep
from tests.trajecten.factories import ontslag, profiel, vacature, werkgever

from .conftest import assert_accessible, login, shot


def _submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_werkleerroute_then_placement_with_lks_uitstroom_and_nazorg(page):
    coach = UserFactory(username="coach-dwt", rol="werkcoach")
    vandaag = datetime.date.today()
    klant = client_in_groep(
        "groeien", van=vandaag - datetime.timedelta(days=400), dwt=coach, achternaam="Mulder"
    )
    wg = werkgever("Distributiecentrum Bathmen")
    ontslag(wg, datum=vandaag - datetime.timedelta(days=30))
    login(page, coach)
    page.goto(f"/klanten/{klant.pk}/")
    page.get_by_role("link", name="Traject starten").click()
    page.get_by_label("Instrument").select_option(label="Werkleerroute logistiek")
    page.get_by_label("Aanbieder").select_option(label="KonnecteD")
    page.get_by_label("Sector").select_option(label="Logistiek")
    page.get_by_label("Start", exact=True).fill(
        (vandaag - datetime.timedelta(days=200)).isoformat()
    )
    assert_accessible(page)
    _submit(page, "Traject starten")
    traject = Traject.objects.get(client=klant)
    assert "Werkleerroute logistiek" in page.locator("main").inner_text()

    page.get_by_role("link", name="beëindigen").click()
    page.get_by_label("Einddatum").fill((vandaag - datetime.timedelta(days=10)).isoformat())
    page.get_by_label("Succesvol").check()
    _submit(page, "Traject beëindigen")
    traject.refresh_from_db()
    assert traject.resultaat == "succesvol"
    assert "Succesvol" in page.locator("main").inner_text()

    page.get_by_role("link", name="Plaatsing vastleggen").click()
    page.get_by_label("Werkgever", exact=True).select_option(label=str(wg))
    page.get_by_label("Functie").fill("Orderpicker")
    page.get_by_label("Uren per week").fill("30")
    page.get_by_label("Contract").select_option("bepaald")
    page.get_by_label("Startdatum").fill(vandaag.isoformat())
    page.get_by_label("Met loonkostensubsidie").check()
    page.get_by_label("Loonwaarde (%)").fill("150")
    page.get_by_label("Stel de inkomensconsulent voor de uitkering te beëindigen").check()
    page.get_by_label("Voorgestelde laatste dag uitkering").fill(vandaag.isoformat())
    _submit(page, "Plaatsing vastleggen")
    main = page.locator("main").inner_text()
    assert "tussen 0 en 100" in main
    assert "mogelijk verdringing" in main  # the verdringingscheck asks for a motivation
    assert page.get_by_label("Functie").input_value() == "Orderpicker"
    page.get_by_label("Loonwaarde (%)").fill("70")
    page.get_by_label("Motivatie bij verdringingsrisico").fill(
        "Ontslagen waren kantoorfuncties; dit is nieuw werk in het magazijn"
    )
    assert_accessible(page)
    shot(page, "50_plaatsing_formulier")
    _submit(page, "Plaatsing vastleggen")

    plaatsing = Plaatsing.objects.get(client=klant)
    assert (plaatsing.loonwaarde, plaatsing.traject.instrument.naam) == (70, "Loonkostensubsidie")
    # a proposal for the inkomensconsulent (issue 30): the benefit runs on until IO decides
    assert klant.perioden.get().einddatum is None
    assert plaatsing.uitkeringseinde.status == "voorgesteld"
    nazorg = Taak.objects.filter(client=klant, soort=TaakSoort.NAZORG, status=TaakStatus.OPEN)
    assert nazorg.count() == 2
    main = page.locator("main").inner_text()
    assert "Na 6 maanden" in main and "Na 12 maanden" in main
    assert "einde voorgesteld" in main and "de inkomensconsulent beslist" in main
    assert_accessible(page)
    shot(page, "51_plaatsing_nazorg")

    page.goto("/trajecten/")
    assert "Mulder" in page.locator("main").inner_text()  # placement in nazorg
    assert_accessible(page)
    shot(page, "52_werkcoach_dashboard")


def test_participatiemakelaar_places_at_a_vrijwilligersplek(page):
    pm = UserFactory(username="pm-io", rol="participatiemakelaar")
    klant = client_in_groep("faciliteren", van=datetime.date(2025, 1, 1), wijk="keizerslanden")
    Participatieplek.objects.create(
        organisatie="Buurthuis Keizerslanden",
        omschrijving="Koffieschenker",
        soort="vrijwilligerswerk",
        wijk="keizerslanden",
        plaatsen=3,
    )
    login(page, pm)
    page.goto(f"/klanten/{klant.pk}/")
    page.get_by_role("link", name="Plaatsen op participatieplek").click()
    page.get_by_label("Participatieplek").select_option(index=1)
    page.get_by_label("Start", exact=True).fill(datetime.date.today().isoformat())
    assert_accessible(page)
    _submit(page, "Plaatsen")
    assert PlekPlaatsing.objects.get(client=klant).plek.organisatie == "Buurthuis Keizerslanden"
    assert "Koffieschenker" in page.locator("main").inner_text()
    shot(page, "53_participatieplek")
    page.goto("/participatieplekken/")
    assert "Buurthuis Keizerslanden" in page.locator("main").inner_text()
    assert_accessible(page)


def test_a_vacancy_shows_suggested_candidates(page):
    coach = UserFactory(username="coach-match", rol="werkcoach")
    v = vacature()
    kandidaat = client_in_groep("matchen", van=datetime.date(2026, 1, 1), achternaam="Kandidaat")
    profiel(kandidaat, competenties="orderpicken, heftruck", uren=32)
    login(page, coach)
    page.goto("/vacatures/")
    page.get_by_role("link", name="Orderpicker").click()
    assert "Kandidaat" in page.locator("table").inner_text()
    assert_accessible(page)
    shot(page, "54_vacature_kandidaten")
    page.get_by_role("link", name="Plaatsen").click()
    assert page.get_by_label("Functie").input_value() == "Orderpicker"
    assert page.get_by_label("Vacature").input_value() == str(v.pk)
