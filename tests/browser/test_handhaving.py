"""A handhaver records a rechtmatigheidsonderzoek with the omgekeerde toets in Chromium."""

import datetime

from clients.handhaving.models import Rechtmatigheidsonderzoek
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
    page.get_by_role("link", name="Besluit over het lopende onderzoek vastleggen").click()
    page.get_by_label("Onrechtmatig", exact=True).check()
    page.get_by_label("Terugvordering").check()
    page.get_by_label("Motivatie").fill("Inkomsten uit bijbaan niet gemeld")
    page.get_by_label("Besloten op").fill(datetime.date.today().isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Besluit vastleggen").click()
    # the omgekeerde toets is required: a Dutch message, the input kept
    assert "omgekeerde toets" in page.locator("main").inner_text().lower()
    assert page.get_by_label("Motivatie").input_value() == "Inkomsten uit bijbaan niet gemeld"
    shot(page, "40_handhaving_omgekeerde_toets_fout")
    page.get_by_label("Omgekeerde toets").fill(
        "Terugvordering ineens leidt tot huurachterstand; twee kinderen in huis"
    )
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
