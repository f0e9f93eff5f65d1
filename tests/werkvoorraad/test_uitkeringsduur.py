"""Issue 27: a Matchen client whose benefit passes 6 months gets a signal to review the group,
on the werkvoorraad of the contact person of the group's uitvoeringsregie (time travel)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from clients.constants import SignaalSoort, TaakSoort, TaakStatus
from clients.groepen.models import Groepslidmaatschap
from clients.groepen.services import groepsindeling_wijzig
from clients.models import Contactpersoon, Signaal, Taak
from clients.planning import tasks
from clients.planning.models import Uitvoering
from clients.taken import taak_list_werkvoorraad
from tests.factories import ClientFactory, PeriodeFactory, klantgroep

pytestmark = pytest.mark.django_db
D = datetime.date


def _client(code, *, start, coach=None):
    client = ClientFactory()
    PeriodeFactory(client=client, melddatum=start, startdatum=start)
    Groepslidmaatschap.objects.create(
        client=client, klantgroep=klantgroep(code), van=start, soort="eerste_indeling"
    )
    if coach is not None:
        Contactpersoon.objects.create(client=client, organisatie="DWT", medewerker=coach, van=start)
    return client


def _dag(dag):
    """The daily run of the klantgroep checks, on ``dag`` (as beat sends it)."""
    with time_machine.travel(datetime.datetime.combine(dag, datetime.time(5, 30)), tick=False):
        tasks.groep_niet_besproken()
    return Uitvoering.objects.get(soort="groep_niet_besproken", peildatum=dag).resultaat


def test_matchen_past_six_months_lands_on_the_werkcoachs_werkvoorraad(users):
    coach = users["werkcoach"]
    matchen = _client("matchen", start=D(2026, 3, 10), coach=coach)
    groeien = _client("groeien", start=D(2026, 3, 10), coach=coach)

    # Six months to the day is still "< 6 maanden" territory: nothing yet.
    assert _dag(D(2026, 9, 10))["uitkeringsduur"] == 0
    assert not Signaal.objects.exists() and not Taak.objects.exists()

    # The day after, the Matchen client (not the Groeien one: < 3 years) is signalled.
    assert _dag(D(2026, 9, 11))["uitkeringsduur"] == 1
    signaal = Signaal.objects.get()
    assert (signaal.client, signaal.soort) == (matchen, SignaalSoort.UITKERINGSDUUR)
    assert "maximaal 6 maanden" in signaal.omschrijving and "10-03-2026" in signaal.omschrijving
    taak = Taak.objects.get()
    assert (taak.client, taak.soort, taak.medewerker) == (matchen, TaakSoort.GROEP_HERZIEN, coach)
    assert taak.datum == D(2026, 9, 18)
    with time_machine.travel(datetime.datetime(2026, 9, 11, 9), tick=False):
        assert list(taak_list_werkvoorraad(user=coach)) == [taak]

    # Every later run (and a second delivery of the same day) adds nothing.
    assert _dag(D(2026, 9, 11))["uitkeringsduur"] == 0
    assert _dag(D(2026, 10, 1))["uitkeringsduur"] == 0
    assert Signaal.objects.count() == 1 and Taak.objects.count() == 1
    assert not Taak.objects.filter(client=groeien).exists()


def test_without_a_werkcoach_the_dwt_team_queue_gets_it(users):
    client = _client("matchen", start=D(2026, 1, 5))
    _dag(D(2026, 9, 1))
    taak = Taak.objects.get(client=client)
    assert (taak.medewerker, taak.rol, taak.organisatie) == (None, "werkcoach", "DWT")


def test_a_group_change_answers_the_signal_and_the_task(users):
    coach = users["werkcoach"]
    client = _client("matchen", start=D(2026, 1, 5), coach=coach)
    _dag(D(2026, 9, 1))
    with time_machine.travel(datetime.datetime(2026, 9, 3, 10), tick=False):
        groepsindeling_wijzig(
            actor=coach,
            client=client,
            klantgroep=klantgroep("groeien"),
            van=D(2026, 9, 3),
            soort="terugval",
            reden="Heeft eerst scholing nodig",
        )
    taak = Taak.objects.get(client=client, soort=TaakSoort.GROEP_HERZIEN)
    assert taak.status == TaakStatus.AFGEROND and taak.afgerond_door == coach
    signaal = Signaal.objects.get(client=client)
    assert signaal.afgehandeld_op is not None and "Groeien" in signaal.afhandeling
    # In Groeien (< 3 jaar) the same benefit raises nothing new.
    assert _dag(D(2026, 9, 4))["uitkeringsduur"] == 0


def test_the_task_opens_the_klantgroep_form(users, client_as):
    coach = users["werkcoach"]
    client = _client("matchen", start=D(2026, 1, 5), coach=coach)
    _dag(D(2026, 9, 1))
    with time_machine.travel(datetime.datetime(2026, 9, 2, 9), tick=False):
        html = client_as("werkcoach").get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert "Klantgroep herzien" in html
    assert reverse("clients:groepsindeling", args=[client.pk]) in html
