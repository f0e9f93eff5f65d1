"""The half-yearly raad report: freeze the figures, render HTML, print a tagged PDF.

``cijfers_bereken`` returns plain JSON (stored on the Raadsrapportage, so a report never
changes after it was made); ``rapport_html`` renders that snapshot; ``rapport_pdf`` prints it
with WeasyPrint (PDF/UA-1), refusing every external or file URL.
"""

import base64
import datetime
import io
from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from clients.constants import Uitstroomreden

from . import domein, indicators
from .models import Budget
from .periods import Periode

SOORT_LABELS = {"doorstroom": "Doorstroom (naar meer zelfredzaamheid)", "terugval": "Terugval"}


def _periode_cijfers(periode: Periode) -> dict:
    uitstroom = indicators.uitstroom(periode)
    return {
        "periode": {
            "code": periode.code,
            "naam": periode.naam,
            "start": periode.start.isoformat(),
            "eind": periode.eind.isoformat(),
        },
        "bestand_begin": indicators.clienten_per_klantgroep(
            peildatum=periode.start - datetime.timedelta(days=1)
        ),
        "bestand_eind": indicators.clienten_per_klantgroep(peildatum=periode.eind),
        "instroom": indicators.instroom_per_klantgroep(periode),
        "nieuwe_uitkeringen": indicators.nieuwe_uitkeringen(periode),
        "uitstroom": uitstroom,
        "uitstroom_naar_werk": indicators.uitstroom_naar_werk(uitstroom),
        "doorstroom": indicators.doorstroom_matrix(periode),
        "doorstroom_soort": indicators.doorstroom_per_soort(periode),
        "domein": domein.bereken(periode),
    }


def cijfers_bereken(periode: Periode, voortgang: Callable[[int, str], None] | None = None) -> dict:
    """All figures of the report for ``periode`` and its predecessor, as JSON-able data."""
    meld = voortgang or (lambda pct, stap: None)
    meld(10, "Bestand en stromen")
    huidig = _periode_cijfers(periode)
    meld(35, "Kwartalen")
    kwartalen = [_periode_cijfers(q) for q in periode.kwartalen()]
    meld(55, "Vorige periode")
    vorige = _periode_cijfers(periode.vorige())
    budget = [
        {
            "klantgroep": b.klantgroep.code if b.klantgroep else "intake",
            "organisatie": b.organisatie,
            "bedrag": float(b.bedrag),
        }
        for b in Budget.objects.filter(jaar=periode.start.year).select_related("klantgroep")
    ]
    return {
        "versie": 1,
        "gemaakt_op": timezone.now().isoformat(),
        "drempel": settings.DW_SMALL_COUNT_THRESHOLD,
        "klantgroepen": [{"code": c, "naam": n} for c, n in indicators.klantgroep_codes()],
        "uitstroomredenen": [
            {"code": r.value, "naam": r.label}
            for r in Uitstroomreden
            if r != Uitstroomreden.GEEN_RECHT
        ],
        "huidig": huidig,
        "vorige": vorige,
        "kwartalen": kwartalen,
        "budget": budget,
        "realisatie_kosten": domein.trajectkosten_per_groep(periode),
    }


# Presentation ---------------------------------------------------------------------------


class Cel:
    """A count as shown: suppressed below the threshold so no person can be recognised."""

    def __init__(self, waarde: int | float | None, drempel: int):
        self.waarde = waarde or 0
        self.onderdrukt = isinstance(self.waarde, int) and 0 < self.waarde < drempel
        self.drempel = drempel

    def __str__(self) -> str:
        if self.onderdrukt:
            return f"<{self.drempel}"
        if isinstance(self.waarde, float):
            return f"{self.waarde:.1f}".replace(".", ",")
        return f"{self.waarde:,}".replace(",", ".")


def _verschil(nu: int, toen: int) -> str:
    if nu == toen:
        return "0"
    return f"{'+' if nu > toen else '−'}{abs(nu - toen):,}".replace(",", ".")


def presentatie(snapshot: dict) -> dict:
    """Tables (with suppression) for the report and dashboard templates."""
    drempel = snapshot["drempel"]
    groepen = snapshot["klantgroepen"]
    h, v = snapshot["huidig"], snapshot["vorige"]

    def cel(n):
        return Cel(n, drempel)

    bestand = []
    for g in groepen:
        c = g["code"]
        begin, eind = h["bestand_begin"].get(c, 0), h["bestand_eind"].get(c, 0)
        uit = sum(h["uitstroom"].get(c, {}).values())
        bestand.append(
            {
                "naam": g["naam"],
                "code": c,
                "begin": cel(begin),
                "instroom": cel(h["instroom"].get(c, 0)),
                "uitstroom": cel(uit),
                "naar_werk": cel(h["uitstroom_naar_werk"].get(c, 0)),
                "eind": cel(eind),
                "vorige_eind": cel(v["bestand_eind"].get(c, 0)),
                "verschil": _verschil(eind, v["bestand_eind"].get(c, 0)),
            }
        )
    totaal_eind = sum(h["bestand_eind"].values())
    totaal_vorig = sum(v["bestand_eind"].values())
    matrix = [
        {
            "van": g["naam"],
            "naar": [
                cel(h["doorstroom"].get(g["code"], {}).get(n["code"], 0))
                if n["code"] != g["code"]
                else None
                for n in groepen
            ],
        }
        for g in groepen
    ]
    redenen = [
        {
            "naam": r["naam"],
            "per_groep": [
                cel(h["uitstroom"].get(g["code"], {}).get(r["code"], 0)) for g in groepen
            ],
            "totaal": cel(sum(h["uitstroom"].get(g, {}).get(r["code"], 0) for g in h["uitstroom"])),
        }
        for r in snapshot["uitstroomredenen"]
    ]
    kwartalen = [
        {
            "code": q["periode"]["code"],
            "naam": q["periode"]["naam"],
            "instroom": cel(sum(q["instroom"].values())),
            "uitstroom": cel(sum(sum(r.values()) for r in q["uitstroom"].values())),
            "naar_werk": cel(sum(q["uitstroom_naar_werk"].values())),
            "doorstroom": cel(q["doorstroom_soort"].get("doorstroom", 0)),
            "terugval": cel(q["doorstroom_soort"].get("terugval", 0)),
            "bestand_eind": cel(sum(q["bestand_eind"].values())),
        }
        for q in snapshot["kwartalen"]
    ]
    budget_rijen = []
    realisatie = snapshot.get("realisatie_kosten", {})
    for code, naam in [("intake", "Intake en toekenning")] + [
        (g["code"], g["naam"]) for g in groepen
    ]:
        dwt = sum(
            b["bedrag"]
            for b in snapshot["budget"]
            if b["klantgroep"] == code and b["organisatie"] == "DWT"
        )
        io_ = sum(
            b["bedrag"]
            for b in snapshot["budget"]
            if b["klantgroep"] == code and b["organisatie"] == "IO"
        )
        budget_rijen.append(
            {
                "naam": naam,
                "dwt": _euro(dwt),
                "io": _euro(io_),
                "realisatie": _euro(realisatie.get(code, 0)),
            }
        )
    return {
        "bestand": bestand,
        "totaal_eind": cel(totaal_eind),
        "totaal_vorig": cel(totaal_vorig),
        "totaal_verschil": _verschil(totaal_eind, totaal_vorig),
        "totaal_instroom": cel(sum(h["instroom"].values())),
        "totaal_uitstroom": cel(sum(sum(r.values()) for r in h["uitstroom"].values())),
        "totaal_naar_werk": cel(sum(h["uitstroom_naar_werk"].values())),
        "vorig_naar_werk": cel(sum(v["uitstroom_naar_werk"].values())),
        "nieuwe_uitkeringen": cel(h["nieuwe_uitkeringen"]),
        "matrix": matrix,
        "redenen": redenen,
        "kwartalen": kwartalen,
        "budget": budget_rijen,
        "domein": domein.presentatie(h["domein"], v["domein"], groepen, cel),
        "zorgen": {
            "begin": cel(h["bestand_begin"].get("zorgen", 0)),
            "eind": cel(h["bestand_eind"].get("zorgen", 0)),
            "verschil": _verschil(
                h["bestand_eind"].get("zorgen", 0), h["bestand_begin"].get("zorgen", 0)
            ),
        },
    }


def _euro(bedrag: float) -> str:
    if not bedrag:
        return "–"
    return "€ " + f"{bedrag:,.0f}".replace(",", ".")


def grafieken(snapshot: dict) -> dict[str, str]:
    """Charts as inline SVG (matplotlib, no files, no network). Suppressed cells become 0
    with the label "<5"."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    drempel = snapshot["drempel"]
    groepen = snapshot["klantgroepen"]
    h, v = snapshot["huidig"], snapshot["vorige"]
    namen = [g["naam"] for g in groepen]

    def veilig(n: int) -> int:
        return 0 if 0 < n < drempel else n

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "none"})
    charts = {}
    fig, ax = plt.subplots(figsize=(6.4, 2.8))
    x = range(len(groepen))
    vorig = [veilig(v["bestand_eind"].get(g["code"], 0)) for g in groepen]
    nu = [veilig(h["bestand_eind"].get(g["code"], 0)) for g in groepen]
    ax.bar([i - 0.2 for i in x], vorig, width=0.4, label=v["periode"]["naam"], color="#9bb8d3")
    bars = ax.bar([i + 0.2 for i in x], nu, width=0.4, label=h["periode"]["naam"], color="#1f4e79")
    ax.bar_label(
        bars, labels=[str(Cel(h["bestand_eind"].get(g["code"], 0), drempel)) for g in groepen]
    )
    ax.set_xticks(list(x), namen)
    ax.set_ylabel("klanten")
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    charts["bestand"] = _svg(fig, plt, "bestand")

    fig, ax = plt.subplots(figsize=(6.4, 2.8))
    instroom = [veilig(h["instroom"].get(g["code"], 0)) for g in groepen]
    uit = [veilig(sum(h["uitstroom"].get(g["code"], {}).values())) for g in groepen]
    ax.bar([i - 0.2 for i in x], instroom, width=0.4, label="instroom", color="#2e7d32")
    ax.bar([i + 0.2 for i in x], uit, width=0.4, label="uitstroom", color="#c62828")
    ax.set_xticks(list(x), namen)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    charts["stromen"] = _svg(fig, plt, "stromen")
    return charts


def _svg(fig, plt, prefix: str) -> str:
    """The chart as a data: URL (an <img> with alt text; nothing is fetched)."""
    buf = io.StringIO()
    fig.tight_layout()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def rapport_html(snapshot: dict) -> str:
    css = (settings.BASE_DIR / "static" / "css" / "rapport.css").read_text()
    return render_to_string(
        "monitoring/rapport.html",
        {
            "s": snapshot,
            "p": presentatie(snapshot),
            "grafieken": grafieken(snapshot),
            "css": css,
            "definities": DEFINITIES,
        },
    )


def url_fetcher():
    """Only our own inline data: URLs (the charts); never http(s) or file URLs."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def rapport_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=url_fetcher(), base_url=None).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=False
    )


DEFINITIES = [
    (
        "Klantgroep",
        "Matchen, Groeien, Faciliteren of Zorgen (beleidskader Inzet op maat, §3).",
    ),
    (
        "Bestand op een datum",
        (
            "Klanten met een groepslidmaatschap dat op die datum liep (historie, niet de "
            "huidige stand)."
        ),
    ),
    (
        "Instroom",
        (
            "Klanten met een eerste indeling in een klantgroep waarvan de begindatum in de "
            "periode ligt."
        ),
    ),
    (
        "Nieuwe uitkeringen",
        "Uitkeringsperioden met een startdatum in de periode.",
    ),
    (
        "Uitstroom",
        (
            "Beëindigde uitkeringsperioden met een einddatum in de periode, naar reden en "
            "naar de klantgroep op de laatste dag. Afwijzing na screening telt niet mee."
        ),
    ),
    (
        "Uitstroom naar werk",
        ("Uitstroom met reden werk (regulier), werk met loonkostensubsidie of beschut werk."),
    ),
    (
        "Doorstroom",
        (
            "Wissel naar een groep met meer zelfredzaamheid (bijv. Groeien → Matchen) met "
            "begindatum in de periode."
        ),
    ),
    (
        "Terugval",
        "Wissel naar een groep met minder zelfredzaamheid (bijv. Matchen → Groeien).",
    ),
    (
        "Onderdrukking",
        (
            "Aantallen van 1 tot de drempel (standaard 5) staan als '<5', zodat geen persoon "
            "herkenbaar is."
        ),
    ),
    (
        "Bevroren cijfers",
        (
            "De cijfers zijn bij het maken van het rapport vastgelegd; het rapport verandert "
            "daarna niet meer."
        ),
    ),
]
