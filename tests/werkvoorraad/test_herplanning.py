"""Re-planning as one rule: one test per trigger, each proving no stale or duplicate open task."""

import datetime

import pytest
import time_machine

from clients.constants import TaakSoort
from clients.groepen.services import groepsindeling_wijzig
from clients.handhaving.models import SteekproefInstelling
from clients.models import Taak
from clients.planning import planner as planning
from clients.services import contactpersoon_wijs_toe, periode_sluit
from clients.taken import taak_plan
from tests.factories import UserFactory, client_in_groep, klantgroep

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _geen_steekproef():
    SteekproefInstelling.objects.update(percentage=0)


def _plan(dag):
    with time_machine.travel(datetime.datetime.combine(dag, datetime.time(5)), tick=False):
        return planning.plan_voortgang(peildatum=dag, horizon_dagen=0)


def _geen_dubbele_open_taken():
    rijen = list(Taak.objects.filter(status="open").values_list("client_id", "soort"))
    eenmalig = [r for r in rijen if r[1] not in (TaakSoort.NAZORG, TaakSoort.OVERIG)]
    assert len(eenmalig) == len(set(eenmalig))


def test_group_change_cancels_work_the_new_group_does_not_have(users):
    klant = client_in_groep("faciliteren", van=D(2024, 1, 1), io=users["inkomensconsulent"])
    _plan(D(2025, 12, 20))
    with time_machine.travel(datetime.datetime(2025, 12, 22, 12), tick=False):
        groepsindeling_wijzig(
            actor=users["inkomensconsulent"],
            client=klant,
            klantgroep=klantgroep("matchen"),
            van=D(2025, 12, 22),
            soort="terugval",
            reden="Kan weer werken",
        )
    _plan(D(2025, 12, 23))
    open_soorten = set(
        Taak.objects.filter(client=klant, status="open").values_list("soort", flat=True)
    )
    assert open_soorten == {TaakSoort.TOEWIJZEN}  # Matchen: no gesprek; DWT has no coach yet
    vervallen = Taak.objects.get(client=klant, soort=TaakSoort.VOORTGANGSGESPREK)
    assert vervallen.status == "vervallen" and "klantgroep" in vervallen.reden
    _geen_dubbele_open_taken()


def test_uitstroom_naar_werk_keeps_nazorg_and_cancels_the_rest(users):
    klant = client_in_groep("groeien", van=D(2025, 1, 1), io=users["inkomensconsulent"])
    _plan(D(2026, 1, 2))
    coach = users["werkcoach"]
    for maanden in (6, 12):
        taak_plan(
            client=klant,
            soort=TaakSoort.NAZORG,
            omschrijving=f"Nazorg {maanden} maanden",
            datum=D(2026, 11, 1) + datetime.timedelta(days=30 * maanden),
            medewerker=coach,
            sleutel=f"nazorg:1:{maanden}",
        )
    periode_sluit(
        actor=users["inkomensconsulent"],
        client=klant,
        einddatum=D(2026, 11, 20),
        reden="werk_regulier",
    )
    _plan(D(2026, 11, 24))  # the planner after uitstroom changes nothing more
    rijen = dict(Taak.objects.filter(client=klant).values_list("sleutel", "status"))
    assert [s for s, st in rijen.items() if st == "open"] == ["nazorg:1:6", "nazorg:1:12"]
    voortgang = Taak.objects.get(client=klant, soort=TaakSoort.VOORTGANGSGESPREK)
    assert voortgang.status == "vervallen" and "Uitstroom" in voortgang.reden
    _geen_dubbele_open_taken()


def test_contact_change_re_owns_open_tasks_at_once_and_the_planner_agrees(users):
    oud = users["inkomensconsulent"]
    nieuw = UserFactory(username="ic2", rol="inkomensconsulent")
    klant = client_in_groep("zorgen", van=D(2025, 2, 1), io=oud)
    _plan(D(2025, 8, 1))
    wachtrij = Taak.objects.create(
        client=klant,
        soort=TaakSoort.BESLUIT,
        omschrijving="Besluit",
        datum=D(2025, 8, 5),
        rol="inkomensconsulent",
        organisatie="IO",
    )
    with time_machine.travel(datetime.datetime(2025, 8, 2, 12), tick=False):
        contactpersoon_wijs_toe(actor=oud, client=klant, medewerker=nieuw, van=D(2025, 8, 2))
    voortgang = Taak.objects.get(client=klant, soort=TaakSoort.VOORTGANGSGESPREK, status="open")
    wachtrij.refresh_from_db()
    assert voortgang.medewerker == nieuw and wachtrij.medewerker == nieuw
    _plan(D(2025, 8, 3))
    assert Taak.objects.get(client=klant, status="open", soort="voortgangsgesprek").medewerker == (
        nieuw
    )
    _geen_dubbele_open_taken()


def test_planner_re_owns_when_the_contact_changed_behind_its_back(users):
    from clients.models import Contactpersoon

    oud = users["inkomensconsulent"]
    nieuw = UserFactory(username="ic3", rol="inkomensconsulent")
    klant = client_in_groep("zorgen", van=D(2025, 2, 1), io=oud)
    _plan(D(2025, 8, 1))
    Contactpersoon.objects.filter(client=klant).update(tot=D(2025, 8, 2))
    Contactpersoon.objects.create(
        client=klant, organisatie="IO", medewerker=nieuw, van=D(2025, 8, 2)
    )
    _plan(D(2025, 8, 3))
    assert Taak.objects.get(client=klant, status="open").medewerker == nieuw


def test_configuration_change_moves_the_open_gesprek(users):
    klant = client_in_groep("zorgen", van=D(2025, 2, 1), io=users["inkomensconsulent"])
    _plan(D(2025, 8, 1))
    zorgen = klantgroep("zorgen")
    zorgen.voortgangsgesprekken_per_jaar = 4
    zorgen.save()
    _plan(D(2025, 8, 1))
    rijen = sorted(Taak.objects.filter(client=klant).values_list("datum", "status"))
    assert rijen == [(D(2025, 5, 1), "open"), (D(2025, 8, 1), "verplaatst")]
    _geen_dubbele_open_taken()


def test_a_client_without_owner_lands_in_the_team_queue_once(users):
    klant = client_in_groep("groeien", van=D(2025, 1, 1), io=users["inkomensconsulent"])
    assert planning.plan_zonder_eigenaar(peildatum=D(2026, 11, 24)) == 1
    planning.plan_zonder_eigenaar(peildatum=D(2026, 11, 25))
    taak = Taak.objects.get(client=klant, soort=TaakSoort.TOEWIJZEN)
    assert (taak.rol, taak.organisatie, taak.status) == ("werkcoach", "DWT", "open")
    contactpersoon_wijs_toe(actor=users["werkcoach"], client=klant, medewerker=users["werkcoach"])
    taak.refresh_from_db()
    assert taak.status == "afgerond"
    assert planning.plan_zonder_eigenaar(peildatum=D(2026, 11, 26)) == 0


def test_two_contact_roles_at_io_for_one_faciliteren_client(users):
    from clients.models import Contactpersoon

    klant = client_in_groep("faciliteren", io=users["inkomensconsulent"])
    contactpersoon_wijs_toe(
        actor=users["participatiemakelaar"], client=klant, medewerker=users["participatiemakelaar"]
    )
    open_contacten = set(
        Contactpersoon.objects.filter(client=klant, tot__isnull=True).values_list(
            "medewerker__username", "rol"
        )
    )
    assert open_contacten == {
        ("inkomensconsulent", ""),
        ("participatiemakelaar", "participatiemakelaar"),
    }
