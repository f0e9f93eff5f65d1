"""The walking skeleton in Chromium: login, register with bad then good input, dossier, search."""

import datetime

import pytest

from clients.models import Client
from deventer_werk.audit.models import AuditEvent
from tests.factories import UserFactory, client_in_groep, make_bsn

from .conftest import assert_accessible, login, shot


def test_login_page_is_dutch_and_accessible(page):
    page.goto("/inloggen/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("button", name="Inloggen").is_visible()
    assert_accessible(page)
    shot(page, "00_inloggen")


def test_wrong_password_gives_a_dutch_message(page):
    user = UserFactory(username="consulent", rol="poortwachter")
    login(page, user, password="fout-wachtwoord")
    assert "/inloggen/" in page.url
    assert "Gebruikersnaam of wachtwoord is onjuist" in page.locator("main").inner_text()
    assert AuditEvent.objects.filter(actie="inlog_mislukt").exists()


def test_poortwachter_registers_a_melding_keeping_input_on_errors(page):
    user = UserFactory(username="poort", rol="poortwachter")
    login(page, user)
    page.goto("/klanten/nieuw/")
    assert_accessible(page)
    page.get_by_label("BSN").fill("123456780")  # fails the elfproef
    page.get_by_label("Voornamen").fill("Sanne")
    page.get_by_label("Achternaam").fill("Jansen")
    page.get_by_label("Geboortedatum").fill("2999-01-01")
    page.get_by_role("button", name="Melding registreren").click()
    # Dutch messages, and what was typed is still there
    body = page.locator("main").inner_text()
    assert "elfproef" in body.lower() or "geen geldig" in body.lower()
    assert "toekomst" in body
    assert page.get_by_label("Voornamen").input_value() == "Sanne"
    assert page.get_by_label("Achternaam").input_value() == "Jansen"
    assert not Client.objects.exists()
    shot(page, "01_melding_fouten")

    bsn = make_bsn()
    page.get_by_label("BSN").fill(bsn)
    page.get_by_label("Geboortedatum").fill("1990-05-17")
    # the melddatum is not pre-filled (issue 27: honest forms)
    page.get_by_label("Melddatum").fill(datetime.date.today().isoformat())
    page.get_by_role("button", name="Melding registreren").click()
    page.wait_for_url("**/klanten/*/")
    client = Client.objects.get()
    assert client.bsn == bsn
    assert bsn not in page.url
    assert "Jansen" in page.locator("h1").inner_text()
    assert_accessible(page)
    shot(page, "02_dossier_na_melding")


def test_consultant_finds_a_client_by_bsn_without_bsn_in_url(page):
    user = UserFactory(username="ic", rol="inkomensconsulent")
    klant = client_in_groep("groeien", io=user, achternaam="Bulut")
    login(page, user)
    page.goto("/klanten/")
    assert "Bulut" in page.locator("main").inner_text()
    assert_accessible(page)
    shot(page, "03_mijn_klanten")
    page.goto("/klanten/zoeken/")
    page.get_by_role("textbox", name="BSN").fill(klant.bsn)
    page.get_by_role("button", name="Zoeken op BSN").click()
    page.wait_for_load_state()
    assert klant.bsn not in page.url
    page.get_by_role("link", name="Bulut").first.click()
    page.wait_for_url(f"**/klanten/{klant.pk}/")
    assert klant.bsn not in page.url
    assert "Groeien" in page.locator("main").inner_text()
    assert_accessible(page)
    shot(page, "04_dossier_groeien")


LANDING = {
    "poortwachter": "Werkvoorraad",
    "intaker": "Werkvoorraad",
    "inkomensconsulent": "Werkvoorraad",
    "werkcoach": "Werkvoorraad",
    "participatiemakelaar": "Werkvoorraad",
    "handhaver": "Werkvoorraad",
    "trainer": "Werkvoorraad",  # the start page with own kick-off sessions
    "beleidsmedewerker": "Monitoring klantgroepen",
    "beheerder": "Klantgroepen",
}


@pytest.mark.parametrize("rol", list(LANDING))
def test_login_per_role_lands_on_an_accessible_dutch_page(page, rol):
    user = UserFactory(username=f"demo-{rol}", rol=rol)
    login(page, user)
    assert LANDING[rol] in page.locator("h1").inner_text()
    assert "Uitloggen" in page.locator("header").inner_text()
    assert_accessible(page)
    shot(page, f"05_start_{rol}")


def test_a_dossier_outside_need_to_know_is_a_dutch_404(page):
    coach = UserFactory(username="coach", rol="werkcoach")
    zorgen = client_in_groep("zorgen", achternaam="Geheim")
    login(page, coach)
    response = page.goto(f"/klanten/{zorgen.pk}/")
    assert response.status == 404
    assert "Geheim" not in page.content()
    assert "niet gevonden" in page.locator("body").inner_text().lower()
    assert AuditEvent.objects.filter(client_id=zorgen.pk, resultaat="geweigerd").exists()


def test_no_request_of_a_page_ends_in_a_404_not_even_the_icon(page):
    """Issue 32 item 4: every page logged a favicon 404; the icon is declared now."""
    missers: list[str] = []
    page.on("response", lambda r: missers.append(r.url) if r.status == 404 else None)
    user = UserFactory(username="ic_icoon", rol="inkomensconsulent")
    page.goto("/inloggen/")
    login(page, user)
    page.goto("/werkvoorraad/")
    page.wait_for_load_state("networkidle")
    assert page.locator('link[rel="icon"]').count() == 1
    assert missers == []
