"""Issue 30, part 1 in Chromium: the werkcoach records a placement and proposes the end of
the benefit; the inkomensconsulent finds the task on the werkvoorraad and decides the day."""

import datetime

from clients.constants import TaakSoort, TaakStatus
from clients.models import Taak
from clients.trajecten.models import Uitkeringseinde
from tests.factories import UserFactory, client_in_groep
from tests.trajecten.factories import werkgever

from .conftest import assert_accessible, login, shot


def _submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_werkcoach_proposes_and_the_inkomensconsulent_ends_the_benefit_on_the_decided_day(
    page,
):
    coach = UserFactory(username="coach-plaatsing", rol="werkcoach")
    ic = UserFactory(username="ic-besluit", rol="inkomensconsulent")
    vandaag = datetime.date.today()
    start = vandaag - datetime.timedelta(days=3)
    klant = client_in_groep(
        "matchen", van=vandaag - datetime.timedelta(days=200), dwt=coach, io=ic, achternaam="Brink"
    )
    wg = werkgever("Bouwbedrijf Colmschate")

    login(page, coach)
    page.goto(f"/klanten/{klant.pk}/plaatsing/")
    page.get_by_label("Werkgever", exact=True).select_option(label=str(wg))
    page.get_by_label("Functie").fill("Timmerman")
    page.get_by_label("Uren per week").fill("36")
    page.get_by_label("Contract").select_option("onbepaald")
    page.get_by_label("Startdatum").fill(start.isoformat())
    page.get_by_label("Stel de inkomensconsulent voor de uitkering te beëindigen").check()
    page.get_by_label("Voorgestelde laatste dag uitkering").fill(
        (vandaag + datetime.timedelta(days=7)).isoformat()
    )
    _submit(page, "Plaatsing vastleggen")
    main = page.locator("main").inner_text()
    assert "staat bij de inkomensconsulent" in main
    klant.refresh_from_db()
    assert klant.perioden.get().einddatum is None and klant.fase == "ingedeeld"
    shot(page, "60_plaatsing_voorstel_einde_uitkering")

    page.context.clear_cookies()
    login(page, ic)
    page.goto("/werkvoorraad/")
    taak = page.get_by_role("link", name="Besluit einde uitkering (plaatsing)")
    assert taak.count() == 1
    assert "Timmerman bij Bouwbedrijf Colmschate" in page.locator("main").inner_text()
    shot(page, "61_werkvoorraad_inkomensconsulent")
    with page.expect_navigation():
        taak.click()
    assert "stelt voor de uitkering te beëindigen" in page.locator("main").inner_text()
    assert_accessible(page)

    # a day before the placement start: a Dutch message, the input kept, nothing saved
    te_vroeg = (start - datetime.timedelta(days=1)).isoformat()
    page.get_by_label("De uitkering stopt: uitstroom naar werk").check()
    page.get_by_label("Laatste dag uitkering").fill(te_vroeg)
    _submit(page, "Besluit vastleggen")
    main = page.locator("main").inner_text()
    assert "kan niet vóór de start van de plaatsing" in main
    assert page.get_by_label("Laatste dag uitkering").input_value() == te_vroeg
    assert Uitkeringseinde.objects.get().status == "voorgesteld"
    assert_accessible(page)
    shot(page, "62_einde_uitkering_fout")

    page.get_by_label("Laatste dag uitkering").fill(vandaag.isoformat())
    _submit(page, "Besluit vastleggen")
    main = page.locator("main").inner_text()
    assert f"de uitkering is beëindigd per {vandaag:%d-%m-%Y}" in main
    assert "kan hier niet meer worden gecorrigeerd" in main
    shot(page, "63_einde_uitkering_besloten")
    klant.refresh_from_db()
    periode = klant.perioden.get()
    assert (periode.einddatum, periode.uitstroomreden) == (vandaag, "werk_regulier")
    assert Taak.objects.get(soort=TaakSoort.UITKERING_EINDE).status == TaakStatus.AFGEROND

    page.goto(f"/klanten/{klant.pk}/")
    dossier = page.locator("main").inner_text()
    assert f"beëindigd, laatste dag {vandaag:%d-%m-%Y}" in dossier
    assert "Geen lopende uitkering" in dossier
    assert_accessible(page)
    shot(page, "65_dossier_na_einde_uitkering")

    page.goto(f"/klanten/{klant.pk}/tijdlijn/")
    tijdlijn = page.locator("main").inner_text()
    assert "Einde uitkering voorgesteld" in tijdlijn
    assert f"Besluit: Uitkering stopt na {vandaag:%d-%m-%Y}" in tijdlijn
    shot(page, "64_tijdlijn_einde_uitkering")
