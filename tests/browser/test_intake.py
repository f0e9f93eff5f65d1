"""Kick-off in Chromium: the trainer's attendance list (names only) with a no-show that lands
on the dossier as a signal; the werkcoach adds a rung to the participatieladder."""

import datetime

import time_machine
from django.utils import timezone

from clients.intake.models import KickoffSessie
from clients.intake.services import kickoff_nodig_uit
from klantgroepen.models import Klantgroep
from tests.factories import UserFactory
from tests.intake.factories import ambitie, melding

from .conftest import assert_accessible, login, shot


def _context(browser, live_server, user):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    p = context.new_page()
    login(p, user)
    return p


def test_trainer_records_a_no_show_and_the_coach_sees_the_signal(page, browser, live_server):
    team = {
        rol: UserFactory(username=f"{rol}-kick", rol=rol)
        for rol in ("poortwachter", "intaker", "trainer", "werkcoach")
    }
    vandaag = timezone.localdate()
    klant = melding(
        team["poortwachter"],
        melddatum=vandaag - datetime.timedelta(days=30),
        achternaam="Kamphuis",
    )
    ambitie(team["intaker"], klant, "groeien", datum=vandaag - datetime.timedelta(days=20))
    # the gesprek found no session: the client waits; tomorrow's session (planned in the
    # admin, not through the planning page) gets them a seat from the nightly task
    dag = vandaag + datetime.timedelta(days=1)
    KickoffSessie.objects.create(
        klantgroep=Klantgroep.objects.get(code="groeien"),
        datum=timezone.make_aware(datetime.datetime.combine(dag, datetime.time(10))),
        plaats="Stadhuis, zaal Brink",
        trainer=team["trainer"],
        capaciteit=12,
    )
    assert kickoff_nodig_uit(peildatum=vandaag) == 1
    moment = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(12)))
    with time_machine.travel(moment, tick=True):
        _na_de_kickoff(page, browser, live_server, team, klant)


def _na_de_kickoff(page, browser, live_server, team, klant):
    vandaag = timezone.localdate()
    login(page, team["trainer"])
    page.get_by_role("link", name="Kick-off", exact=True).first.click()
    page.get_by_role("link", name=str(vandaag.year)).first.click()
    main = page.locator("main")
    assert "Kamphuis" in main.inner_text()
    page.get_by_label("Niet verschenen").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan voor").click()
    assert "Aanwezigheid van" in main.inner_text()
    assert "Niet verschenen" in main.inner_text()
    assert_accessible(page)
    shot(page, "40_kickoff_presentielijst")
    # no dossier for the trainer
    assert page.goto(f"/klanten/{klant.pk}/").status == 404

    coach = _context(browser, live_server, team["werkcoach"])
    coach.goto(f"/klanten/{klant.pk}/")
    assert "Niet verschenen op kick-off" in coach.locator("main").inner_text()
    coach.get_by_role("link", name="Participatieladder bijwerken").click()
    coach.get_by_label("Datum").fill((vandaag + datetime.timedelta(days=3)).isoformat())
    coach.get_by_label("4 – Onbetaald werk").check()
    with coach.expect_navigation():
        coach.get_by_role("button", name="Trede vastleggen").click()
    assert "kan niet in de toekomst liggen" in coach.locator("main").inner_text()
    assert coach.get_by_label("4 – Onbetaald werk").is_checked()
    assert_accessible(coach)
    shot(coach, "41_ladder_fout")
    coach.get_by_label("Datum").fill(vandaag.isoformat())
    with coach.expect_navigation():
        coach.get_by_role("button", name="Trede vastleggen").click()
    tabel = coach.locator("table", has_text="Participatieladder (nieuwste eerst)")
    assert "(huidig)" in tabel.inner_text() and "bijgewerkt" in tabel.inner_text()
    shot(coach, "42_dossier_ladder")
    coach.context.close()


def test_the_intaker_sees_the_policy_advice_for_the_doelgroepenregister_example(page, browser):
    """Issue 27, policy §3.3: for a 20-year-old in the doelgroepenregister the form advises
    Groeien before anything is filled in, says why, and a different choice asks a motivation."""
    from clients.intake.models import Ambitiegesprek
    from clients.models import Client
    from tests.intake.factories import screening_met_afspraak

    team = {
        rol: UserFactory(username=f"{rol}-advies", rol=rol) for rol in ("poortwachter", "intaker")
    }
    vandaag = timezone.localdate()
    klant = melding(
        team["poortwachter"], melddatum=vandaag - datetime.timedelta(days=10), achternaam="Jansen"
    )
    screening_met_afspraak(
        team["poortwachter"], team["intaker"], klant, datum=vandaag - datetime.timedelta(days=9)
    )
    Client.objects.filter(pk=klant.pk).update(
        doelgroepenregister=True, geboortedatum=vandaag.replace(year=vandaag.year - 20)
    )
    login(page, team["intaker"])
    page.goto(f"/klanten/{klant.pk}/ambitiegesprek/")
    advies = page.locator("section.dw-advies")
    assert "Groeien" in advies.inner_text() and "in het doelgroepenregister" in advies.inner_text()
    assert_accessible(page)
    shot(page, "43_ambitiegesprek_advies")

    page.get_by_label("Datum gesprek").fill(vandaag.isoformat())
    for radio in page.locator("input[type=radio][name^=score_][value='3']").all():
        radio.check()
    page.get_by_label("Trede participatieladder").select_option("3")
    page.get_by_label("Kan direct (op zeer korte termijn) aan het werk").check()
    page.get_by_label("Keuze van de klant").select_option(label="Matchen")
    for naam, waarde in (
        ("feedbackmethode", "toegepast"),
        ("huisbezoek", "nee"),
        ("commitment", "getekend"),
    ):
        page.locator(f"input[name='{naam}'][value='{waarde}']").check()
    page.get_by_label("Afspraak = afspraak getekend op").fill(vandaag.isoformat())
    page.get_by_label("Rechten en plichten uitgelegd op").fill(vandaag.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Ambitiegesprek vastleggen").click()
    assert "De klant kiest Matchen, het advies is Groeien" in page.locator("main").inner_text()
    assert page.get_by_label("Kan direct (op zeer korte termijn) aan het werk").is_checked()
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "44_ambitiegesprek_advies_390")
    page.get_by_label("Motivatie").fill("Heeft een baanaanbod en wil dat eerst proberen")
    with page.expect_navigation():
        page.get_by_role("button", name="Ambitiegesprek vastleggen").click()
    gesprek = Ambitiegesprek.objects.get(client=klant)
    assert (gesprek.gekozen_klantgroep.code, gesprek.regeladvies.code) == ("matchen", "groeien")
