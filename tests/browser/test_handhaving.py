"""A handhaver records a rechtmatigheidsonderzoek with the omgekeerde toets in Chromium."""

import datetime

from clients.handhaving.models import Rechtmatigheidsonderzoek, Stukkenverzoek
from clients.models import Taak
from tests.factories import UserFactory, client_in_groep

from .conftest import assert_accessible, login, shot


def test_handhaver_records_a_review_with_the_omgekeerde_toets(page):
    handhaver = UserFactory(username="handhaver-team", rol="handhaver")
    klant = client_in_groep("faciliteren", van=datetime.date(2024, 1, 1), achternaam="Kaya")
    login(page, handhaver)
    page.goto(f"/klanten/{klant.pk}/")
    page.get_by_role("link", name="Rechtmatigheidsonderzoek starten").click()
    page.get_by_label("Periodiek per klantgroep").check()
    page.get_by_label("Gestart op").fill(datetime.date.today().isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Onderzoek starten").click()
    page.get_by_role("link", name="besluit vastleggen (omgekeerde toets)").click()
    page.get_by_label("Onrechtmatig", exact=True).check()
    page.get_by_label("Terugvordering", exact=True).check()
    page.get_by_label("Motivatie").fill("Inkomsten uit bijbaan niet gemeld")
    page.get_by_label("Besloten op").fill(datetime.date.today().isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Besluit vastleggen").click()
    # the omgekeerde toets is required: a Dutch message, the input kept
    assert "omgekeerde toets" in page.locator("main").inner_text().lower()
    assert page.get_by_label("Motivatie").input_value() == "Inkomsten uit bijbaan niet gemeld"
    shot(page, "40_handhaving_omgekeerde_toets_fout")
    assert "Omgekeerde toets bij terugvordering" in page.locator("main").inner_text()
    page.get_by_label("Wat zou de strikte juridische uitkomst").fill(
        "Terugvordering ineens leidt tot huurachterstand; twee kinderen in huis"
    )
    page.get_by_label("Terugvordering", exact=True).uncheck()
    page.get_by_label("Risico op huisuitzetting").check()
    page.get_by_label("Kinderen betrokken").check()
    page.get_by_label("Bankafschriften van de afgelopen drie maanden bekeken").check()
    page.get_by_label("Alternatieve sanctie").check()
    page.get_by_label("Motivatie").fill(
        "Inkomsten niet gemeld, maar eerste keer; alternatieve sanctie past bij het doel van de "
        "wet en voorkomt huisuitzetting"
    )
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Besluit vastleggen").click()
    onderzoek = Rechtmatigheidsonderzoek.objects.get()
    assert (onderzoek.bevinding, onderzoek.uitkomsten) == ("onrechtmatig", ["alternatief"])
    assert onderzoek.risico_huisuitzetting and onderzoek.kinderen_betrokken
    assert onderzoek.checklist_gedaan == 1  # the checklist as it read, with what was done
    assert "Alternatieve sanctie" in page.locator("main").inner_text()
    assert_accessible(page)
    shot(page, "41_handhaving_besluit_dossier")


def test_an_onderzoek_as_a_case_and_the_list_of_running_ones(page):
    """gestart → stukken opgevraagd (twice) → besluit with terugvordering and boete, with the
    list of running onderzoeken; screenshots at 1280 and 390 px without horizontal scroll."""
    handhaver = UserFactory(username="handhaver-zaak", rol="handhaver")
    klant = client_in_groep("faciliteren", van=datetime.date(2024, 1, 1), achternaam="Yilmaz")
    vandaag = datetime.date.today()
    for i, naam in enumerate(["Bakker", "De Vries-van den Heuvelstraat", "Jansen"]):
        ander = client_in_groep("zorgen", van=datetime.date(2024, 1, 1), achternaam=naam)
        o = Rechtmatigheidsonderzoek.objects.create(
            client=ander,
            selectiereden="signaal",
            selectie_toelichting="Samenloop: inkomsten",
            gestart_op=vandaag - datetime.timedelta(days=40 + i),
            handhaver=handhaver,
        )
        Stukkenverzoek.objects.create(
            onderzoek=o,
            opgevraagd_op=o.gestart_op,
            omschrijving="Loonstroken",
            hersteltermijn=o.gestart_op + datetime.timedelta(days=14 if i != 1 else 60),
            door=handhaver,
        )
    login(page, handhaver)
    page.goto(f"/klanten/{klant.pk}/rechtmatigheid/")
    page.get_by_label("Periodiek per klantgroep").check()
    page.get_by_label("Gestart op").fill(vandaag.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Onderzoek starten").click()
    page.get_by_role("link", name="Lopend onderzoek: stukken opvragen").click()
    for stukken, dagen in [
        ("Bankafschriften van mei tot en met oktober", 14),
        ("Huurcontract", 21),
    ]:
        page.get_by_label("Welke stukken").fill(stukken)
        page.get_by_label("Hersteltermijn tot en met").fill(
            (vandaag + datetime.timedelta(days=dagen)).isoformat()
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Stukken opvragen").click()
    main = page.locator("main").inner_text()
    assert "Stukken opgevraagd" in main and "Huurcontract" in main and "Bankafschriften" in main
    assert_accessible(page)
    shot(page, "45_handhaving_onderzoek_stukken")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "45_handhaving_onderzoek_stukken_390")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/handhaving/onderzoeken/")
    main = page.locator("main").inner_text()
    assert "Lopend (4)" in main and "Yilmaz" in main and "Verlopen" in main
    assert_accessible(page)
    shot(page, "46_handhaving_lopende_onderzoeken")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "46_handhaving_lopende_onderzoeken_390")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name=klant.volledige_naam).click()
    page.get_by_role("link", name="Besluit vastleggen").click()
    page.get_by_label("Onrechtmatig", exact=True).check()
    page.get_by_label("Terugvordering", exact=True).check()
    page.get_by_label("Boete", exact=True).check()
    page.get_by_label("Omgekeerde toets bij terugvordering").fill(
        "Aflossen in termijnen van 50 euro; de huur blijft betaalbaar"
    )
    page.get_by_label("Omgekeerde toets bij boete").fill(
        "Boete in kleine termijnen; geen kinderen, geen risico op huisuitzetting"
    )
    page.get_by_label("Wat zou de strikte juridische uitkomst").fill(
        "Alles ineens terugbetalen is niet te dragen"
    )
    page.get_by_label("Motivatie").fill("Inkomsten vijf maanden niet gemeld na waarschuwing")
    page.get_by_label("Besloten op").fill(vandaag.isoformat())
    page.get_by_label("Uitvoeren door Inkomensondersteuning uiterlijk").fill(
        (vandaag + datetime.timedelta(days=14)).isoformat()
    )
    shot(page, "47_handhaving_besluit_twee_uitkomsten")
    with page.expect_navigation():
        page.get_by_role("button", name="Besluit vastleggen").click()
    onderzoek = Rechtmatigheidsonderzoek.objects.get(client=klant)
    assert onderzoek.uitkomsten == ["terugvordering", "boete"]
    assert "Terugvordering, Boete" in page.locator("main").inner_text()
    assert Taak.objects.filter(client=klant, soort="onderzoek_uitkomst").exists()
