"""Issue 30 part 4 in the monitoring: direct help for urgent needs per kind per period and the
total amount of the voorschotten, through the one suppression function like every table."""

import datetime
from decimal import Decimal

import pytest

from clients.signalen import signaal_handel_af, signaal_meld
from monitoring.cijfers import cijfers_bereken
from monitoring.indicators_klantreis import directe_hulp
from monitoring.periods import Periode
from tests.factories import client_in_groep
from tests.fixtures.klok import reis

pytestmark = pytest.mark.django_db
D = datetime.date


def _hulp(users, datum: D, soort: str = "broodnood", **velden):
    with reis(datum):
        return signaal_meld(
            actor=users["poortwachter"], client=client_in_groep("zorgen"), soort=soort, **velden
        )


def _voorschotten(users, datum: D, bedragen):
    for bedrag in bedragen:
        _hulp(users, datum, directe_hulp="voorschot", voorschot_bedrag=Decimal(bedrag))


def test_direct_help_is_counted_per_kind_in_the_period_it_was_recorded(users):
    _voorschotten(users, D(2026, 7, 15), ["100", "250.50", "80"])
    _hulp(users, D(2026, 8, 1), "huisuitzetting", directe_hulp="crisisopvang")
    _hulp(users, D(2026, 9, 30), "schulden", directe_hulp="verwijzing", verwezen_naar="BAD")
    _hulp(users, D(2026, 7, 2), directe_hulp="geen")  # no help: not counted
    later = _hulp(users, D(2026, 6, 20), directe_hulp="geen")  # melding in Q2 ...
    with reis(D(2026, 7, 3)):  # ... voedselbank arranged in Q3: counted in Q3
        signaal_handel_af(
            actor=users["inkomensconsulent"],
            signaal=later,
            afhandeling="Pakket",
            directe_hulp="voedselbank",
        )
    _voorschotten(users, D(2026, 10, 1), ["999"])  # next quarter

    assert directe_hulp(Periode.parse("2026Q3")) == {
        "per_soort": {"voorschot": 3, "voedselbank": 1, "crisisopvang": 1, "verwijzing": 1},
        "voorschot_bedrag": 430.5,
    }
    assert directe_hulp(Periode.parse("2026Q4"))["per_soort"]["voorschot"] == 1


def _tabel(periode: str) -> dict[str, list[str]]:
    from monitoring.presentatie import presenteer

    with reis(D(2026, 11, 24)):
        p = presenteer(cijfers_bereken(Periode.parse(periode)))
    return {str(r[0]): [str(c) for c in r[1:]] for r in p["directe_hulp"].rijen}


def test_the_table_shows_counts_and_the_voorschot_total(users):
    _voorschotten(users, D(2026, 4, 10), ["100", "200", "300", "400", "500.49"])
    for _ in range(6):
        _hulp(users, D(2026, 5, 10), "huisuitzetting", directe_hulp="crisisopvang")
    rijen = _tabel("2026Q2")
    assert rijen["Voorschot op de uitkering"][0] == "5"
    assert rijen["Crisisopvang"][0] == "6"
    assert rijen["Totaal"][0] == "11"
    assert rijen["Totaalbedrag voorschotten"][0] == "€ 1.500"
    assert rijen["Voorschot op de uitkering"][1] == "0"  # the previous quarter, Q1


def test_a_few_voorschotten_hide_their_count_and_their_amount(users):
    _voorschotten(users, D(2026, 4, 10), ["100", "4200"])
    for _ in range(6):
        _hulp(users, D(2026, 5, 10), "huisuitzetting", directe_hulp="crisisopvang")
    rijen = _tabel("2026Q2")
    assert rijen["Voorschot op de uitkering"][0] == "<5"
    # the sum of two payments tells about those two clients: hidden with their count
    assert rijen["Totaalbedrag voorschotten"][0] == "x"
    # the total would give the hidden count away: secondary suppression hides another cell
    assert "x" in rijen["Totaal"][0] + rijen["Crisisopvang"][0]
