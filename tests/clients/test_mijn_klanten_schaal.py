"""The poortwachter's "mijn klanten" at city size: the list starts from her own meldingen
(index ``periode_gemeld_door_idx``), never tests a subquery on every client (1.1 s at 200,000
clients), and lists the same clients in the same order."""

import datetime

import pytest
from django.db import connection

from clients.constants import Fase
from clients.models import Client
from clients.selectors import client_list_mijn_klanten
from tests.factories import UserFactory, client_in_groep
from tests.fixtures.klok import VANDAAG

from .test_mijn_meldingen import _meld

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def _plan(qs) -> str:
    with connection.cursor() as cur:  # a tiny table is scanned; force the planner's hand
        cur.execute("SET LOCAL enable_seqscan = off")
        return qs.explain()


def test_the_poortwachter_list_starts_from_her_own_meldingen(users):
    pw = users["poortwachter"]
    _meld(pw, VANDAAG, "Eigen")
    qs = client_list_mijn_klanten(user=pw)
    # the count (paginator) and the page: no per-client subplan in the filter
    for plan in (_plan(qs.order_by()), _plan(qs[:50])):
        assert "periode_gemeld_door_idx" in plan
        filters = [r for r in plan.splitlines() if "Filter:" in r]
        assert not any("SubPlan" in r for r in filters), plan


def test_same_clients_in_the_same_order(users):
    pw = users["poortwachter"]
    ander = UserFactory(username="poortwachter2", rol="poortwachter")
    grens = VANDAAG - datetime.timedelta(weeks=8)
    b = _meld(pw, VANDAAG - datetime.timedelta(days=2), "Bakker")
    a = _meld(pw, VANDAAG - datetime.timedelta(days=2), "Aalders")
    c = _meld(pw, VANDAAG, "Claes")
    d = _meld(pw, grens, "Dekker")
    _meld(pw, grens - datetime.timedelta(days=1), "Te-oud")
    _meld(ander, VANDAAG, "Collega")
    klanten = list(client_list_mijn_klanten(user=pw))
    assert klanten == [c, a, b, d]
    assert [k.eigen_melddatum for k in klanten] == [
        VANDAAG,
        VANDAAG - datetime.timedelta(days=2),
        VANDAAG - datetime.timedelta(days=2),
        grens,
    ]


def test_combined_role_lists_meldingen_and_open_contact_clients_once(users):
    beide = UserFactory(username="pw-ic", rol="poortwachter")
    beide.groups.add(*users["inkomensconsulent"].groups.all())
    eigen = client_in_groep("zorgen", io=beide, achternaam="Contact")
    dicht = client_in_groep("zorgen", io=beide, achternaam="Dicht")
    Client.objects.filter(pk=dicht.pk).update(fase=Fase.AFGESLOTEN)
    melding = _meld(beide, VANDAAG, "Melding")
    klanten = list(client_list_mijn_klanten(user=beide))
    # contact clients without an own melding first (no melddatum sorts first, descending)
    assert klanten == [eigen, melding]
    assert client_list_mijn_klanten(user=beide).count() == 2
