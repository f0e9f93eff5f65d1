"""Issue 26 in Chromium: the policy's example persons of §3.1 from the ambitiegesprek to the
first appointment after the kick-off (§3.2, §4.1), every step by the role that does it in
the browser; and a no-show who is invited again.

Only the start (a melding screened for an ambitiegesprek) is made with services; from there
the story moves on through pages only. The clock travels to the day of the kick-off (the
live server runs in this process, so it travels along); each role logs in again then.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from clients.intake.models import KickoffSessie, KickoffUitnodiging
from clients.models import Client, Contactpersoon, Taak
from tests.factories import UserFactory, klantgroep
from tests.intake.factories import PERSPECTIEF_VOOR, ambitie, melding, screening_met_afspraak

from .conftest import assert_accessible, login, shot

PERSONEN = [
    # key, voornaam, achternaam, groep, who follows up, named by the trainer?
    ("matchen", "Ruben", "de Wit", "Matchen", "werkcoach", True),
    ("groeien", "Samira", "El Amrani", "Groeien", "werkcoach", False),
    ("faciliteren", "Gerrit", "Holtkamp", "Faciliteren", "participatiemakelaar", True),
]


@pytest.fixture
def team(db):
    return {
        rol: UserFactory(username=f"{rol}-ko", rol=rol)
        for rol in ("poortwachter", "intaker", "trainer", "werkcoach", "participatiemakelaar")
    }


def _als(browser, live_server, user):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    p = context.new_page()
    login(p, user)
    return p


def _submit(p, name):
    with p.expect_navigation():
        p.get_by_role("button", name=name).click()


def _melding(team, achternaam, voornaam, **kwargs):
    klant = melding(team["poortwachter"], achternaam=achternaam, **kwargs)
    Client.objects.filter(pk=klant.pk).update(voornamen=voornaam)
    klant.refresh_from_db()
    return klant


def _dag(datum: datetime.date, uur: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time(uur)))


@pytest.mark.parametrize(
    ("key", "voornaam", "achternaam", "groep", "rol", "genoemd"),
    PERSONEN,
    ids=[p[0] for p in PERSONEN],
)
def test_persona_from_ambitiegesprek_to_first_appointment_after_the_kickoff(
    page, browser, live_server, team, key, voornaam, achternaam, groep, rol, genoemd
):
    vandaag = timezone.localdate()
    kickoff_dag = vandaag + datetime.timedelta(days=15)
    # the start: a melding screened for an ambitiegesprek with the intaker
    klant = _melding(team, achternaam, voornaam, melddatum=vandaag - datetime.timedelta(days=10))
    screening_met_afspraak(
        team["poortwachter"], team["intaker"], klant, datum=vandaag - datetime.timedelta(days=9)
    )

    # 1. trainer: plans the kick-off of the group
    p = _als(browser, live_server, team["trainer"])
    p.goto("/kick-off/")
    p.get_by_label("Klantgroep").select_option(label=groep)
    p.get_by_label("Datum").fill(kickoff_dag.isoformat())
    p.get_by_label("Tijd").fill("10:00")
    p.get_by_label("Plaats").fill("DWT, Hanzeweg")
    p.get_by_label("Trainer").select_option(str(team["trainer"].pk))
    p.get_by_label("Capaciteit").fill("12")
    _submit(p, "Bijeenkomst plannen")
    assert "De kick-offbijeenkomst is gepland." in p.locator("main").inner_text()
    p.context.close()

    # 2. intaker: the ambitiegesprek; the confirmation names the kick-off at once
    p = _als(browser, live_server, team["intaker"])
    p.goto(f"/klanten/{klant.pk}/ambitiegesprek/")
    # no date arrives filled in (issue 27: honest forms)
    for veld in ("Datum gesprek", "Afspraak = afspraak getekend op", "Rechten en plichten"):
        p.get_by_label(veld).fill(vandaag.isoformat())
    for radio in p.locator("input[type=radio][value='3']").all():
        radio.check()
    p.get_by_label("Trede participatieladder").select_option("3")
    p.get_by_label("Keuze van de klant").select_option(label=groep)
    # the advice comes from the beleidsregels (issue 27): what the client can do decides it
    p.locator(f"input[name='perspectief'][value='{PERSPECTIEF_VOOR[groep.lower()]}']").check()
    for naam, waarde in (
        ("feedbackmethode", "toegepast"),
        ("huisbezoek", "nee"),
        ("commitment", "getekend"),
    ):
        p.locator(f"input[name='{naam}'][value='{waarde}']").check()
    _submit(p, "Ambitiegesprek vastleggen")
    main = p.locator("main").inner_text()
    assert f"Uitgenodigd voor de kick-off {groep} op " in main
    assert f"{kickoff_dag.day} " in main and "om 10:00 (DWT, Hanzeweg)" in main
    shot(p, f"40_{key}_uitnodiging_na_ambitiegesprek")
    if groep != "Faciliteren":  # DWT regie: the intaker still sees the dossier
        assert "DWT, Hanzeweg: uitgenodigd" in p.locator("#kickoff-uitnodiging").inner_text()
    p.context.close()

    # 3. the day of the kick-off: the trainer records attendance from the start page
    with time_machine.travel(_dag(kickoff_dag, 12), tick=True):
        p = _als(browser, live_server, team["trainer"])
        p.goto("/")
        assert_accessible(p)
        shot(p, f"45_{key}_start_trainer")
        p.get_by_role("link", name=f"{groep} {kickoff_dag:%d-%m-%Y} 10:00").click()
        p.get_by_label("Aanwezig", exact=True).check()
        if genoemd:
            label = "Werkcoach (DWT)" if rol == "werkcoach" else "Participatiemakelaar"
            p.get_by_label(label).select_option(str(team[rol].pk))
        assert_accessible(p)
        shot(p, f"41_{key}_presentielijst")
        _submit(p, f"Opslaan voor {voornaam} {achternaam}")
        assert "is vastgelegd" in p.locator("main").inner_text()
        p.context.close()

        # 4. the werkcoach / participatiemakelaar finds the first appointment
        p = _als(browser, live_server, team[rol])
        if not genoemd:  # the DWT team queue: a werkcoach claims the client
            p.goto("/")
            rij = p.locator("tr", has_text="Klant zonder contactpersoon").filter(
                has_text=achternaam
            )
            rij.get_by_role("link", name="Afronden, verplaatsen of overdragen").click()
            _submit(p, "Ik word contactpersoon")
        p.goto("/")
        werk = p.locator("main").inner_text()
        afspraak = kickoff_dag + datetime.timedelta(days=7)
        wat = "Eerste afspraak met de werkcoach" if rol == "werkcoach" else "Kennismaking"
        rij = p.locator("tr", has_text=wat).filter(has_text=achternaam)
        assert rij.count() == 1, werk
        assert f"{afspraak:%d-%m-%Y} 10:00" in rij.inner_text()
        shot(p, f"42_{key}_eerste_afspraak_{rol}")
        p.context.close()

    taak = Taak.objects.get(client=klant, soort="kickoff")
    assert taak.medewerker == team[rol] and taak.datum == kickoff_dag + datetime.timedelta(days=7)
    contact_rol = "" if rol == "werkcoach" else "participatiemakelaar"
    assert (
        Contactpersoon.objects.actueel().get(client=klant, rol=contact_rol).medewerker == team[rol]
    )


def test_a_no_show_is_invited_to_the_next_session(page, browser, live_server, team):
    vandaag = timezone.localdate()
    eerste, tweede = (vandaag + datetime.timedelta(days=d) for d in (15, 29))
    for dag in (eerste, tweede):
        KickoffSessie.objects.create(
            klantgroep=klantgroep("groeien"),
            datum=_dag(dag, 10),
            plaats="DWT, Hanzeweg",
            trainer=team["trainer"],
            capaciteit=10,
        )
    klant = _melding(team, "Brink", "Daan")
    ambitie(team["intaker"], klant, "groeien", datum=vandaag)
    with time_machine.travel(_dag(eerste, 13), tick=True):
        p = _als(browser, live_server, team["trainer"])
        p.goto("/kick-off/")
        p.get_by_role("link", name=f"{eerste:%d}", exact=False).first.click()
        p.get_by_label("Niet verschenen").check()
        _submit(p, "Opslaan voor Daan Brink")
        main = p.locator("main").inner_text()
        assert f"Daan Brink is opnieuw uitgenodigd: {tweede:%d-%m-%Y} om 10:00" in main
        shot(p, "43_no_show_opnieuw_uitgenodigd")
        p.context.close()
    open_ = KickoffUitnodiging.objects.get(client=klant, aanwezigheid="")
    assert open_.sessie.datum == _dag(tweede, 10) and open_.aanleiding == "opnieuw"


def test_the_trainer_invites_a_batch_of_the_bestand(page, browser, live_server, team):
    from tests.factories import bulk_clients
    from tests.intake.test_kickoff import _oud_gesprek

    vandaag = timezone.localdate()
    KickoffSessie.objects.create(
        klantgroep=klantgroep("zorgen"),
        datum=_dag(vandaag + datetime.timedelta(days=10), 10),
        plaats="Wijkcentrum De Hoven",
        trainer=team["trainer"],
        capaciteit=10,
    )
    for c in bulk_clients(12, "zorgen", van=datetime.date(2022, 1, 10), fase="ingedeeld"):
        _oud_gesprek(c, team["intaker"], datetime.date(2022, 1, 10))
    p = _als(browser, live_server, team["trainer"])
    p.goto("/kick-off/")
    p.get_by_role("link", name="Bestaand bestand uitnodigen (in porties)").click()
    p.get_by_label("Klantgroep").select_option(label="Zorgen")
    p.get_by_label("Aantal klanten").fill("12")
    assert_accessible(p)
    _submit(p, "Portie uitnodigen")
    main = p.locator("main").inner_text()
    assert "6 klanten van Zorgen uit het bestaande bestand uitgenodigd (gevraagd: 12)" in main
    assert "per bijeenkomst blijven 4 plaatsen vrij voor nieuwe klanten" in main
    shot(p, "44_bestand_portie")
    p.context.close()
    assert KickoffUitnodiging.objects.filter(aanleiding="bestand").count() == 6
