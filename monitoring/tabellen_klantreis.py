"""Klantreis tables (policy §5 'we kennen onze klanten', begeleiding, kwaliteit) and budget."""

from .datums import periode_naam
from .presentatie import Register, Tabel, tekst

ALLE = "*"


def _kennen(s: dict, reg: Register) -> Tabel:
    h, v = s["huidig"], s["vorige"]
    t = Tabel(
        "kennen",
        "We kennen onze klanten",
        ["Indicator", periode_naam(h["periode"]), periode_naam(v["periode"])],
        voorlopig=h["periode"]["voorlopig"],
    )
    rijen = [
        ("ambitie", "Ambitiegesprekken gevoerd", lambda d: d["ambitie"]["totaal"]),
        (
            "ambitie_bestaand",
            "… met klanten uit het bestaande bestand",
            lambda d: d["ambitie"]["bestand"],
        ),
        (
            "ambitie_nieuw",
            "… met nieuwe klanten",
            lambda d: d["ambitie"]["totaal"] - d["ambitie"]["bestand"],
        ),
        ("mg", "Matchen en Groeien op de einddatum", lambda d: d["plan"]["matchen_groeien"]),
        ("plan", "… met een actueel plan van aanpak", lambda d: d["plan"]["met_plan"]),
        ("pct_plan", "Aandeel met actueel plan", None),
        ("wlr", "Mensen in een werkleerroute", lambda d: d["werkleerroutes"]),
        (
            "participatie",
            "Actief via vrijwilligerswerk of participatieplek",
            lambda d: d["participatie"],
        ),
        ("wmo", "Verwijzingen naar Wmo / sociaal team", lambda d: d["wmo"]),
        ("ladder", "Stap omhoog op de participatieladder", lambda d: d["ladder"]["hoger"]),
    ]
    for naam, label, f in rijen:
        rij = [tekst(label)]
        for p in (h, v):
            code = p["periode"]["code"]
            if f is None:
                rij.append(reg.pct_van(("kr", code, "plan"), ("kr", code, "mg")))
            else:
                rij.append(reg.n(("kr", code, naam), f(p["domein"])))
        t.rijen.append(rij)
    for p in (h, v):
        code = p["periode"]["code"]
        reg.som(
            ("kr", code, "ambitie"),
            [("kr", code, "ambitie_bestaand"), ("kr", code, "ambitie_nieuw")],
        )
        # Matchen + Groeien at the peildatum (the last day, or today in a running period:
        # issue 34 item 4) is the stand of the bestand table on that day
        eind = p["peildatum"]
        reg.som(("kr", code, "mg"), [("bestand", eind, "matchen"), ("bestand", eind, "groeien")])
    return t


def _voortgang(s: dict, reg: Register) -> Tabel:
    h = s["huidig"]
    d, code = h["domein"], h["periode"]["code"]
    v, r = d["voortgang"], d["rechtmatigheid"]
    t = Tabel(
        "voortgang",
        f"Voortgangsgesprekken en rechtmatigheid, {periode_naam(h['periode'])}",
        [
            "Klantgroep",
            "Voortgangsgesprekken gehouden",
            "gepland",
            "Rechtmatigheid getoetst",
            "gepland (apart onderzoek)",
        ],
        voorlopig=h["periode"]["voorlopig"],
    )
    kolommen = {
        "vg_gehouden": lambda c: v["gehouden"].get(c, 0),
        "vg_gepland": lambda c: v["gepland"].get(c, 0),
        "rm_getoetst": lambda c: r["besloten"].get(c, 0) + r["in_gesprek"].get(c, 0),
        "rm_gepland": lambda c: r["gepland"].get(c, 0),
    }
    groepen = s["klantgroepen"]
    for g in groepen:
        t.rijen.append(
            [tekst(g["naam"])]
            + [reg.n((k, code, g["code"]), f(g["code"])) for k, f in kolommen.items()]
        )
    totaal = [tekst("Totaal")]
    for k, f in kolommen.items():
        totaal.append(reg.n((k, code, ALLE), sum(f(g["code"]) for g in groepen)))
        reg.som((k, code, ALLE), [(k, code, g["code"]) for g in groepen])
    t.rijen.append(totaal)
    return t


def _trajecten(s: dict, reg: Register) -> Tabel:
    h = s["huidig"]
    code = h["periode"]["code"]
    t = Tabel(
        "trajecten",
        f"Trajecten per instrument, {periode_naam(h['periode'])}",
        ["Instrument", "Gestart", "Beëindigd", "Succesvol", "Slagingspercentage"],
        voorlopig=h["periode"]["voorlopig"],
    )
    for naam, (g, b, sv) in h["domein"]["trajecten"].items():
        t.rijen.append(
            [
                tekst(naam),
                reg.n(("tr_gestart", code, naam), g),
                reg.n(("tr_beeindigd", code, naam), b),
                reg.n(("tr_succes", code, naam), sv),
                reg.pct_van(("tr_succes", code, naam), ("tr_beeindigd", code, naam)),
            ]
        )
    return t


def _minima(s: dict, reg: Register) -> Tabel:
    h = s["huidig"]
    code = h["periode"]["code"]
    t = Tabel(
        "minima",
        f"Minimaregelingen in voortgangsgesprekken, {periode_naam(h['periode'])}",
        ["Regeling", "In gebruik", "Geadviseerd"],
        voorlopig=h["periode"]["voorlopig"],
    )
    for naam, (g, a) in h["domein"]["minima"].items():
        t.rijen.append(
            [tekst(naam), reg.n(("mi_gebruik", code, naam), g), reg.n(("mi_advies", code, naam), a)]
        )
    return t


DIRECTE_HULP_RIJEN = [
    ("voorschot", "Voorschot op de uitkering"),
    ("voedselbank", "Voedselbank"),
    ("crisisopvang", "Crisisopvang"),
    ("verwijzing", "Verwijzing naar een hulpverlener"),
]


def _directe_hulp(s: dict, reg: Register) -> Tabel | None:
    """Direct help for urgent needs per kind, this period and the previous one, and the total
    amount of the voorschotten (shown only while their count is)."""
    h, v = s["huidig"], s["vorige"]
    if "directe_hulp" not in h["domein"]:
        return None  # a snapshot from before this was recorded
    t = Tabel(
        "directe_hulp",
        "Directe hulp bij broodnood, dreigende huisuitzetting en schulden",
        ["Directe hulp", periode_naam(h["periode"]), periode_naam(v["periode"])],
        voorlopig=h["periode"]["voorlopig"],
        noot="Geteld op de dag dat de hulp is vastgelegd: bij het melden van het urgente "
        "signaal, of bij het afhandelen als er bij de melding nog geen hulp was gegeven "
        "(beleid §3.2 en §4.1: de poortwachter pakt door bij broodnood).",
    )
    perioden = [p for p in (h, v) if (p.get("domein") or {}).get("directe_hulp")]
    for soort, label in [*DIRECTE_HULP_RIJEN, (ALLE, "Totaal")]:
        rij = [tekst(label)]
        for p in (h, v):
            if p not in perioden:
                rij.append(tekst("–"))
                continue
            per_soort = p["domein"]["directe_hulp"]["per_soort"]
            waarde = sum(per_soort.values()) if soort == ALLE else per_soort.get(soort, 0)
            rij.append(reg.n(("dh", p["periode"]["code"], soort), waarde))
        t.rijen.append(rij)
    bedragen = [tekst("Totaalbedrag voorschotten")]
    for p in (h, v):
        if p not in perioden:
            bedragen.append(tekst("–"))
            continue
        code = p["periode"]["code"]
        bedragen.append(
            reg.bedrag_van(
                ("dh", code, "voorschot"), p["domein"]["directe_hulp"]["voorschot_bedrag"]
            )
        )
        reg.som(("dh", code, ALLE), [("dh", code, soort) for soort, _ in DIRECTE_HULP_RIJEN])
    t.rijen.append(bedragen)
    return t


def klantreis(s: dict, reg: Register) -> list[Tabel]:
    if not s["huidig"].get("domein"):
        return []
    from .tabellen_afspraken import afspraken

    directe_hulp = _directe_hulp(s, reg)
    return [
        _kennen(s, reg),
        _voortgang(s, reg),
        _trajecten(s, reg),
        _minima(s, reg),
        *([directe_hulp] if directe_hulp else []),
        *afspraken(s, reg),
    ]


def budget(s: dict) -> Tabel:
    """Budget of the year (§6.1) set against the period: a half year gets half the budget."""
    from .presentatie import Cel

    h = s["huidig"]
    jaar = h["periode"]["start"][:4]
    maanden = 6 if "H" in h["periode"]["code"] else 3
    t = Tabel(
        "budget",
        f"Uitvoeringsbudget {jaar} en gerealiseerde trajectkosten, {periode_naam(h['periode'])}",
        [
            "Klantgroep",
            f"Budget {jaar}",
            f"Budget {'halfjaar' if maanden == 6 else 'kwartaal'}",
            "Gerealiseerd (trajecten)",
            "% gerealiseerd",
        ],
        voorlopig=h["periode"]["voorlopig"],
        noot="Budget per jaar van Deventer Werktalent en Inkomensondersteuning samen; "
        f"voor de periode telt {maanden}/12 van het jaarbudget.",
    )
    real = s.get("realisatie_kosten", {})
    regels = [("intake", "Intake en toekenning")] + [
        (g["code"], g["naam"]) for g in s["klantgroepen"]
    ]
    for code, naam in regels + [(ALLE, "Totaal")]:
        jaarbudget = sum(b["bedrag"] for b in s["budget"] if code in (ALLE, b["klantgroep"]))
        deel = jaarbudget * maanden / 12
        r = sum(real.values()) if code == ALLE else real.get(code, 0)
        t.rijen.append(
            [
                tekst(naam),
                Cel(jaarbudget or None, soort="euro"),
                Cel(deel or None, soort="euro"),
                Cel(r or None, soort="euro"),
                Cel(100 * r / deel if deel else None, soort="pct"),
            ]
        )
    return t
