"""Issue 27 part 3 in the monitoring: Groeien kenmerken per client (current value on the
peildatum, Groeien and overall) and ambitiegesprekken held / to hold, new clients apart
from the existing bestand; small cells suppressed like every other table."""

import datetime

import pytest

from clients.begeleiding.models import Voortgangsgesprek
from clients.groepen.models import Groepslidmaatschap
from clients.intake.models import Ambitiegesprek, DiagnoseInstrument
from clients.models import Uitkeringsperiode
from monitoring.cijfers import cijfers_bereken
from monitoring.indicators_afspraken import ambitie_stand, kenmerken_stand
from monitoring.periods import Periode
from monitoring.presentatie import Register, afleidbaar, onderdruk, presenteer
from monitoring.tabellen_afspraken import afspraken
from tests.factories import ClientFactory, klantgroep

pytestmark = pytest.mark.django_db
D = datetime.date
PEIL = D(2026, 6, 30)


def _klant(code: str | None, *, gemeld: D, eind: D | None = None):
    client = ClientFactory.create()
    Uitkeringsperiode.objects.create(
        client=client,
        melddatum=gemeld,
        einddatum=eind,
        uitstroomreden="werk_regulier" if eind else "",
    )
    if code:
        Groepslidmaatschap.objects.create(
            client=client, klantgroep=klantgroep(code), van=gemeld, soort="eerste_indeling"
        )
    return client


def _ambitie(client, users, *, datum: D, kenmerken=None):
    groep = Groepslidmaatschap.objects.get(client=client)
    return Ambitiegesprek.objects.create(
        client=client,
        datum=datum,
        intaker=users["intaker"],
        instrument=DiagnoseInstrument.objects.get(actief=True),
        participatieladder=3,
        gekozen_klantgroep=groep.klantgroep,
        geadviseerde_klantgroep=groep.klantgroep,
        rechten_plichten_op=datum,
        groeien_kenmerken=kenmerken,
        lidmaatschap=groep,
    )


def _voortgang(client, users, *, datum: D, kenmerken):
    Voortgangsgesprek.objects.create(
        client=client,
        datum=datum,
        gehouden_door=users["inkomensconsulent"],
        plek="kantoor",
        welzijn=3,
        stress=3,
        juiste_groep=True,
        groeien_kenmerken=kenmerken,
    )


def test_kenmerken_count_the_current_value_on_the_peildatum(users):
    a = _klant("groeien", gemeld=D(2025, 1, 1))
    _ambitie(a, users, datum=D(2025, 2, 1), kenmerken=["niet_weter", "vanuit_ww"])
    b = _klant("groeien", gemeld=D(2025, 1, 1))
    _ambitie(b, users, datum=D(2025, 2, 1), kenmerken=["niet_weter"])
    _voortgang(b, users, datum=D(2026, 3, 1), kenmerken=["beschut"])  # replaces it
    _voortgang(a, users, datum=D(2026, 8, 1), kenmerken=[])  # after the peildatum: not yet
    c = _klant("matchen", gemeld=D(2025, 1, 1))
    _ambitie(c, users, datum=D(2025, 2, 1), kenmerken=["vanuit_ww"])
    d = _klant("groeien", gemeld=D(2025, 1, 1))
    _ambitie(d, users, datum=D(2025, 2, 1), kenmerken=None)  # from before the question
    e = _klant("groeien", gemeld=D(2025, 1, 1))
    _ambitie(e, users, datum=D(2025, 2, 1), kenmerken=[])
    _klant("groeien", gemeld=D(2026, 7, 15))  # placed after the peildatum: not counted

    stand = kenmerken_stand(PEIL)
    assert stand["groeien"] == {
        "verminderde_loonwaarde": 0,
        "niet_willer": 0,
        "niet_weter": 1,
        "vanuit_ww": 1,
        "beschut": 1,
        "geen": 1,
        "niet_vastgelegd": 1,
    }
    assert stand["alle"]["vanuit_ww"] == 2 and stand["alle"]["niet_weter"] == 1


def test_ambitie_stand_splits_new_and_existing_clients(users):
    for _ in range(2):  # existing bestand, gesprek held
        _ambitie(_klant("groeien", gemeld=D(2019, 3, 1)), users, datum=D(2020, 9, 1))
    _klant("zorgen", gemeld=D(2020, 6, 30))  # existing, not yet talked to
    _ambitie(_klant("matchen", gemeld=D(2020, 7, 1)), users, datum=D(2020, 7, 10))  # new
    _klant(None, gemeld=D(2026, 6, 20))  # new, reported, no group yet
    later = _klant("groeien", gemeld=D(2026, 1, 1))
    _ambitie(later, users, datum=D(2026, 7, 2))  # held after the peildatum: still to hold
    _klant("groeien", gemeld=D(2019, 1, 1), eind=D(2026, 1, 1))  # benefit ended: not counted

    stand = ambitie_stand(PEIL)
    assert stand["groeien"] == {
        "nieuw_gehouden": 0,
        "nieuw_te_houden": 1,
        "bestaand_gehouden": 2,
        "bestaand_te_houden": 0,
    }
    assert stand["zorgen"]["bestaand_te_houden"] == 1
    assert stand["matchen"]["nieuw_gehouden"] == 1
    assert stand["zonder_groep"]["nieuw_te_houden"] == 1


def _snapshot(kenmerken_groeien: dict, ambitie: dict) -> dict:
    alle = {**dict.fromkeys(kenmerken_groeien, 0), **kenmerken_groeien}
    return {
        "klantgroepen": [
            {"code": "matchen", "naam": "Matchen"},
            {"code": "groeien", "naam": "Groeien"},
        ],
        "huidig": {
            "periode": {"voorlopig": False},
            "domein": {
                "afspraken": {
                    "peildatum": "2026-06-30",
                    "kenmerken": {"groeien": kenmerken_groeien, "alle": alle},
                    "ambitie_stand": ambitie,
                }
            },
        },
    }


def test_the_tables_suppress_small_cells_and_what_would_reveal_them():
    kenmerken = {
        "verminderde_loonwaarde": 12,
        "niet_willer": 3,
        "niet_weter": 0,
        "vanuit_ww": 7,
        "beschut": 5,
        "geen": 20,
        "niet_vastgelegd": 40,
    }
    ambitie = {
        "matchen": {
            "nieuw_gehouden": 30,
            "nieuw_te_houden": 2,  # small: hidden, and its row total would give it away
            "bestaand_gehouden": 50,
            "bestaand_te_houden": 10,
        },
        "groeien": {
            "nieuw_gehouden": 25,
            "nieuw_te_houden": 8,
            "bestaand_gehouden": 60,
            "bestaand_te_houden": 9,
        },
    }
    reg = Register(5)
    kenmerken_tabel, ambitie_tabel = afspraken(_snapshot(kenmerken, ambitie), reg)
    verborgen = onderdruk(reg)
    groeien = {str(r[0]): str(r[1]) for r in kenmerken_tabel.rijen}
    assert groeien["Niet-willer"] == "<5" and groeien["Verminderde loonwaarde"] == "12"
    assert groeien["Niet-weter"] == "0" and groeien["Indicatie beschut werk"] == "5"
    rijen = {str(r[0]): [str(c) for c in r[1:]] for r in ambitie_tabel.rijen}
    assert rijen["Matchen"][1] == "<5"
    # row and column totals would give the 2 away: secondary suppression hides more, and
    # then nothing hidden can be computed from what is shown
    assert sum(c == "x" for r in rijen.values() for c in r) >= 2
    getoond = {k for k in reg.cellen if k not in verborgen}
    assert not afleidbaar(verborgen, reg.relaties, getoond)
    assert rijen["Groeien"][0] == "25" and rijen["Totaal"][0] == "55"
    assert "1 juli 2020" in ambitie_tabel.noot


@pytest.mark.usefixtures("frozen_clock")
def test_the_report_carries_both_tables(users):
    for _ in range(5):
        a = _klant("groeien", gemeld=D(2025, 1, 1))
        _ambitie(a, users, datum=D(2025, 2, 1), kenmerken=["verminderde_loonwaarde"])
    p = presenteer(cijfers_bereken(Periode.parse("2026H1")))
    kenmerken = {str(r[0]): [str(c) for c in r[1:]] for r in p["kenmerken"].rijen}
    assert kenmerken["Verminderde loonwaarde"] == ["5", "5"]
    ambitie = {str(r[0]): [str(c) for c in r[1:]] for r in p["ambitie_stand"].rijen}
    assert ambitie["Groeien"][0] == "5"  # reported in 2025: new clients, gesprek held
