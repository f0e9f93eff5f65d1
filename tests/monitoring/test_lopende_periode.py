"""A running period adds up (issue 34 item 4): its stand is taken today, so every flow runs to
today too; a benefit ending or a group change dated after today is not counted yet."""

import datetime

import pytest
import time_machine

from clients.constants import Uitstroomreden
from monitoring.cijfers import cijfers_bereken
from monitoring.periods import Periode
from tests.monitoring.test_rapport import _client, history  # noqa: F401

pytestmark = pytest.mark.django_db
D = datetime.date
Q4 = Periode.parse("2026Q4")
NU = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def later_gedateerd(history):  # noqa: F811
    """Next to the known history: two benefits already recorded as ending in December (after
    today), one that ended last week, a doorstroom dated in December and a new client who
    starts in December."""
    for eind in (D(2026, 12, 14), D(2026, 12, 24)):
        _client(
            [("matchen", D(2025, 5, 1), eind, "eerste_indeling")],
            start=D(2025, 4, 1),
            eind=eind,
            reden=Uitstroomreden.WERK_REGULIER,
        )
    _client(
        [("groeien", D(2025, 5, 1), D(2026, 11, 17), "eerste_indeling")],
        start=D(2025, 4, 1),
        eind=D(2026, 11, 17),
        reden=Uitstroomreden.WERK_REGULIER,
    )
    _client(
        [
            ("groeien", D(2025, 5, 1), D(2026, 12, 1), "eerste_indeling"),
            ("matchen", D(2026, 12, 1), None, "doorstroom"),
        ],
        start=D(2025, 4, 1),
    )
    _client([("zorgen", D(2026, 12, 3), None, "eerste_indeling")], start=D(2026, 12, 1))


def _klopt(cijfers: dict) -> dict[str, tuple[int, int]]:
    """Per group: (begin + in − out, the stand at the peildatum) where they differ."""
    fouten = {}
    groepen = {g["code"] for g in cijfers["klantgroepen"]}
    for g in groepen:
        door_in = sum(rij.get(g, 0) for rij in cijfers["doorstroom"].values())
        door_uit = sum(cijfers["doorstroom"].get(g, {}).values())
        berekend = (
            cijfers["bestand_begin"].get(g, 0)
            + cijfers["instroom"].get(g, 0)
            + door_in
            - door_uit
            - cijfers["uitstroom"].get(g, 0)
        )
        if berekend != cijfers["bestand_eind"].get(g, 0):
            fouten[g] = (berekend, cijfers["bestand_eind"].get(g, 0))
    return fouten


def test_the_running_period_counts_flows_to_the_peildatum_of_its_stand(later_gedateerd):
    with time_machine.travel(NU, tick=False):
        cijfers = cijfers_bereken(Q4)
    huidig = cijfers["huidig"]
    assert huidig["periode"]["voorlopig"] and huidig["peildatum"] == "2026-11-24"
    assert _klopt({**cijfers, **huidig}) == {}
    # only last week's ending is in; the December ones and the December changes are not
    assert sum(huidig["uitstroom"].values()) == 1
    assert sum(sum(r.values()) for r in huidig["redenen"].values()) == 1
    assert huidig["doorstroom"] == {} and "zorgen" not in huidig["instroom"]
    assert huidig["nieuwe_uitkeringen"] == 0


def test_once_finished_the_same_period_counts_everything(later_gedateerd):
    with time_machine.travel(datetime.datetime(2027, 1, 5, 10, tzinfo=datetime.UTC), tick=False):
        cijfers = cijfers_bereken(Q4)
    huidig = cijfers["huidig"]
    assert not huidig["periode"]["voorlopig"] and huidig["peildatum"] == "2026-12-31"
    assert _klopt({**cijfers, **huidig}) == {}
    assert sum(huidig["uitstroom"].values()) == 3
    assert huidig["doorstroom"] == {"groeien": {"matchen": 1}}
    assert huidig["instroom"].get("zorgen") == 1 and huidig["nieuwe_uitkeringen"] == 1


def test_a_future_period_counts_nothing_yet():
    assert Q4.gemeten(D(2026, 9, 1)).eind < Q4.start
    assert Q4.gemeten(D(2026, 11, 24)).eind == D(2026, 11, 24)
    assert Q4.gemeten(D(2027, 1, 1)) == Q4


def test_every_relation_of_the_running_period_holds(later_gedateerd):
    """The tables of a running period add up, "Matchen en Groeien op de peildatum" included
    (registered against the bestand table's stand on the same day)."""
    from monitoring.presentatie import presenteer

    with time_machine.travel(NU, tick=False):
        p = presenteer(cijfers_bereken(Q4))
    mg = [r for r in p.register.relaties if any(k[0] == "kr" and k[2] == "mg" for k in r)]
    assert mg, "the Matchen + Groeien relation is registered for the running period too"
    for r in p.register.relaties:
        assert sum(c * p.register.waarden[k] for k, c in r.items()) == 0, r


def test_captions_say_voorlopig_once(later_gedateerd, client_as):
    from django.urls import reverse

    with time_machine.travel(NU, tick=False):
        html = client_as("beleidsmedewerker").get(
            reverse("monitoring:dashboard"), {"periode": "2026Q4"}
        )
    tekst = html.content.decode()
    assert "(voorlopig)" in tekst
    assert "(voorlopig) <span" not in tekst and "(voorlopig) (voorlopig)" not in tekst
