"""Issue 34: suppression protects the small counts without hiding what the report is read
for. On the 2,875-client demo set, 2026H1 hid the caseload itself ("Op 30 juni 2026 stonden
x klanten in een klantgroep", 110 of 252 cells): a secondary "x" that a reader could work
out (typically a zero in a row whose total is below 5) was protected in turn, and each such
step reached further, through the reasons' totals (= uitstroom) into the stand and its
flows. Secondary cells exist only to protect primary ones: a derivable secondary is shown,
not covered."""

import pytest
from django.core.management import call_command

from monitoring.cijfers import cijfers_bereken
from monitoring.periods import Periode
from monitoring.presentatie import presenteer
from monitoring.tabellen import ALLE
from tests.fixtures.klok import VANDAAG

from .test_onderdrukking import _aanval, _bereik_aanval, _getoond_uit, _verborgen

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

HOOFDCIJFERS = ("bestand", "in", "uit", "door_in", "door_uit", "verschil", "kr")
PERIODEN = [f"{j}Q{q}" for j in (2025, 2026) for q in (1, 2, 3, 4)] + ["2026H1", "2026H2"]


def _hoofdcijfers_verborgen(p) -> list:
    """Headline figures hidden as a secondary cell (a total below 5 is primary: hidden)."""
    primair = {k for k in p.verborgen if p.register.cellen[k][0].primair}
    return sorted(
        (k for k in p.verborgen - primair if k[0] in HOOFDCIJFERS or k[-1] == ALLE), key=repr
    )


def test_on_the_demo_set_the_caseload_is_shown_and_no_hidden_cell_comes_back():
    call_command("demo_data", clients=2875, seed=2019, peildatum=VANDAAG, verbosity=0)
    per_periode = {}
    for code in PERIODEN:
        p = presenteer(cijfers_bereken(Periode.parse(code), trend=2))
        per_periode[code] = len(_hoofdcijfers_verborgen(p))
        if code in ("2026H1", "2026Q2", "2025Q4"):
            getoond = _getoond_uit(p)
            weg = {k for k, v in getoond.items() if _verborgen(v)}
            gevonden = set(_aanval(getoond, p.register.relaties)) & weg
            gevonden |= set(_bereik_aanval(getoond, p.register.relaties)) & weg
            assert not gevonden, (code, sorted(gevonden))
    # The half years the raad reads: every stand, flow and total shown (before: 49 hidden
    # in each, the caseload "x" in the report's first sentence).
    assert per_periode["2026H1"] == per_periode["2026H2"] == 0
    # Quarters: the doorstroom matrix of a quarter is mostly small cells, so some of its
    # margins still go; 54 over the 8 quarters (before: 246).
    assert sum(per_periode.values()) <= 54, per_periode
