"""The tables of a monitoring output, built from a snapshot with their cells and relations.

Only ``presentatie.presenteer`` calls ``bouw``; suppression happens there, once.
"""

from .datums import datum_lang, periode_naam
from .presentatie import Cel, Register, Tabel, tekst

ALLE = "*"


def _kop(cijfers: dict) -> tuple[str, str, str]:
    p = cijfers["periode"]
    return p["code"], cijfers["begindatum"], cijfers["peildatum"]


def _bestand_waarden(h: dict, c: str) -> dict[str, int]:
    """Begin, flows and end of one klantgroep (``ALLE``: the totals)."""
    matrix = h["doorstroom"]
    if c == ALLE:
        door = sum(sum(r.values()) for r in matrix.values())
        return {
            "begin": sum(h["bestand_begin"].values()),
            "in": sum(h["instroom"].values()),
            "door_in": door,
            "door_uit": door,
            "uit": sum(h["uitstroom"].values()),
            "eind": sum(h["bestand_eind"].values()),
        }
    return {
        "begin": h["bestand_begin"].get(c, 0),
        "in": h["instroom"].get(c, 0),
        "door_in": sum(matrix.get(v, {}).get(c, 0) for v in matrix),
        "door_uit": sum(matrix.get(c, {}).values()),
        "uit": h["uitstroom"].get(c, 0),
        "eind": h["bestand_eind"].get(c, 0),
    }


KOLOMMEN = ("begin", "in", "door_in", "door_uit", "uit", "eind")


def bestand(s: dict, reg: Register) -> Tabel:
    """begin + instroom + doorstroom in − doorstroom uit − uitstroom = eind, per group."""
    h, groepen = s["huidig"], s["klantgroepen"]
    code, begin, eind = _kop(h)
    tabel = Tabel(
        "bestand",
        f"Bestand en stromen per klantgroep, {periode_naam(h['periode'])}",
        [
            "Klantgroep",
            "Begin",
            "Instroom",
            "Doorstroom in",
            "Doorstroom uit",
            "Uitstroom",
            "Eind",
            "Verschil",
        ],
        voorlopig=h["periode"]["voorlopig"],
        noot=f"Begin = stand op {datum_lang(begin)}, eind = stand op {datum_lang(eind)}.",
    )
    for g in groepen + [{"code": ALLE, "naam": "Totaal"}]:
        c = g["code"]
        waarden = _bestand_waarden(h, c)
        k = {
            "begin": ("bestand", begin, c),
            "in": ("in", code, c),
            "door_in": ("door_in", code, c),
            "door_uit": ("door_uit", code, c),
            "uit": ("uit", code, c),
            "eind": ("bestand", eind, c),
        }
        verschil = ("verschil", begin, eind, c)
        tabel.rijen.append(
            [tekst(g["naam"])]
            + [reg.n(k[n], waarden[n]) for n in KOLOMMEN]
            + [reg.n(verschil, waarden["eind"] - waarden["begin"], soort="verschil")]
        )
        reg.relatie(
            {
                k["begin"]: 1,
                k["in"]: 1,
                k["door_in"]: 1,
                k["door_uit"]: -1,
                k["uit"]: -1,
                k["eind"]: -1,
            }
        )
        reg.relatie({verschil: 1, k["eind"]: -1, k["begin"]: 1})
    codes = [g["code"] for g in groepen]
    for n, kol in (
        ("bestand", begin),
        ("in", code),
        ("door_in", code),
        ("door_uit", code),
        ("uit", code),
        ("bestand", eind),
    ):
        reg.som((n, kol, ALLE), [(n, kol, c) for c in codes])
    reg.som(("verschil", begin, eind, ALLE), [("verschil", begin, eind, c) for c in codes])
    return tabel


def doorstroom(s: dict, reg: Register) -> Tabel:
    h, groepen = s["huidig"], s["klantgroepen"]
    code = h["periode"]["code"]
    codes = [g["code"] for g in groepen]
    tabel = Tabel(
        "doorstroom",
        f"Doorstroom tussen klantgroepen, {periode_naam(h['periode'])}: van (rij) naar (kolom)",
        ["Van \\ naar"] + [g["naam"] for g in groepen] + ["Totaal uit"],
        voorlopig=h["periode"]["voorlopig"],
    )
    for g in groepen:
        rij = [tekst(g["naam"])]
        for n in codes:
            if n == g["code"]:
                rij.append(tekst("–"))
            else:
                rij.append(
                    reg.n(
                        ("door", code, g["code"], n), h["doorstroom"].get(g["code"], {}).get(n, 0)
                    )
                )
        rij.append(
            reg.n(("door_uit", code, g["code"]), sum(h["doorstroom"].get(g["code"], {}).values()))
        )
        tabel.rijen.append(rij)
        reg.som(
            ("door_uit", code, g["code"]),
            [("door", code, g["code"], n) for n in codes if n != g["code"]],
        )
    totaal = [tekst("Totaal in")]
    for n in codes:
        waarde = sum(h["doorstroom"].get(v, {}).get(n, 0) for v in codes)
        totaal.append(reg.n(("door_in", code, n), waarde))
        reg.som(("door_in", code, n), [("door", code, v, n) for v in codes if v != n])
    totaal.append(
        reg.n(("door_uit", code, ALLE), sum(sum(r.values()) for r in h["doorstroom"].values()))
    )
    tabel.rijen.append(totaal)
    reg.som(("door_in", code, ALLE), [("door_in", code, n) for n in codes])
    reg.relatie({("door_in", code, ALLE): 1, ("door_uit", code, ALLE): -1})
    return tabel


def redenen(s: dict, reg: Register) -> Tabel:
    h, groepen = s["huidig"], list(s["klantgroepen"])
    code = h["periode"]["code"]
    if "onbekend" in h["redenen"]:
        groepen.append({"code": "onbekend", "naam": "Zonder klantgroep"})
    codes = [g["code"] for g in groepen]
    tabel = Tabel(
        "redenen",
        f"Beëindigde uitkeringen naar reden en klantgroep, {periode_naam(h['periode'])}",
        ["Reden"] + [g["naam"] for g in groepen] + ["Totaal"],
        voorlopig=h["periode"]["voorlopig"],
    )
    from clients.constants import UITSTROOM_NAAR_WERK

    redenen_ = s["uitstroomredenen"] + [{"code": ALLE, "naam": "Totaal"}]
    for r in redenen_:
        rij = [tekst(r["naam"])]
        for c in codes + [ALLE]:
            if r["code"] == ALLE and c == ALLE:
                w = sum(sum(x.values()) for x in h["redenen"].values())
            elif r["code"] == ALLE:
                w = sum(h["redenen"].get(c, {}).values())
            elif c == ALLE:
                w = sum(x.get(r["code"], 0) for x in h["redenen"].values())
            else:
                w = h["redenen"].get(c, {}).get(r["code"], 0)
            rij.append(reg.n(("reden", code, c, r["code"]), w))
        tabel.rijen.append(rij)
    for r in redenen_:
        reg.som(("reden", code, ALLE, r["code"]), [("reden", code, c, r["code"]) for c in codes])
    for c in codes + [ALLE]:
        reg.som(
            ("reden", code, c, ALLE), [("reden", code, c, r["code"]) for r in s["uitstroomredenen"]]
        )
    werk = [r["code"] for r in s["uitstroomredenen"] if r["code"] in UITSTROOM_NAAR_WERK]
    rij = [tekst("waarvan naar werk")]
    for c in codes + [ALLE]:
        w = (
            sum(h["redenen"].get(c, {}).get(x, 0) for x in werk)
            if c != ALLE
            else sum(h["uitstroom_naar_werk"].values())
        )
        rij.append(reg.n(("werk", code, c), w))
        reg.som(("werk", code, c), [("reden", code, c, x) for x in werk])
    tabel.rijen.append(rij)
    return tabel


def _periode_rij(reg: Register, p: dict, naam: str) -> list[Cel]:
    code, _, eind = _kop(p)
    werk = sum(p["uitstroom_naar_werk"].values())
    door = sum(sum(r.values()) for r in p["doorstroom"].values())
    return [
        tekst(naam),
        reg.n(("in", code, ALLE), sum(p["instroom"].values())),
        reg.n(("uit", code, ALLE), sum(p["uitstroom"].values())),
        reg.n(("werk", code, ALLE), werk),
        reg.n(("door_in", code, ALLE), door),
        reg.n(("bestand", eind, ALLE), sum(p["bestand_eind"].values())),
    ]


def _nulmeting(s: dict) -> list[Cel]:
    nul = s["nulmeting"]["per_groep"]
    return (
        [tekst("Nulmeting juli 2019 (beleidskader)")]
        + [tekst("–")] * 4
        + [Cel(sum(nul.values()))]
        + [Cel(nul.get(g["code"], 0)) for g in s["klantgroepen"]]
    )


def _kwartalen(s: dict, reg: Register, tabel: Tabel) -> None:
    """The quarters of a half year, adding up to it and to its end."""
    h, vorige = s["huidig"], s["huidig"]["begindatum"]
    for q in s["kwartalen"]:
        code, _, eind = _kop(q)
        rij = _periode_rij(reg, q, "waarvan " + periode_naam(q["periode"]))
        tabel.rijen.append(rij + [tekst("")] * len(s["klantgroepen"]))
        reg.relatie(
            {
                ("bestand", vorige, ALLE): 1,
                ("in", code, ALLE): 1,
                ("uit", code, ALLE): -1,
                ("bestand", eind, ALLE): -1,
            }
        )
        vorige = eind
    if s["kwartalen"]:
        code = h["periode"]["code"]
        for n in ("in", "uit", "werk", "door_in"):
            reg.som((n, code, ALLE), [(n, q["periode"]["code"], ALLE) for q in s["kwartalen"]])


def trend(s: dict, reg: Register) -> Tabel:
    """The period, the earlier periods and the quarters, with the 2019 baseline."""
    h, groepen = s["huidig"], s["klantgroepen"]
    tabel = Tabel(
        "trend",
        "Ontwikkeling over de laatste perioden en de nulmeting van juli 2019",
        ["Periode", "Instroom", "Uitstroom", "naar werk", "Groepswissels", "Bestand eind"]
        + [g["naam"] for g in groepen],
        voorlopig=h["periode"]["voorlopig"],
    )
    tabel.rijen.append(_nulmeting(s))
    vorige = None
    for p in list(reversed(s["eerder"])) + [h]:
        code, begin, eind = _kop(p)
        rij = _periode_rij(reg, p, periode_naam(p["periode"]))
        rij += [
            reg.n(("bestand", eind, g["code"]), p["bestand_eind"].get(g["code"], 0))
            for g in groepen
        ]
        tabel.rijen.append(rij)
        reg.som(("bestand", eind, ALLE), [("bestand", eind, g["code"]) for g in groepen])
        if vorige == begin:  # consecutive periods: end = previous end + in − out
            reg.relatie(
                {
                    ("bestand", begin, ALLE): 1,
                    ("in", code, ALLE): 1,
                    ("uit", code, ALLE): -1,
                    ("bestand", eind, ALLE): -1,
                }
            )
        vorige = eind
    _kwartalen(s, reg, tabel)
    return tabel


#: The stand and its flows: the figures the report is read for. Suppression protects a small
#: cell with other detail cells of its table before it touches these.
HOOFDCIJFERS = ("bestand", "in", "uit", "door_in", "door_uit", "verschil")


def gelijke_marges(s: dict, reg: Register) -> None:
    """Margins two tables repeat under different names (issue 34): per klantgroep "uitstroom"
    of the bestand table (out of the bestand) and the total of benefit endings of the reasons
    table are, almost always, the same people. A reader who sees them equal where both are
    shown assumes it where one is hidden, so where they are equal the relation is registered
    (where they differ, the reader cannot rely on it)."""
    code = s["huidig"]["periode"]["code"]
    for g in [x["code"] for x in s["klantgroepen"]] + [ALLE]:
        uit, einde = ("uit", code, g), ("reden", code, g, ALLE)
        if uit in reg.waarden and einde in reg.waarden and reg.waarden[uit] == reg.waarden[einde]:
            reg.relatie({uit: 1, einde: -1})


def bouw(s: dict, reg: Register) -> dict[str, Tabel]:
    from .tabellen_klantreis import budget, klantreis

    tabellen = {
        t.id: t for t in (bestand(s, reg), doorstroom(s, reg), redenen(s, reg), trend(s, reg))
    }
    gelijke_marges(s, reg)
    for t in klantreis(s, reg):
        tabellen[t.id] = t
    tabellen["budget"] = budget(s)
    hoofd = {
        k
        for k in reg.cellen
        if k[0] in HOOFDCIJFERS or (k[0] == "reden" and k[-1] == ALLE)  # = uitstroom
    }
    while True:  # and what they add up to elsewhere ("Matchen en Groeien" = two stands)
        erbij = {k for r in reg.relaties for k in r if k not in hoofd and set(r) - {k} <= hoofd}
        if not erbij:
            break
        hoofd |= erbij
    reg.hoofdcijfers = hoofd
    return tabellen
