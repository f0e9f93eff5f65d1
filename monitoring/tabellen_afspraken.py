"""Tables from what the ambitiegesprek records (issue 27 part 3): the Groeien kenmerken and
ambitiegesprekken held / still to hold, new clients apart from the existing bestand. Both are
a state on the period's peildatum; snapshots made before these figures existed have none."""

from clients.constants import GroeienKenmerk

from .datums import datum_lang
from .indicators_afspraken import BELEID_START, GEEN, KOLOMMEN, NIET_VASTGELEGD, ZONDER_GROEP
from .presentatie import Register, Tabel, tekst

ALLE = "*"


def _kenmerken(a: dict, voorlopig: bool, reg: Register) -> Tabel:
    peil = a["peildatum"]
    t = Tabel(
        "kenmerken",
        f"Kenmerken Groeien op {datum_lang(peil)}",
        ["Kenmerk", "Klanten in Groeien", "Alle klanten"],
        voorlopig=voorlopig,
        noot="Stand op de peildatum: wat het laatste ambitiegesprek of voortgangsgesprek "
        "vastlegde (beleid §3.1). Een klant met meer kenmerken telt in elke rij, dus de rijen "
        "tellen niet op. 'Niet vastgelegd': gesprekken van vóór deze vraag.",
    )
    labels = [
        *GroeienKenmerk.choices,
        (GEEN, "Geen van deze kenmerken"),
        (NIET_VASTGELEGD, "Niet vastgelegd"),
    ]
    for code, label in labels:
        t.rijen.append(
            [tekst(label)]
            + [
                reg.n(("kenmerk", peil, code, k), a["kenmerken"][k][code])
                for k in ("groeien", "alle")
            ]
        )
    return t


def _ambitie_stand(a: dict, groepen: list[dict], voorlopig: bool, reg: Register) -> Tabel:
    peil, stand = a["peildatum"], a["ambitie_stand"]
    t = Tabel(
        "ambitie_stand",
        f"Ambitiegesprekken gehouden en nog te houden op {datum_lang(peil)}",
        [
            "Klantgroep",
            "Nieuwe klanten: gehouden",
            "Nieuwe klanten: nog te houden",
            "Bestaande klanten: gehouden",
            "Bestaande klanten: nog te houden",
            "Totaal gehouden",
            "Totaal nog te houden",
        ],
        voorlopig=voorlopig,
        noot="Over klanten met een lopende uitkering op de peildatum, in hun klantgroep van "
        "die dag. Nieuwe klant: eerste uitkering gemeld op of na "
        f"{datum_lang(BELEID_START.isoformat())} (start van de nieuwe werkwijze voor de "
        "nieuwe instroom, beleid §6.2); bestaande klant: eerder gemeld.",
    )
    regels = [(g["code"], g["naam"]) for g in groepen] + [(ZONDER_GROEP, "Nog niet ingedeeld")]
    for code, naam in [*regels, (ALLE, "Totaal")]:

        def waarde(kolom: str, code=code) -> int:
            if code == ALLE:
                return sum(stand.get(c, {}).get(kolom, 0) for c, _ in regels)
            return stand.get(code, {}).get(kolom, 0)

        cellen = {k: reg.n(("as", peil, k, code), waarde(k)) for k in KOLOMMEN}
        for soort in ("gehouden", "te_houden"):
            sleutel = ("as", peil, f"totaal_{soort}", code)
            cellen[f"totaal_{soort}"] = reg.n(
                sleutel, waarde(f"nieuw_{soort}") + waarde(f"bestaand_{soort}")
            )
            reg.som(
                sleutel,
                [("as", peil, f"nieuw_{soort}", code), ("as", peil, f"bestaand_{soort}", code)],
            )
        t.rijen.append([tekst(naam), *cellen.values()])
    for kolom in (*KOLOMMEN, "totaal_gehouden", "totaal_te_houden"):
        reg.som(("as", peil, kolom, ALLE), [("as", peil, kolom, c) for c, _ in regels])
    return t


def afspraken(s: dict, reg: Register) -> list[Tabel]:
    a = (s["huidig"].get("domein") or {}).get("afspraken")
    if not a:
        return []
    voorlopig = s["huidig"]["periode"]["voorlopig"]
    return [_kenmerken(a, voorlopig, reg), _ambitie_stand(a, s["klantgroepen"], voorlopig, reg)]
