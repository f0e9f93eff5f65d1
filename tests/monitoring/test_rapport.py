"""The raad report: every figure equals an independent SQL query over a known history."""

import datetime
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from django.db import connection

from clients.constants import Uitstroomreden
from clients.groepen.models import Groepslidmaatschap
from clients.models import Uitkeringsperiode
from monitoring import pdf as rapport
from monitoring.cijfers import cijfers_bereken
from monitoring.periods import Periode
from tests.factories import ClientFactory, klantgroep

pytestmark = pytest.mark.django_db

H1 = Periode.parse("2026H1")
D = datetime.date


def _client(
    groepen: list[tuple[str, datetime.date, datetime.date | None, str]],
    *,
    start: datetime.date,
    eind: datetime.date | None = None,
    reden: str = "",
):
    """groepen: (code, van, tot, soort); the benefit runs from start to eind."""
    client = ClientFactory.create()
    Uitkeringsperiode.objects.create(
        client=client,
        melddatum=start - datetime.timedelta(days=10),
        startdatum=start,
        einddatum=eind,
        uitstroomreden=reden,
    )
    for code, van, tot, soort in groepen:
        Groepslidmaatschap.objects.create(
            client=client, klantgroep=klantgroep(code), van=van, tot=tot, soort=soort
        )
    return client


@pytest.fixture
def history():
    """A known history around 2026H1 (and 2025H2 for the comparison)."""
    # 7 Matchen clients since 2025, still there: in the bestand at every date
    for _ in range(7):
        _client([("matchen", D(2025, 3, 1), None, "eerste_indeling")], start=D(2025, 2, 1))
    # 6 Groeien clients starting in 2026Q1 (instroom), 2 of them to Matchen in Q2 (doorstroom)
    for i in range(6):
        if i < 2:
            _client(
                [
                    ("groeien", D(2026, 2, 1), D(2026, 5, 1), "eerste_indeling"),
                    ("matchen", D(2026, 5, 1), None, "doorstroom"),
                ],
                start=D(2026, 1, 15),
            )
        else:
            _client([("groeien", D(2026, 2, 1), None, "eerste_indeling")], start=D(2026, 1, 15))
    # 8 Zorgen clients, 5 leave in 2026Q2 to work (regulier), 3 stay
    for i in range(8):
        if i < 5:
            _client(
                [("zorgen", D(2024, 6, 1), D(2026, 4, 20), "eerste_indeling")],
                start=D(2024, 5, 1),
                eind=D(2026, 4, 20),
                reden=Uitstroomreden.WERK_REGULIER,
            )
        else:
            _client([("zorgen", D(2024, 6, 1), None, "eerste_indeling")], start=D(2024, 5, 1))
    # 6 Faciliteren clients who fell back to Zorgen in 2025H2 (previous period)
    for _ in range(6):
        _client(
            [
                ("faciliteren", D(2025, 1, 1), D(2025, 9, 1), "eerste_indeling"),
                ("zorgen", D(2025, 9, 1), None, "terugval"),
            ],
            start=D(2024, 12, 1),
        )
    # A refusal at screening is not uitstroom
    c = ClientFactory()
    Uitkeringsperiode.objects.create(
        client=c,
        melddatum=D(2026, 3, 1),
        einddatum=D(2026, 3, 5),
        uitstroomreden=Uitstroomreden.GEEN_RECHT,
    )


def _sql(query: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def _bestand_sql(peildatum) -> dict[str, int]:
    return dict(
        _sql(
            """SELECT k.code, count(DISTINCT m.client_id) FROM klantgroepen_groepslidmaatschap m
           JOIN klantgroepen_klantgroep k ON k.id = m.klantgroep_id
           WHERE m.van <= %s AND (m.tot IS NULL OR m.tot > %s) GROUP BY k.code""",
            [peildatum, peildatum],
        )
    )


def _instroom_sql(p: Periode) -> dict[str, int]:
    return dict(
        _sql(
            """SELECT k.code, count(*) FROM klantgroepen_groepslidmaatschap m
           JOIN klantgroepen_klantgroep k ON k.id = m.klantgroep_id
           WHERE m.soort = 'eerste_indeling' AND m.van BETWEEN %s AND %s GROUP BY k.code""",
            [p.start, p.eind],
        )
    )


def _uitstroom_sql(p: Periode) -> dict[str, tuple[int, int]]:
    rows = _sql(
        """SELECT k.code, count(*), count(*) FILTER (WHERE u.uitstroomreden IN
                  ('werk_regulier', 'werk_lks', 'beschut_werk'))
           FROM clients_uitkeringsperiode u
           JOIN klantgroepen_groepslidmaatschap m ON m.client_id = u.client_id
                AND m.van <= u.einddatum - 1 AND (m.tot IS NULL OR m.tot > u.einddatum - 1)
           JOIN klantgroepen_klantgroep k ON k.id = m.klantgroep_id
           WHERE u.einddatum BETWEEN %s AND %s AND u.startdatum IS NOT NULL
             AND u.uitstroomreden <> 'geen_recht'
           GROUP BY k.code""",
        [p.start, p.eind],
    )
    return {code: (n, werk) for code, n, werk in rows}


def _uitstroom_bestand_sql(p: Periode) -> dict[str, int]:
    """Memberships ending in the period without a next membership: out of the bestand."""
    return dict(
        _sql(
            """SELECT k.code, count(*) FROM klantgroepen_groepslidmaatschap m
           JOIN klantgroepen_klantgroep k ON k.id = m.klantgroep_id
           WHERE m.tot BETWEEN %s AND %s AND NOT EXISTS (
             SELECT 1 FROM klantgroepen_groepslidmaatschap n
             WHERE n.client_id = m.client_id AND n.van = m.tot)
           GROUP BY k.code""",
            [p.start, p.eind],
        )
    )


class _Tables(HTMLParser):
    """Collects the rows of the 'Bestand en stromen' table keyed by data-klantgroep."""

    def __init__(self):
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and attrs.get("data-klantgroep"):
            self._row = attrs["data-klantgroep"]
            self.rows[self._row] = []
        elif tag == "table":
            self._in_bestand = attrs.get("data-tabel") == "bestand"
        elif tag == "th" and getattr(self, "_in_bestand", False) and attrs.get("scope") == "row":
            self._row = "?"
            self._cell = ""
        elif tag in ("td", "th") and self._row:
            self._cell = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag == "th" and self._row == "?":
            self._row = self._cell.strip().lower()
            self.rows[self._row] = [self._cell.strip()]
            self._cell = None
        elif tag in ("td", "th") and self._row and self._cell is not None:
            self.rows[self._row].append(self._cell.strip())
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag == "table":
            self._in_bestand = False


def _shown(n: int, drempel: int = 5) -> str:
    return f"<{drempel}" if 0 < n < drempel else f"{n:,}".replace(",", ".")


def test_every_figure_in_the_report_equals_an_independent_query(history):
    snapshot = cijfers_bereken(H1)
    html = rapport.rapport_html(snapshot)
    parser = _Tables()
    parser.feed(html)

    begin = _bestand_sql(H1.start - datetime.timedelta(days=1))
    eind = _bestand_sql(H1.eind)
    vorig_eind = _bestand_sql(H1.vorige().eind)
    instroom = _instroom_sql(H1)
    uit = _uitstroom_sql(H1)
    # the known history, as a sanity check on the independent queries themselves
    assert eind == {"matchen": 9, "groeien": 4, "zorgen": 9}
    assert instroom == {"groeien": 6}
    assert uit == {"zorgen": (5, 5)}

    uit_bestand = _uitstroom_bestand_sql(H1)
    for code in ("matchen", "groeien", "faciliteren", "zorgen"):
        row = parser.rows[code]
        # naam, begin, instroom, doorstroom in, doorstroom uit, uitstroom, eind, verschil
        # a figure is the independent count, or hidden ("x") by secondary suppression
        assert row[1] in (_shown(begin.get(code, 0)), "x"), (code, "begin")
        assert row[2] in (_shown(instroom.get(code, 0)), "x"), (code, "instroom")
        assert row[5] in (_shown(uit_bestand.get(code, 0)), "x"), (code, "uitstroom")
        assert row[6] in (_shown(eind.get(code, 0)), "x"), (code, "eind")
        assert row[1] in (_shown(vorig_eind.get(code, 0)), "x"), (code, "begin = vorig eind")

    doorstroom = _sql(
        """SELECT kv.code, kn.code, count(*) FROM klantgroepen_groepslidmaatschap n
           JOIN klantgroepen_groepslidmaatschap v ON v.client_id = n.client_id AND v.tot = n.van
           JOIN klantgroepen_klantgroep kv ON kv.id = v.klantgroep_id
           JOIN klantgroepen_klantgroep kn ON kn.id = n.klantgroep_id
           WHERE n.soort IN ('doorstroom', 'terugval') AND n.van BETWEEN %s AND %s
           GROUP BY kv.code, kn.code""",
        [H1.start, H1.eind],
    )
    assert doorstroom == [("groeien", "matchen", 2)]
    assert snapshot["huidig"]["doorstroom"] == {"groeien": {"matchen": 2}}
    assert uit_bestand == {"zorgen": 5}
    vorige_matrix = cijfers_bereken(H1)["vorige"]["doorstroom"]
    assert vorige_matrix == {"faciliteren": {"zorgen": 6}}

    # suppression: 2 (below 5) is never shown as a number in the matrix
    assert "Doorstroom tussen klantgroepen" in html
    assert re.search(r'data-k="door\|2026H1\|groeien\|matchen">&lt;5</td>', html)


@pytest.mark.integration
def test_pdf_renders_tagged_and_pdftotext_shows_the_figures(history, tmp_path, caplog):
    snapshot = cijfers_bereken(H1)
    with caplog.at_level("WARNING", logger="weasyprint"):
        pdf = rapport.rapport_pdf(rapport.rapport_html(snapshot))
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")], caplog.text
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"Tagged:\s+yes", info.stdout)  # pdf/ua-1 variant
    assert re.search(r"Pages:\s+([5-9]|1[0-4])\b", info.stdout)
    assert shutil.which("pdftotext"), "poppler-utils ontbreekt (apt-get install poppler-utils)"
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Raadsrapportage Inzet op" in text
    eind = _bestand_sql(H1.eind)
    totaal = sum(eind.values())
    assert re.search(rf"Totaal\s.*(\b{totaal}\b|\bx\b)", text)
    rows = [line.split() for line in text.splitlines() if line.strip().startswith("Matchen ")]
    # the "Bestand en stromen" row: naam, begin, instroom, door in, door uit, uitstroom, eind, +/-
    assert any(len(r) == 8 and r[6] in (str(eind["matchen"]), "x") for r in rows), rows
    assert "Bijlage: definities" in text


def test_no_external_or_file_urls_are_fetched():
    html = '<html><body><img src="file:///etc/passwd"><img src="https://example.org/x.png"></body></html>'
    fetcher = rapport.url_fetcher()
    for url in ("file:///etc/passwd", "https://example.org/x.png"):
        with pytest.raises(Exception, match="(?i)protocol|not allowed"):
            fetcher.fetch(url)
    # WeasyPrint logs and skips refused resources: the PDF is still made, without them
    pdf = rapport.rapport_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert b"passwd" not in pdf


def test_klantreis_indicators_equal_independent_queries(users):
    """Ambitiegesprekken, plans, gesprekken, trajecten and participatie in the report."""
    from clients.begeleiding.models import PlanVanAanpak, Voortgangsgesprek
    from clients.intake.models import Ambitiegesprek, DiagnoseInstrument
    from clients.trajecten.models import (
        Aanbieder,
        Instrument,
        Participatieplek,
        PlekPlaatsing,
        Traject,
    )

    inst = DiagnoseInstrument.objects.get(actief=True)
    coach = users["werkcoach"]
    for i in range(6):
        c = _client([("groeien", D(2025, 6, 1), None, "eerste_indeling")], start=D(2025, 5, 1))
        Ambitiegesprek.objects.create(
            client=c,
            datum=D(2026, 2, 1),
            intaker=users["intaker"],
            instrument=inst,
            participatieladder=3,
            gekozen_klantgroep=klantgroep("groeien"),
            geadviseerde_klantgroep=klantgroep("groeien"),
            afspraak_getekend_op=D(2026, 2, 1),
            rechten_plichten_op=D(2026, 2, 1),
            lidmaatschap=c.lidmaatschappen.get(),
        )
        if i < 5:
            PlanVanAanpak.objects.create(
                client=c, versie=1, vastgesteld_op=D(2026, 3, 1), opgesteld_door=coach
            )
        Voortgangsgesprek.objects.create(
            client=c,
            datum=D(2026, 4, 1),
            gehouden_door=coach,
            plek="kantoor",
            welzijn=3,
            stress=3,
            juiste_groep=True,
        )
        wlr = Instrument.objects.get(naam="Werkleerroute logistiek")
        Traject.objects.create(
            client=c,
            instrument=wlr,
            aanbieder=Aanbieder.objects.get(naam="KonnecteD"),
            klantgroep=klantgroep("groeien"),
            start=D(2026, 1, 10),
            gepland_einde=D(2026, 7, 10),
            werkcoach=coach,
            kosten=3500,
            **(
                {
                    "einde": D(2026, 5, 1),
                    "status": "beeindigd",
                    "resultaat": "succesvol" if i < 4 else "voortijdig",
                }
                if i < 5
                else {}
            ),
        )
    fac = _client([("faciliteren", D(2025, 1, 1), None, "eerste_indeling")], start=D(2024, 12, 1))
    plek = Participatieplek.objects.create(
        organisatie="Buurthuis",
        omschrijving="Gastvrouw",
        soort="vrijwilligerswerk",
        wijk="binnenstad",
        plaatsen=2,
    )
    PlekPlaatsing.objects.create(
        client=fac, plek=plek, start=D(2026, 3, 1), makelaar=users["participatiemakelaar"]
    )

    snapshot = cijfers_bereken(H1)
    d = snapshot["huidig"]["domein"]
    assert (
        d["ambitie"]["totaal"]
        == Ambitiegesprek.objects.filter(datum__range=(H1.start, H1.eind)).count()
        == 6
    )
    assert d["ambitie"]["bestand"] == 6  # all six were placed before their gesprek
    assert d["plan"] == {"matchen_groeien": 6, "met_plan": 5}
    assert d["voortgang"]["gehouden"] == {"groeien": 6}
    assert d["trajecten"]["Werkleerroute logistiek"] == [6, 5, 4]
    assert d["werkleerroutes"] == 6
    assert d["participatie"] == 1
    assert snapshot["realisatie_kosten"] == {"groeien": 6 * 3500.0}
    html = rapport.rapport_html(snapshot)
    # 4 of 5 ended successfully: 4 is below the threshold, so the percentage is not shown
    assert "Trajecten per instrument" in html
    assert 'data-k="tr_succes|2026H1|Werkleerroute logistiek">&lt;5<' in html
