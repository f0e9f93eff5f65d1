"""The legend is an attack too (issue 34): "<5" is 1–4, so an "x" is 0 or at least 5. The two
attacks the issue measured, on the suppression's own interval reasoning and on ``onderdruk``."""

from monitoring.intervallen import interval_afleidbaar
from monitoring.presentatie import Register, onderdruk


def _af(verborgen, primair, relaties, waarden):
    return interval_afleidbaar(
        verborgen=verborgen,
        primair=primair,
        relaties=relaties,
        waarden=waarden,
        negatief=set(),
        drempel=5,
    )


def test_two_small_cells_that_must_be_one_each_are_found():
    # Colmschate 2026Q2, Matchen: 17 + 0 + 0 − <5 − <5 = 15
    rel = [{"b": 1, "i": 1, "d": 1, "a": -1, "c": -1, "e": -1}]
    w = {"b": 17, "i": 0, "d": 0, "a": 1, "c": 1, "e": 15}
    assert _af({"a", "c"}, {"a", "c"}, rel, w) == {"a", "c"}


def test_an_x_that_cannot_be_one_to_four_is_found():
    # the yearly CSV, 2026Q1 Zorgen: 610 + 32 + <5 − 15 − x = 626 gives x = 5, "<5" = 4
    rel = [{"b": 1, "i": 1, "p": 1, "u": -1, "x": -1, "e": -1}]
    w = {"b": 610, "i": 32, "p": 4, "u": 15, "x": 5, "e": 626}
    assert _af({"p", "x"}, {"p"}, rel, w) == {"p", "x"}


def test_a_sum_with_room_gives_nothing_away():
    rel = [{"a": 1, "b": 1, "t": -1}]
    assert _af({"a", "b"}, {"a", "b"}, rel, {"a": 3, "b": 3, "t": 6}) == set()


def test_onderdruk_hides_more_until_the_ranges_pin_nothing():
    """The wijk row itself: exact arithmetic (rank) finds nothing in it, the ranges do;
    onderdruk hides one more cell until they do not."""
    reg = Register(5)
    rij = {"begin": 17, "in": 0, "door": 0, "uit": 1, "weg": 1, "eind": 15}
    for k, v in rij.items():
        reg.n(("r1", k), v)
    reg.relatie(
        {("r1", "begin"): 1, ("r1", "in"): 1, ("r1", "door"): 1, ("r1", "uit"): -1}
        | {("r1", "weg"): -1, ("r1", "eind"): -1}
    )
    verborgen = onderdruk(reg)
    primair = {("r1", "uit"), ("r1", "weg")}
    assert primair < verborgen
    gevonden = interval_afleidbaar(
        verborgen=verborgen,
        primair=primair,
        relaties=reg.relaties,
        waarden=reg.waarden,
        negatief=set(),
        drempel=5,
    )
    assert gevonden == set()
