"""Issue 33, city scale: the intaker's figure per klantgroep and the trainer's kick-off
bestand count the whole bestand, so the pages keep those counts (per server process) until a
gesprek is recorded or an invitation sent, or for a few minutes; the worklists stay current."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clients.intake.selectors import (
    ambitiegesprek_voortgang,
    ambitiegesprek_voortgang_stand,
    kickoff_bestand_overzicht,
)
from clients.intake.services.bestand import kickoff_bestand, kickoff_bestand_nodig_uit
from klantgroepen.models import Klantgroep
from tests.factories import client_in_groep, klantgroep
from tests.fixtures.cache import GEDEELD_BEREKEND

from .factories import ambitie
from .test_kickoff_bestand import _bestand, _sessie

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

TELLING = 'LEFT OUTER JOIN "klantgroepen_groepslidmaatschap" huidig'


def _rij(html: str, groep: str) -> str:
    start = html.index(f'scope="row">{groep}</th>')
    return html[start : html.index("</tr>", start)]


def test_the_start_page_keeps_the_figure_until_a_gesprek_is_recorded(client_as, users):
    client_in_groep("zorgen")
    gehouden = client_in_groep("zorgen")
    c = client_as("intaker")
    html = c.get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert '<td class="utrecht-table__cell">0</td><td class="utrecht-table__cell">2</td>' in (
        _rij(html, "Zorgen")
    )
    assert "stand van" in html

    # Another client without a gesprek: the kept figure is shown, nothing is counted again
    # (the list of clients to talk to is current all the same).
    client_in_groep("zorgen", achternaam="Laatkomer")
    with CaptureQueriesContext(connection) as q:
        html = c.get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert not [x for x in q.captured_queries if TELLING in x["sql"]]
    assert '<td class="utrecht-table__cell">2</td>' in _rij(html, "Zorgen")
    assert "Laatkomer" in html

    # A gesprek recorded: the next view counts afresh, the new client included.
    ambitie(users["intaker"], gehouden, "zorgen", datum=gehouden.perioden.get().melddatum)
    with CaptureQueriesContext(connection) as q:
        html = c.get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert len([x for x in q.captured_queries if TELLING in x["sql"]]) == 1
    assert (
        '<td class="utrecht-table__cell">1</td><td class="utrecht-table__cell">2</td>'
        '<td class="utrecht-table__cell">3</td>'
    ) in _rij(html, "Zorgen")


def test_the_kept_figure_equals_a_fresh_count(users, django_assert_num_queries):
    for code in ("matchen", "groeien", "zorgen"):
        client_in_groep(code)
    # the newest gesprek's id, then the count, kept for the other processes too
    with django_assert_num_queries(2 + GEDEELD_BEREKEND):
        stand = ambitiegesprek_voortgang_stand()
    assert stand["rijen"] == ambitiegesprek_voortgang()
    with django_assert_num_queries(1):  # kept: only the newest gesprek's id
        assert ambitiegesprek_voortgang_stand() == stand


def test_kickoff_bestand_counts_in_one_query_and_fresh_after_a_batch(
    users, django_assert_num_queries
):
    _sessie(users["trainer"], 9)
    _bestand(users, 5)
    _bestand(users, 2, code="matchen")
    groepen = Klantgroep.objects.count()

    def aantallen():
        return {o["groep"].code: o["bestand"] for o in kickoff_bestand_overzicht()}

    # reserve, sessions, two newest ids, the bestand per group, the groups: whatever the size
    with django_assert_num_queries(6 + GEDEELD_BEREKEND):
        eerst = aantallen()
    assert len(eerst) == groepen
    assert eerst == {
        g.code: kickoff_bestand(klantgroep=g).count() for g in Klantgroep.objects.all()
    }
    assert (eerst["groeien"], eerst["matchen"], eerst["zorgen"]) == (5, 2, 0)
    with django_assert_num_queries(5):  # kept
        assert aantallen() == eerst

    kickoff_bestand_nodig_uit(actor=users["trainer"], klantgroep=klantgroep("groeien"), aantal=2)
    assert aantallen()["groeien"] == 3  # the invitation shows at once


def test_the_intakers_list_takes_its_total_from_the_kept_figure(users):
    """DWT holds the gesprek with the whole bestand: the heading's total is the kept figure's
    "te houden" (the same definition), not a count of the bestand on every view."""
    from clients.begeleiding.startpagina import intaker_sectie
    from clients.intake.selectors import zonder_ambitiegesprek

    for code in ("matchen", "groeien", "zorgen", "faciliteren"):
        client_in_groep(code)
    intaker = users["intaker"]
    gehouden = client_in_groep("matchen")
    ambitie(intaker, gehouden, "matchen", datum=gehouden.perioden.get().melddatum)
    eerst = intaker_sectie(user=intaker)["zonder_ambitie"]
    assert eerst["totaal"] == zonder_ambitiegesprek().count() == 4
    with CaptureQueriesContext(connection) as q:
        tweede = intaker_sectie(user=intaker)["zonder_ambitie"]
    assert not [x for x in q.captured_queries if 'COUNT(*) AS "__count"' in x["sql"]]
    assert tweede["totaal"] == 4 and len(tweede["rijen"]) == 4
