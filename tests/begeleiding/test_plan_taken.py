"""Issue 28: plan-herzien, plan actions and signal follow-ups are tasks on the owner's
werkvoorraad (``taak_plan`` had no caller for them)."""

import datetime

import pytest

from clients.begeleiding.services import DoelInvoer, plan_stel_vast
from clients.begeleiding.werkvoorraad import open_taken
from clients.constants import TaakSoort
from clients.models import Taak
from clients.signalen import signaal_handel_af, signaal_meld
from deventer_werk.dates import today
from klantgroepen.models import Klantgroep
from tests.factories import client_in_groep

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
D = datetime.date
EIND_2026 = D(2026, 12, 31)


def _doel(deadline=EIND_2026):
    return DoelInvoer(
        leefgebied="werk",
        omschrijving="Werkritme opbouwen",
        acties=[
            {"omschrijving": "Stageplek zoeken", "eigenaar": "professional", "deadline": deadline},
            {"omschrijving": "Elke ochtend om 8 uur op", "eigenaar": "klant", "deadline": deadline},
        ],
    )


def _open(klant, soort):
    return Taak.objects.filter(client=klant, soort=soort, status="open")


def test_plan_herzien_after_the_groups_interval_and_actions_on_the_werkvoorraad(users):
    Klantgroep.objects.filter(code="groeien").update(plan_herzien_maanden=4)
    coach = users["werkcoach"]
    klant = client_in_groep("groeien", van=D(2026, 1, 1), dwt=coach)
    plan_stel_vast(
        actor=coach,
        client=klant,
        vastgesteld_op=D(2026, 2, 1),
        doelen=[_doel()],
        gebaseerd_op_versie=0,
    )
    herzien = _open(klant, TaakSoort.PLAN_HERZIEN).get()
    assert (herzien.datum, herzien.medewerker) == (D(2026, 6, 1), coach)  # Groeien: 4 months
    actie = _open(klant, TaakSoort.ACTIE).get()  # the client's own action is no task
    assert (actie.datum, actie.medewerker) == (D(2026, 12, 31), coach)
    assert "Stageplek zoeken" in actie.omschrijving
    assert set(open_taken(user=coach).filter(client=klant).values_list("soort", flat=True)) == {
        TaakSoort.PLAN_HERZIEN,
        TaakSoort.ACTIE,
    }
    # the revision completes plan-herzien, plans the next, and replaces the action tasks
    plan_stel_vast(
        actor=coach,
        client=klant,
        vastgesteld_op=D(2026, 6, 1),
        doelen=[_doel(deadline=D(2026, 9, 1))],
        gebaseerd_op_versie=1,
    )
    herzien.refresh_from_db()
    actie.refresh_from_db()
    assert herzien.status == "afgerond" and actie.status == "vervallen"
    assert list(_open(klant, TaakSoort.PLAN_HERZIEN).values_list("datum", flat=True)) == [
        D(2026, 10, 1)
    ]
    assert list(_open(klant, TaakSoort.ACTIE).values_list("datum", flat=True)) == [D(2026, 9, 1)]


def test_without_a_group_interval_the_general_plan_term_applies(users):
    klant = client_in_groep("matchen", van=D(2026, 1, 1))
    plan_stel_vast(
        actor=users["werkcoach"],
        client=klant,
        vastgesteld_op=D(2026, 2, 1),
        doelen=[_doel()],
        gebaseerd_op_versie=0,
    )
    assert _open(klant, TaakSoort.PLAN_HERZIEN).get().datum == D(2027, 2, 1)  # 12 months


def test_urgent_signal_follow_up_on_the_io_contact_or_the_team_queue(users):
    ic = users["inkomensconsulent"]
    zonder = client_in_groep("zorgen", van=D(2026, 1, 1))
    met = client_in_groep("zorgen", van=D(2026, 1, 1), io=ic)
    ander_ic = users["poortwachter"]
    s1 = signaal_meld(actor=ander_ic, client=zonder, soort="broodnood", omschrijving="Geen eten")
    signaal_meld(actor=ander_ic, client=met, soort="huisuitzetting")
    wachtrij = _open(zonder, TaakSoort.OPVOLGING).get()
    assert (wachtrij.medewerker, wachtrij.rol, wachtrij.organisatie) == (
        None,
        "inkomensconsulent",
        "IO",
    )
    eigen = _open(met, TaakSoort.OPVOLGING).get()
    assert eigen.medewerker == ic
    assert wachtrij.datum == eigen.datum == today()  # urgent: today
    assert {wachtrij.pk, eigen.pk} <= set(open_taken(user=ic).values_list("pk", flat=True))
    # handling the signal completes its follow-up
    signaal_handel_af(actor=ic, signaal=s1, afhandeling="Voedselbank geregeld")
    wachtrij.refresh_from_db()
    assert wachtrij.status == "afgerond"


def test_handhaving_signals_get_no_follow_up_task_of_their_own(users):
    klant = client_in_groep("groeien", van=D(2026, 1, 1))
    signaal_meld(actor=users["werkcoach"], client=klant, soort="niet_meewerken")
    assert not _open(klant, TaakSoort.OPVOLGING).exists()  # the handhaver's triage list
