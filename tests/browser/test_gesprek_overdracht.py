"""What one inkomensconsulent writes in a voortgangsgesprek, the next one reads (issue 29,
item 1): recorded in the browser, the client taken over in the browser, the report read back
on the dossier and on the tijdlijn by the consultant who took over."""

import datetime

import pytest

from clients.models import Contactpersoon
from tests.factories import UserFactory, client_in_groep

from .conftest import login, shot

VERSLAG = "Klant wil in de thuiszorg werken; volgende keer het cv en de VOG-aanvraag meenemen."
INKOMEN = "Achterstand bij de energieleverancier van 340 euro, regeling loopt."


@pytest.fixture
def consulenten(db):
    return (
        UserFactory(username="ic-eerste", rol="inkomensconsulent"),
        UserFactory(username="ic-volgende", rol="inkomensconsulent"),
    )


def _submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def _als(browser, live_server, user):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    login(page, user)
    return page


def test_the_next_consultant_reads_the_report_on_dossier_and_tijdlijn(
    browser, live_server, seed_data, consulenten
):
    eerste, volgende = consulenten
    vandaag = datetime.date.today()
    klant = client_in_groep("matchen", van=vandaag - datetime.timedelta(days=200), io=eerste)

    # 1. the first consultant records the gesprek from the dossier
    p = _als(browser, live_server, eerste)
    p.goto(f"/klanten/{klant.pk}/")
    p.get_by_role("link", name="Voortgangsgesprek vastleggen").click()
    p.get_by_label("Datum gesprek").fill(vandaag.isoformat())
    p.get_by_label("Thuis (huisbezoek)").check()
    p.locator("input[name='welzijn'][value='3']").check()
    p.locator("input[name='stress'][value='3']").check()
    p.get_by_label("Inkomenssituatie").fill(INKOMEN)
    p.get_by_label("Ja", exact=True).check()
    p.get_by_label("Rechtmatigheid getoetst").check()
    p.get_by_label("Bevinding rechtmatigheid").select_option("geen")
    p.get_by_label("Verslag").fill(VERSLAG)
    shot(p, "gesprek_overdracht_formulier")
    # the minimaregelingen are check boxes and look like them (not round radio buttons)
    regeling = p.locator("input[name='minimaregelingen_gebruikt']").first
    assert regeling.get_attribute("type") == "checkbox"
    assert regeling.evaluate("e => getComputedStyle(e).appearance") != "none"
    assert regeling.evaluate("e => getComputedStyle(e).borderRadius") in ("0px", "")
    _submit(p, "Gesprek vastleggen")
    assert "/voortgangsgesprek/" not in p.url, p.locator("main").inner_text()
    p.context.close()

    # 2. the next consultant takes the client over and reads what was written
    p = _als(browser, live_server, volgende)
    p.goto(f"/klanten/{klant.pk}/")
    p.get_by_role("link", name="Contactpersoon vastleggen").click()
    p.get_by_label("Medewerker").select_option(str(volgende.pk))
    p.get_by_label("Vanaf").fill(vandaag.isoformat())
    _submit(p, "Opslaan")
    assert (
        Contactpersoon.objects.get(client=klant, tot__isnull=True, organisatie="IO").medewerker
        == volgende
    )

    p.goto(f"/klanten/{klant.pk}/")
    gesprek = p.locator("details.dw-gesprek").first
    assert gesprek.get_attribute("open") is not None  # the latest gesprek is unfolded
    tekst = gesprek.inner_text()
    assert VERSLAG in tekst and INKOMEN in tekst
    shot(p, "gesprek_overdracht_dossier")

    p.get_by_role("link", name="Tijdlijn").click()
    item = p.locator("li[data-soort='voortgangsgesprek']")
    assert item.count() == 1
    assert VERSLAG not in item.inner_text()  # folded until asked for
    item.get_by_text("Wat is vastgelegd").click()
    assert VERSLAG in item.inner_text() and INKOMEN in item.inner_text()
    shot(p, "gesprek_overdracht_tijdlijn")
    p.context.close()
