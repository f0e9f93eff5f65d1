"""The raad report: charts (SVG) and HTML from the presentation, printed as a tagged PDF.

Rendering only: figures come from ``cijfers`` and are suppressed by ``presentatie``.
"""

import base64
import io

from django.conf import settings
from django.template.loader import render_to_string

from .datums import datum_lang, periode_naam
from .definities import DEFINITIES
from .presentatie import BRON, Cel, Presentatie, presenteer

# Okabe-Ito: distinguishable with every common colour-vision deficiency.
KLEUREN = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
GRIJS = "#999999"


def _plt():
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "none"})
    return plt


def staven(
    titel: str, categorieen: list[str], reeksen: list[tuple[str, list]], *, inline: bool = False
) -> str:
    """A grouped bar chart with title and source line. A suppressed cell is drawn as a hatched
    outline up to the threshold with "<5", a secondary one only as "x" (no height shown)."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.6, 2.4))
    breedte = 0.8 / max(len(reeksen), 1)
    hoogste = 1
    for i, (label, cellen) in enumerate(reeksen):
        kleur = GRIJS if label.startswith("Nulmeting") else KLEUREN[i % len(KLEUREN)]
        ax.bar(0, 0, width=0, color=kleur, label=label)  # legend entry even if all are hidden
        for j, c in enumerate(cellen):
            x = j - 0.4 + breedte * (i + 0.5)
            if isinstance(c, Cel) and c.onderdrukt:
                h = c.drempel if c.primair else 0
                ax.bar(x, h, width=breedte, fill=False, hatch="///", edgecolor=kleur)
                ax.text(x, h, str(c), ha="center", va="bottom", fontsize=7)
                continue
            w = c.waarde if isinstance(c, Cel) else c
            w = w or 0
            hoogste = max(hoogste, w)
            ax.bar(x, w, width=breedte, color=kleur)
            ax.text(
                x,
                w,
                str(c) if isinstance(c, Cel) else f"{w:,}".replace(",", "."),
                ha="center",
                va="bottom",
                fontsize=7,
            )
    ax.set_ylim(0, hoogste * 1.35)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.yaxis.set_major_formatter(lambda y, _pos: _getal(round(y)))
    ax.set_xticks(list(range(len(categorieen))), categorieen)
    ax.set_title(titel, loc="left", fontsize=10, fontweight="bold")
    ax.legend(frameon=False, fontsize=8, ncols=min(len(reeksen), 4), loc="upper right")
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(0.01, 0.01, BRON + ". Gearceerd: onderdrukt klein aantal.", fontsize=6.5, color="#444")
    return _svg(fig, plt, inline)


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _svg(fig, plt, inline: bool = False) -> str:
    """The chart as a data: URL (an <img> with alt text; nothing is fetched)."""
    buf = io.StringIO()
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    if inline:  # for the dashboard: part of the page, no data: URL
        return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def grafieken(p: Presentatie) -> dict[str, str]:
    s = p.snapshot
    groepen = [g["naam"] for g in s["klantgroepen"]]
    n = len(groepen)
    bestand = p["bestand"].rijen[:n]
    trend = [r for r in p["trend"].rijen if not r[0].waarde.startswith("waarvan")]
    charts = {
        "bestand": staven(
            "Klanten per klantgroep: nulmeting 2019 en de laatste perioden",
            groepen,
            [
                (r[0].waarde.replace(" (beleidskader)", ""), r[6 : 6 + n])
                for r in trend[:1] + trend[-3:]
            ],
        ),
        "stromen": staven(
            f"Instroom en uitstroom per klantgroep, {periode_naam(s['huidig']['periode'])}",
            groepen,
            [("Instroom", [r[2] for r in bestand]), ("Uitstroom", [r[5] for r in bestand])],
        ),
        "werk": staven(
            "Uitstroom en uitstroom naar werk per periode",
            [r[0].waarde for r in trend[1:]],
            [("Uitstroom", [r[2] for r in trend[1:]]), ("naar werk", [r[3] for r in trend[1:]])],
        ),
    }
    if "voortgang" in p.tabellen:
        rijen = p["voortgang"].rijen[:n]
        charts["voortgang"] = staven(
            "Voortgangsgesprekken: gehouden en gepland per klantgroep",
            groepen,
            [("Gehouden", [r[1] for r in rijen]), ("Gepland", [r[2] for r in rijen])],
        )
    budget = p["budget"].rijen[:-1]
    charts["budget"] = staven(
        "Budget voor de periode en gerealiseerde trajectkosten (€)",
        [r[0].waarde.replace(" en toekenning", "") for r in budget],
        [
            ("Budget periode", [r[2].waarde or 0 for r in budget]),
            ("Gerealiseerd", [r[3].waarde or 0 for r in budget]),
        ],
    )
    return charts


GRAFIEKEN_VERSIE = 1


def grafieken_dashboard(p: Presentatie) -> dict[str, str]:
    """The dashboard's two charts, drawn once per set of figures (issue 33: matplotlib took
    170-700 ms): kept under the figures' fingerprint in the database, shared by every server
    process (``DashboardGrafieken``; the figures' task draws them when it stores a new
    version), and in the process's cache in front of it. Changed figures (a new version, a
    correction) have another fingerprint: drawn anew, nothing stale is shown."""
    from django.core.cache import cache

    from .cijfers import vingerafdruk
    from .models import DashboardGrafieken

    sleutel = f"dw:grafieken:{GRAFIEKEN_VERSIE}:{vingerafdruk(p.snapshot)}"
    grafieken = cache.get(sleutel)
    if grafieken is None:
        grafieken = (
            DashboardGrafieken.objects.filter(sleutel=sleutel)
            .values_list("grafieken", flat=True)
            .first()
        )
        if grafieken is None:
            grafieken = _grafieken_tekenen(p)
            DashboardGrafieken.objects.bulk_create(
                [DashboardGrafieken(sleutel=sleutel, grafieken=grafieken)],
                ignore_conflicts=True,  # another process drew the same ones meanwhile
            )
        cache.set(sleutel, grafieken, 60 * 60 * 24)
    return grafieken


def _grafieken_tekenen(p: Presentatie) -> dict[str, str]:
    """Two SVG charts for the dashboard as data: URLs for an <img> (the strict CSP allows no
    inline styles, which matplotlib's SVG carries); the tables below carry the same figures."""
    s = p.snapshot
    groepen = [g["naam"] for g in s["klantgroepen"]]
    n = len(groepen)
    trend = [r for r in p["trend"].rijen if not r[0].waarde.startswith("waarvan")]
    bestand = p["bestand"].rijen[:n]
    return {
        "bestand": staven(
            "Klanten per klantgroep over de laatste perioden",
            groepen,
            [
                (r[0].waarde.replace(" (beleidskader)", ""), r[6 : 6 + n])
                for r in trend[:1] + trend[-3:]
            ],
        ),
        "stromen": staven(
            f"Instroom en uitstroom per klantgroep, {periode_naam(s['huidig']['periode'])}",
            groepen,
            [("Instroom", [r[2] for r in bestand]), ("Uitstroom", [r[5] for r in bestand])],
        ),
    }


def rapport_html(snapshot: dict) -> str:
    css = (settings.BASE_DIR / "static" / "css" / "rapport.css").read_text()
    p = presenteer(snapshot)
    h = snapshot["huidig"]
    return render_to_string(
        "monitoring/rapport.html",
        {
            "s": snapshot,
            "p": p,
            "t": p.tabellen,
            "k": kerncijfers(p),
            "grafieken": grafieken(p),
            "css": css,
            "definities": DEFINITIES,
            "periode": periode_naam(h["periode"]),
            "vorige": periode_naam(snapshot["vorige"]["periode"]),
            "van": datum_lang(h["periode"]["start"]),
            "tot": datum_lang(h["periode"]["eind"]),
            "peildatum": datum_lang(h["peildatum"]),
            "gemaakt": datum_lang(snapshot["gemaakt_op"]),
        },
    )


def kerncijfers(p: Presentatie) -> dict:
    """The figures the core messages quote, as suppressed cells."""
    s = p.snapshot
    h = s["huidig"]
    code, begin, eind = h["periode"]["code"], h["begindatum"], h["peildatum"]
    return {
        "eind": p.cel(("bestand", eind, "*")),
        "begin": p.cel(("bestand", begin, "*")),
        "verschil": p.cel(("verschil", begin, eind, "*")),
        "instroom": p.cel(("in", code, "*")),
        "uitstroom": p.cel(("uit", code, "*")),
        "werk": p.cel(("werk", code, "*")),
        "werk_vorig": p.cel(("werk", s["vorige"]["periode"]["code"], "*")),
        "zorgen_begin": p.cel(("bestand", begin, "zorgen")),
        "zorgen_eind": p.cel(("bestand", eind, "zorgen")),
        "zorgen_verschil": p.cel(("verschil", begin, eind, "zorgen")),
        "nul_totaal": _getal(sum(s["nulmeting"]["per_groep"].values())),
        "nul_zorgen": _getal(s["nulmeting"]["per_groep"].get("zorgen", 0)),
    }


def url_fetcher():
    """Only our own inline data: URLs (the charts); never http(s) or file URLs."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def rapport_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=url_fetcher(), base_url=None).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=False
    )
