"""Every page works on a phone (issue 29, item 5): at a 390 px viewport no route of the access
matrix is wider than the screen, opened as a role that may open it, on a client with the
history a demo client has (voortgangsgesprekken, trajecten, group changes, long texts).

Werkcoaches work on the road and inkomensconsulenten make home visits: a page that scrolls
sideways hides columns (the action link of a werkvoorraad row) off screen."""

import datetime

import time_machine
from django.urls import reverse

from clients.begeleiding.models import Voortgangsgesprek
from clients.groepen.services import groepsindeling_wijzig
from clients.models import Client, Taak
from clients.trajecten.models import Traject
from tests.factories import klantgroep
from tests.test_access_matrix import (  # noqa: F401  (wereld is a fixture)
    DOSSIER,
    EIGEN_OBJECT,
    MATRIX,
    ROLLEN,
    _url,
    objecten_voor,
    wereld,
)
from tests.trajecten.factories import instrument

from .conftest import assert_accessible, login, shot

BREEDTE = 390

# Not a page: downloads (CSV, PDF), a POST-only door, the API (JSON), a JSON status poll.
GEEN_PAGINA = {
    "monitoring:rapport_download",
    "monitoring:export",
    "monitoring:export_tabel",
    "monitoring:rapport_status",
    "intake:kickoff_bestand",
    "audit:export",  # a CSV download, not a page
}

LANG = (
    "Klant heeft zelf gekozen voor een traject richting de zorg; de werkcoach adviseerde "
    "eerst een oriëntatie via de Werkfabriek, afgesproken is om over drie maanden te evalueren."
)


def _paginas():
    """(route name, spec) of every HTML page in the matrix opened with a GET."""
    return [
        (naam, spec)
        for naam, spec in sorted(MATRIX.items())
        if spec["method"] == "get" and naam not in GEEN_PAGINA and not naam.startswith("api:")
    ]


# The inkomensconsulent first: on the matrix's client they see the most (the gesprekken in
# full, their own tasks on the werkvoorraad), so the widest version of a page.
VOORKEUR = ("inkomensconsulent", *ROLLEN)


def _rol_voor(naam, spec) -> str:
    """A role that may open the page on the matrix's own client / objects."""
    kandidaten = [r for r in VOORKEUR if r in spec["rollen"]]
    if spec["soort"] == "client":
        kandidaten = [r for r in kandidaten if r in DOSSIER]
    if naam in EIGEN_OBJECT:
        kandidaten = [r for r in kandidaten if r in EIGEN_OBJECT[naam]]
    return kandidaten[0]


def _demo_geschiedenis(users, client_pk):
    """What a demo client carries: group changes with long reasons, voortgangsgesprekken
    with long reports, a second traject."""
    ic, wc = users["inkomensconsulent"], users["werkcoach"]
    client = Client.objects.get(pk=client_pk)
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        for code, van in (
            ("groeien", datetime.date(2025, 6, 1)),
            ("matchen", datetime.date(2026, 3, 2)),
        ):
            groepsindeling_wijzig(
                actor=ic,
                client=client,
                klantgroep=klantgroep(code),
                van=van,
                soort="doorstroom",
                reden=LANG,
                gekozen_klantgroep=klantgroep(code),
                geadviseerde_klantgroep=klantgroep("groeien"),
            )
        for i in range(3):
            Voortgangsgesprek.objects.create(
                client=client,
                datum=datetime.date(2026, 4 + i, 10),
                gehouden_door=ic,
                dwt_coach=wc,
                plek="thuis",
                welzijn=3,
                stress=3,
                juiste_groep=True,
                leefsituatie=LANG,
                inkomenssituatie=LANG,
                verslag=LANG,
            )
        for i, (soort, omschrijving) in enumerate(
            [
                ("voortgangsgesprek", "Voortgangsgesprek Matchen"),
                ("opvolging", "Opvolging signaal: Schulden"),
                ("actie", f"Actie uit plan van aanpak: {LANG}"[:255]),
            ]
        ):
            Taak.objects.create(
                client=client,
                soort=soort,
                omschrijving=omschrijving,
                datum=datetime.date(2026, 11, 20 + i),
                medewerker=ic,
            )
        fabriek = instrument("Work fast")
        Traject.objects.create(
            client=client,
            instrument=fabriek,
            aanbieder=fabriek.aanbieders.first(),
            klantgroep=klantgroep("matchen"),
            start=datetime.date(2026, 3, 2),
            gepland_einde=datetime.date(2026, 9, 1),
            werkcoach=wc,
            afwijking_reden=LANG,
        )


def _breedte(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


# The outermost elements that stick out on the right, to say where a page is too wide.
UITSTEKERS = """(breedte) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > breedte + 1)
  .filter(e => { for (let a = e.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return false; } return true; })
  .filter(e => !(e.parentElement && e.parentElement.getBoundingClientRect().right > breedte + 1))
  .slice(0, 3)
  .map(e => e.tagName.toLowerCase()
    + (e.className ? '.' + String(e.className).split(' ').join('.') : ''))"""


def test_no_page_is_wider_than_a_phone(browser, live_server, seed_data, users, wereld):  # noqa: F811
    _demo_geschiedenis(users, wereld["objecten"]["client"])
    per_rol: dict[str, list] = {}
    for naam, spec in _paginas():
        per_rol.setdefault(_rol_voor(naam, spec), []).append((naam, spec))
    te_breed, fouten, bezocht = [], [], 0
    for rol, paginas in per_rol.items():
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", viewport={"width": BREEDTE, "height": 844}
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        login(page, users[rol])
        for naam, spec in paginas:
            url = _url(naam, spec, objecten_voor(rol, wereld))
            response = page.goto(url)
            bezocht += 1
            if response.status >= 400:
                fouten.append(f"{naam} als {rol}: {response.status}")
                continue
            breedte = _breedte(page)
            if breedte > BREEDTE:
                waar = ", ".join(page.evaluate(UITSTEKERS, BREEDTE))
                te_breed.append(f"{naam} als {rol} ({url}): {breedte} px ({waar})")
        context.close()
    assert bezocht >= 50
    assert fouten == []
    assert te_breed == [], "breder dan de telefoon:\n" + "\n".join(te_breed)


def test_dossier_screenshots_at_desktop_and_phone(
    browser,
    live_server,
    seed_data,
    users,
    wereld,  # noqa: F811
):
    """The dossier with its history, for a person to look at (test-artifacts/screenshots/)."""
    client = wereld["objecten"]["client"]
    _demo_geschiedenis(users, client)
    for breedte, hoogte in ((1366, 900), (BREEDTE, 844)):
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", viewport={"width": breedte, "height": hoogte}
        )
        page = context.new_page()
        login(page, users["inkomensconsulent"])
        page.goto(reverse("clients:dossier", args=[client]))
        assert page.get_by_role("heading", name="Klantgroep: historie").is_visible()
        shot(page, f"dossier-{breedte}")
        assert _breedte(page) <= breedte
        assert_accessible(page)  # stacked rows and scrolling tables stay WCAG 2.1 AA
        for route in ("begeleiding:werkvoorraad", "clients:mijn_klanten"):
            page.goto(reverse(route))
            shot(page, f"{route.split(':')[1]}-{breedte}")
            assert _breedte(page) <= breedte
            assert_accessible(page)
        context.close()


# A table that scrolls inside itself hides columns off screen as much as a page does.
TABELLEN_DIE_SCROLLEN = """() => [...document.querySelectorAll('main table')]
  .filter(t => t.scrollWidth > t.clientWidth + 1)
  .map(t => (t.dataset.tabel || t.className) + ': ' + t.scrollWidth + ' px')"""


def test_monitoring_and_toegangslog_tables_stack_on_a_phone(
    browser,
    live_server,
    seed_data,
    users,
    wereld,  # noqa: F811
):
    """The beleidsmedewerker's figures (up to ten columns) and the beheerder's toegangslog
    (seven) stack into one card per row at 390 px instead of scrolling sideways."""
    client = Client.objects.get(pk=wereld["objecten"]["client"])
    _demo_geschiedenis(users, client.pk)
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": BREEDTE, "height": 844}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    login(page, users["beleidsmedewerker"])
    page.goto(reverse("monitoring:dashboard"))
    assert page.locator("main table[data-tabel]").count() >= 5
    assert page.evaluate(TABELLEN_DIE_SCROLLEN) == []
    assert _breedte(page) <= BREEDTE
    rij = page.locator("table[data-tabel='trend'] tbody tr").first
    assert rij.evaluate("r => getComputedStyle(r).display") == "grid"  # a card per row
    assert rij.locator("td").first.get_attribute("data-label") == "Instroom"  # says its column
    shot(page, f"monitoring-{BREEDTE}")
    context.close()

    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": BREEDTE, "height": 844}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    login(page, users["beheerder"])
    page.goto(reverse("audit:zoeken"))
    page.get_by_label("BSN van de klant").fill(client.bsn)
    with page.expect_navigation():
        page.get_by_role("button", name="Toegangslog tonen").click()
    assert page.locator("main table tbody tr").count() >= 1
    assert page.evaluate(TABELLEN_DIE_SCROLLEN) == []
    assert _breedte(page) <= BREEDTE
    shot(page, f"toegangslog-{BREEDTE}")
    context.close()


def test_voorbereiding_screenshots_at_desktop_and_phone(
    browser,
    live_server,
    seed_data,
    users,
    wereld,  # noqa: F811
):
    """The voorbereiding with a client's history, for a person to look at, and printable."""
    client = wereld["objecten"]["client"]
    _demo_geschiedenis(users, client)
    for breedte, hoogte in ((1366, 900), (BREEDTE, 844)):
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", viewport={"width": breedte, "height": hoogte}
        )
        page = context.new_page()
        login(page, users["inkomensconsulent"])
        page.goto(reverse("clients:dossier", args=[client]))
        with page.expect_navigation():
            page.get_by_role("link", name="Gesprek voorbereiden").click()
        assert page.get_by_role("heading", name="Laatste gesprek").is_visible()
        assert LANG in page.locator(".dw-voorbereiding-gesprek").inner_text()
        assert _breedte(page) <= breedte
        shot(page, f"voorbereiding-{breedte}")
        assert_accessible(page)
        context.close()
