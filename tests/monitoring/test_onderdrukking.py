"""Disclosure control: try to work out every suppressed cell by subtraction, from every output
(PDF HTML, dashboard HTML, CSV, XLSX, API JSON), and fail if any is recovered."""

import csv
import datetime
import io
import json
import math
import re
from html.parser import HTMLParser

import numpy as np
import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from clients.constants import Uitstroomreden
from monitoring import pdf
from monitoring.cijfers import cijfers_bereken
from monitoring.periods import Periode
from monitoring.presentatie import presenteer
from monitoring.selectors import periodecijfers
from monitoring.views import DASHBOARD_TABELLEN
from tests.monitoring.test_rapport import _client, history  # noqa: F401

pytestmark = pytest.mark.django_db
H1 = Periode.parse("2026H1")
D = datetime.date
NU = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def kleine_aantallen(history):  # noqa: F811
    """Extra small cells next to the known history: 3 Faciliteren instroom, 1 Matchen leaving
    to work with loonkostensubsidie, 1 terugval Matchen → Groeien."""
    for _ in range(3):
        _client([("faciliteren", D(2026, 3, 1), None, "eerste_indeling")], start=D(2026, 2, 20))
    _client(
        [("matchen", D(2025, 5, 1), D(2026, 5, 10), "eerste_indeling")],
        start=D(2025, 4, 1),
        eind=D(2026, 5, 10),
        reden=Uitstroomreden.WERK_LKS,
    )
    _client(
        [
            ("matchen", D(2025, 5, 1), D(2026, 2, 1), "eerste_indeling"),
            ("groeien", D(2026, 2, 1), None, "terugval"),
        ],
        start=D(2025, 4, 1),
    )


def _getal(tekst: str) -> int | None:
    t = tekst.strip().replace(".", "").replace("−", "-").replace("+", "")
    return int(t) if re.fullmatch(r"-?\d+", t) else None


def _verborgen(tekst: str) -> bool:
    return tekst.strip() in ("<5", "x")


class _DataK(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cellen: dict[str, str] = {}
        self._k = None

    def handle_starttag(self, tag, attrs):
        self._k = dict(attrs).get("data-k") if tag == "td" else None
        if self._k:
            self.cellen[self._k] = ""

    def handle_data(self, data):
        if self._k:
            self.cellen[self._k] += data

    def handle_endtag(self, tag):
        self._k = None


def _uit_html(html: str) -> dict:
    parser = _DataK()
    parser.feed(html)
    return {tuple(k.split("|")): v for k, v in parser.cellen.items()}


def _op_positie(tabellen, rijen_per_tabel) -> dict:
    """Map shown texts to keys by position (the reader knows the table layout)."""
    getoond = {}
    for t, rijen in zip(tabellen, rijen_per_tabel, strict=True):
        assert len(rijen) == len(t.rijen), t.id
        for rij, tekst_rij in zip(t.rijen, rijen, strict=True):
            for cel, tekst in zip(rij, tekst_rij, strict=True):
                if cel.sleutel:
                    getoond[tuple(str(x) for x in cel.sleutel)] = str(tekst)
    return getoond


def _csv_blokken(inhoud: str) -> list[list[list[str]]]:
    rows = list(csv.reader(io.StringIO(inhoud), delimiter=";"))
    blokken, blok = [], []
    for r in rows + [[]]:
        if r:
            blok.append(r)
        elif blok:
            blokken.append(blok[2:-1])  # title, header … rows … source line
            blok = []
    return blokken


def _aanval(getoond: dict, relaties: list[dict]) -> dict:
    """The reader's attack: every relation with one unknown gives it away, repeated until
    nothing changes; then any hidden cell fixed by linear combinations (rank test)."""
    bekend = {k: _getal(v) for k, v in getoond.items() if _getal(v) is not None}
    rel = [{tuple(str(x) for x in k): c for k, c in r.items()} for r in relaties]
    gevonden = {}
    veranderd = True
    while veranderd:
        veranderd = False
        for r in rel:
            onbekend = [k for k in r if k not in bekend]
            if len(onbekend) == 1:
                k = onbekend[0]
                rest = sum(c * bekend[x] for x, c in r.items() if x != k)
                bekend[k] = gevonden[k] = -rest // r[k]
                veranderd = True
    onbekend = sorted({k for r in rel for k in r if k not in bekend})
    if onbekend:
        index = {k: i for i, k in enumerate(onbekend)}
        a = np.array([[r.get(k, 0) for k in onbekend] for r in rel if any(k in index for k in r)])
        _, s, vt = np.linalg.svd(a)
        kern = vt[int((s > 1e-9).sum()) :].T
        for k in onbekend:
            if kern.shape[1] == 0 or np.abs(kern[index[k]]).max() < 1e-9:
                gevonden[k] = "afleidbaar"
    return gevonden


def _bereik_aanval(getoond: dict, relaties: list[dict], drempel: int = 5) -> dict:
    """The reader who also reads the legend (issue 34): "<5" is 1 … drempel − 1, "x" is 0
    or at least drempel, any count at least 0 (a difference may be negative). Written apart
    from the app's own ``monitoring.intervallen``: bounds narrowed relation by relation, then
    every value a small hidden cell could take tried in turn ("shaving"): a value that makes
    the relations contradict each other is struck off; one value left is a recovered cell."""
    bekend = {k: _getal(v) for k, v in getoond.items() if _getal(v) is not None}
    rel = [{tuple(str(x) for x in k): c for k, c in r.items()} for r in relaties]
    verschil = {k for k in bekend if k[0] == "verschil"} | {
        k for r in rel for k in r if k[0] == "verschil"
    }

    def begin() -> dict:
        b = {}
        for r in rel:
            for k in r:
                if k in bekend or k in b:
                    continue
                tekst = getoond.get(k, "").strip()
                if tekst == "<5":
                    b[k] = [1, drempel - 1, False]
                elif k in verschil:
                    b[k] = [-(10**9), 10**9, False]
                else:
                    b[k] = [0, 10**9, tekst == "x"]  # [laag, hoog, geen 1…drempel−1]
        return b

    def smal(b: dict) -> bool:
        """Narrow ``b`` to a fixed point; False when the relations contradict."""
        for _ in range(60):
            anders = False
            for r in rel:
                los = [k for k in r if k in b]
                if not los:
                    continue
                vast = sum(c * bekend[k] for k, c in r.items() if k not in b)
                for k in los:
                    c = r[k]
                    rest_lo = vast + sum(min(r[j] * b[j][0], r[j] * b[j][1]) for j in los if j != k)
                    rest_hi = vast + sum(max(r[j] * b[j][0], r[j] * b[j][1]) for j in los if j != k)
                    a, z = sorted((-rest_lo / c, -rest_hi / c))
                    lo, hi = max(b[k][0], math.ceil(a - 1e-9)), min(b[k][1], math.floor(z + 1e-9))
                    if b[k][2]:
                        lo = drempel if 0 < lo < drempel else lo
                        hi = 0 if 0 < hi < drempel else hi
                    if lo > hi:
                        return False
                    if (lo, hi) != (b[k][0], b[k][1]):
                        b[k][0], b[k][1], anders = lo, hi, True
            if not anders:
                return True
        return True

    b = begin()
    assert smal(b), "the shown figures contradict the relations"
    for k in list(b):
        lo, hi = b[k][0], b[k][1]
        if hi - lo > 25:
            continue
        mogelijk = []
        for v in range(lo, hi + 1):
            if b[k][2] and 0 < v < drempel:
                continue
            proef = {j: list(x) for j, x in b.items()}
            proef[k][0] = proef[k][1] = v
            if smal(proef):
                mogelijk.append(v)
        if len(mogelijk) == 1:
            b[k][0] = b[k][1] = mogelijk[0]
    return {k: x[0] for k, x in b.items() if x[0] == x[1] and k in getoond}


def _controleer(naam: str, getoond: dict, p) -> None:
    waarden = {tuple(str(x) for x in k): v for k, v in p.register.waarden.items()}
    verborgen = {k for k, v in getoond.items() if _verborgen(v)}
    assert verborgen, f"{naam}: nothing suppressed, the test would prove nothing"
    for k, v in getoond.items():  # what is shown is true
        if not _verborgen(v):
            assert _getal(v) == waarden[k], (naam, k, v)
    teruggevonden = {
        k: w for k, w in _aanval(getoond, p.register.relaties).items() if k in verborgen
    }
    # with the legend's ranges as well (issue 34)
    teruggevonden |= {
        k: w for k, w in _bereik_aanval(getoond, p.register.relaties).items() if k in verborgen
    }
    print(f"{naam}: {len(verborgen)} verborgen, {len(teruggevonden)} teruggerekend")  # noqa: T201
    assert teruggevonden == {}, f"{naam}: suppressed cells recovered: {teruggevonden}"


def test_every_relation_holds_so_the_tables_add_up(kleine_aantallen):
    p = presenteer(cijfers_bereken(H1))
    for r in p.register.relaties:
        assert sum(c * p.register.waarden[k] for k, c in r.items()) == 0, r
    bestand = p["bestand"]
    totaal = bestand.rijen[-1]
    assert str(totaal[0]) == "Totaal" and str(totaal[1]) != ""  # Begin total not blank


def test_primary_suppression_alone_would_leak(kleine_aantallen):
    """The attack has teeth: with only '<5' (no secondary cells), it recovers cells."""
    p = presenteer(cijfers_bereken(H1))
    getoond = {}
    for k, cellen in p.register.cellen.items():
        c = cellen[0]
        primair = c.soort == "aantal" and 0 < c.waarde < 5
        getoond[tuple(str(x) for x in k)] = "<5" if primair else str(c.waarde)
    assert _aanval(getoond, p.register.relaties)
    assert any(str(c) == "x" for cellen in p.register.cellen.values() for c in cellen)


def test_no_suppressed_cell_can_be_recovered_from_any_output(kleine_aantallen, client_as):
    snapshot = cijfers_bereken(H1)
    p = presenteer(snapshot)
    _controleer("PDF (HTML)", _uit_html(pdf.rapport_html(snapshot)), p)
    with time_machine.travel(NU, tick=False):
        opgeslagen = periodecijfers(H1)
        p = presenteer(opgeslagen)
        c = client_as("beleidsmedewerker")
        dash = c.get(reverse("monitoring:dashboard"), {"periode": "2026H1"})
        assert dash.status_code == 200
        _controleer("dashboard", _uit_html(dash.content.decode()), p)
        tabellen = [p.tabellen[n] for n in DASHBOARD_TABELLEN if n in p.tabellen]
        url = reverse("monitoring:export_tabel", args=["alle", "csv"])
        inhoud = c.get(url, {"periode": "2026H1"}).content.decode("utf-8-sig")
        _controleer("CSV", _op_positie(tabellen, _csv_blokken(inhoud)), p)
        url = reverse("monitoring:export_tabel", args=["alle", "xlsx"])
        wb = load_workbook(io.BytesIO(c.get(url, {"periode": "2026H1"}).content))
        blokken = []
        for ws, t in zip(wb.worksheets, tabellen, strict=True):
            rows = [
                list(r) for r in ws.iter_rows(min_row=3, max_row=2 + len(t.rijen), values_only=True)
            ]
            blokken.append([[("" if v is None else v) for v in r] for r in rows])
        _controleer("XLSX", _op_positie(tabellen, blokken), p)
        body = c.get("/api/v1/indicatoren/", {"periode": "2026H1"}).json()
        api_tabellen = list(p.tabellen.values())
        assert [t["id"] for t in body["tabellen"]] == [t.id for t in api_tabellen]
        _controleer("API", _op_positie(api_tabellen, [t["rijen"] for t in body["tabellen"]]), p)
        assert "bsn" not in json.dumps(body)


def _getoond_uit(p) -> dict:
    """What every output shows of a presentation: the value, "<5" or "x"."""
    getoond = {}
    for k, cellen in p.register.cellen.items():
        c = cellen[0]
        tekst = ("<5" if c.primair else "x") if c.onderdrukt else str(c.waarde)
        getoond[tuple(str(x) for x in k)] = tekst
    return getoond


def test_no_period_and_no_wijk_gives_a_cell_away(kleine_aantallen):
    """Issue 34: 8 quarters and both half years of 2026, the city and every wijk, attacked
    with exact arithmetic and with the legend's ranges: 0 recovered."""
    from clients.constants import Wijk

    perioden = [Periode.parse(f"{j}Q{q}") for j in (2025, 2026) for q in (1, 2, 3, 4)]
    perioden += [Periode.parse("2026H1"), Periode.parse("2026H2")]
    verborgen = teruggevonden = 0
    with time_machine.travel(NU, tick=False):
        for periode in perioden:
            for wijk in [None, *Wijk.values]:
                p = presenteer(cijfers_bereken(periode, wijk=wijk, trend=2))
                getoond = _getoond_uit(p)
                weg = {k for k, v in getoond.items() if _verborgen(v)}
                gevonden = set(_aanval(getoond, p.register.relaties)) & weg
                gevonden |= set(_bereik_aanval(getoond, p.register.relaties)) & weg
                verborgen += len(weg)
                teruggevonden += len(gevonden)
                assert not gevonden, (periode.code, wijk, sorted(gevonden))
    gebieden = 1 + len(Wijk.values)
    uitkomst = f"{len(perioden)} perioden × {gebieden} gebieden: {verborgen} verborgen"
    print(f"\n{uitkomst}, {teruggevonden} teruggerekend")  # noqa: T201
    assert verborgen > 0
