"""Presentation of monitoring figures, with the one suppression function.

Every output (raad report PDF, dashboard, CSV/XLSX export, API) calls ``presenteer`` on a
snapshot of ``cijfers.cijfers_bereken`` and shows (a selection of) the same tables, so a
figure is suppressed identically everywhere.

Disclosure control (method, also in the report's definitions)
-------------------------------------------------------------
1. **Primary suppression**: every count from 1 up to the threshold − 1
   (``DW_SMALL_COUNT_THRESHOLD``, default 5) is shown as "<5". Zero is shown.
2. **Secondary suppression**: every figure in an output has an identity (a key such as
   ("bestand", "2026-06-30", "matchen")); a figure that appears in two tables (the end of the
   previous period is the begin of this one, a quarter's end is the half year's end) is the same
   cell. Every additive relation the output shows is registered: row and column totals, the
   bestand identity begin + instroom + doorstroom in − doorstroom uit − uitstroom = eind,
   differences (eind − begin), quarters adding up to the half year, consecutive periods in the
   trend table, Matchen + Groeien. A suppressed cell is *derivable* when its value follows
   from the shown figures by any combination of these relations (linear algebra: its unit
   vector lies in the row space of the relation matrix restricted to hidden cells). While a
   derivable hidden cell exists, the smallest non-zero shown cell in a relation with it is
   hidden as well ("x"). The same holds for a cell the reader pins down with the legend's
   ranges: "<5" is 1 to threshold − 1, so "x" is 0 or at least the threshold
   (``intervallen.interval_afleidbaar``, bounds propagation over the same relations). The
   loop ends when no hidden cell can be derived either way. Where nothing is left to hide
   around a derivable secondary cell (an "x" that must be 0 because its total is below the
   threshold), that cell is shown: hiding it protects nothing. Margins two tables repeat
   under other names (uitstroom and benefit endings per group) are registered too
   (``tabellen.gelijke_marges``). The hidden set is cached under the figures' fingerprint.
3. **Percentages** are shown only when numerator and denominator are both shown and the
   denominator is at least the threshold.
4. **Amounts** that belong to a count (the total of the voorschotten) are hidden ("x") when
   that count is hidden: the sum of one to four payments tells about those persons.

What remains: a hidden cell can be bounded (a "<5" is 1–4), never pinned to one value.
"""

from dataclasses import dataclass, field

import numpy as np

from .intervallen import interval_afleidbaar

BRON = "Bron: Deventer Werk (historie van klantgroepen, uitkeringen en klantreis)"

Sleutel = tuple


@dataclass(eq=False)
class Cel:
    """A figure as shown. ``sleutel`` is its identity in the output (None: not a count)."""

    waarde: int | float | str | None
    sleutel: Sleutel | None = None
    soort: str = "aantal"  # aantal | verschil | pct | euro | tekst
    drempel: int = 5
    onderdrukt: bool = False
    primair: bool = False
    teller: Sleutel | None = None  # pct: the counts it is made of
    noemer: Sleutel | None = None

    @property
    def getal(self):
        """The number for machine-readable outputs; None when hidden or not applicable."""
        if self.onderdrukt or self.soort == "tekst":
            return None
        return self.waarde

    def __str__(self) -> str:
        if self.onderdrukt:
            return f"<{self.drempel}" if self.primair else "x"
        w = self.waarde
        if w is None:
            return "–"
        if self.soort == "tekst":
            return str(w)
        if self.soort == "pct":
            return f"{round(w)}%"
        if self.soort == "euro":
            return "€ " + f"{w:,.0f}".replace(",", ".")
        if self.soort == "verschil":
            return "0" if w == 0 else f"{'+' if w > 0 else '−'}{abs(w):,}".replace(",", ".")
        if isinstance(w, float):
            return f"{w:.1f}".replace(".", ",")
        return f"{w:,}".replace(",", ".")


def tekst(waarde) -> Cel:
    return Cel(waarde, soort="tekst")


@dataclass
class Tabel:
    id: str
    titel: str
    kolommen: list[str]
    rijen: list[list[Cel]] = field(default_factory=list)
    bron: str = BRON
    voorlopig: bool = False
    noot: str = ""

    def gelabeld(self) -> list[list[tuple[Cel, str]]]:
        """The rows with each cell's column heading beside it (the HTML's ``data-label``),
        paired here once instead of a loop over the columns for every cell in the template
        (issue 33: the dashboard 29-33 -> 22 ms in-process at city size)."""
        n = len(self.kolommen)
        return [
            [(c, self.kolommen[i] if i < n else "") for i, c in enumerate(rij)]
            for rij in self.rijen
        ]

    def waarden(self) -> list[list]:
        """Rows for CSV/XLSX/API: labels as text, numbers as numbers, hidden as marker text."""
        return [[c.getal if c.getal is not None else str(c) for c in rij] for rij in self.rijen]


class Register:
    """The cells and additive relations of one output, before suppression."""

    def __init__(self, drempel: int):
        self.drempel = drempel
        self.cellen: dict[Sleutel, list[Cel]] = {}
        self.waarden: dict[Sleutel, int] = {}
        self.relaties: list[dict[Sleutel, int]] = []
        self.pct: list[Cel] = []
        self.bedragen: list[Cel] = []
        #: The headline figures (the stand and its flows): secondary suppression hides
        #: detail cells before any of these (see ``verborgen_bereken``).
        self.hoofdcijfers: set[Sleutel] = set()

    def n(self, sleutel: Sleutel, waarde: int, soort: str = "aantal") -> Cel:
        cel = Cel(int(waarde or 0), sleutel=sleutel, soort=soort, drempel=self.drempel)
        self.cellen.setdefault(sleutel, []).append(cel)
        self.waarden[sleutel] = cel.waarde
        return cel

    def pct_van(self, teller: Sleutel, noemer: Sleutel) -> Cel:
        t, n = self.waarden.get(teller, 0), self.waarden.get(noemer, 0)
        cel = Cel(100 * t / n if n else None, soort="pct", teller=teller, noemer=noemer)
        cel.drempel = self.drempel
        self.pct.append(cel)
        return cel

    def bedrag_van(self, aantal: Sleutel, waarde: float | None) -> Cel:
        """An amount in euros over the persons counted in ``aantal`` (registered before)."""
        cel = Cel(waarde, soort="euro", teller=aantal, drempel=self.drempel)
        self.bedragen.append(cel)
        return cel

    def som(self, totaal: Sleutel, delen: list[Sleutel]) -> None:
        """totaal = sum(delen)."""
        relatie: dict[Sleutel, int] = {totaal: -1}
        for d in delen:
            relatie[d] = relatie.get(d, 0) + 1
        self.relaties.append({k: v for k, v in relatie.items() if v})

    def relatie(self, termen: dict[Sleutel, int]) -> None:
        """sum(coef × cell) = 0."""
        self.relaties.append(termen)


def afleidbaar(verborgen: set, relaties: list[dict], getoond: set) -> set:
    """Hidden keys whose value follows from the shown ones through the relations."""
    onbekend = set(verborgen)
    for r in relaties:
        onbekend |= {k for k in r if k not in getoond}  # never shown: unknown to the reader
    rel = [r for r in relaties if any(k in onbekend for k in r)]
    kolommen = sorted({k for r in rel for k in r if k in onbekend}, key=repr)
    if not rel or not kolommen:
        return set()
    index = {k: i for i, k in enumerate(kolommen)}
    a = np.zeros((len(rel), len(kolommen)))
    for i, r in enumerate(rel):
        for k, coef in r.items():
            if k in index:
                a[i, index[k]] = coef
    _, s, vt = np.linalg.svd(a)
    rang = int((s > 1e-9).sum())
    kern = vt[rang:].T  # basis of the solutions the reader cannot tell apart
    return {
        k
        for k in kolommen
        if k in verborgen and (kern.shape[1] == 0 or np.abs(kern[index[k]]).max() < 1e-9)
    }


def _kies(
    sleutel, verborgen: set, register: Register, uitgesloten: frozenset = frozenset()
) -> Sleutel | None:
    """The smallest non-zero shown cell in a relation with ``sleutel`` (prefer a relation in
    which it is the only hidden cell); when every cell of those relations is hidden already,
    look one relation further (the hidden neighbours' relations)."""
    w = register.waarden
    met = [r for r in register.relaties if sleutel in r]
    enkel = [r for r in met if sum(k in verborgen for k in r) == 1]
    gezien = {sleutel}
    for _ in range(4):
        for groep in (enkel, met):
            kandidaten = {
                k
                for r in groep
                for k in r
                if k not in verborgen and k in register.cellen and k not in uitgesloten
            }
            if kandidaten:
                return min(kandidaten, key=lambda k: (w[k] == 0, abs(w[k]), repr(k)))
        buren = {k for r in met for k in r} - gezien
        gezien |= buren
        met = [r for r in register.relaties if any(k in r for k in buren)]
        enkel = []
    return None


def onderdruk(register: Register, cache_sleutel: str | None = None) -> set:
    """THE suppression function: primary then secondary suppression (see module docstring).
    Marks every Cel of the output and returns the hidden keys. With ``cache_sleutel`` (the
    figures' fingerprint) the hidden set is computed once and kept: the same figures always
    give the same register and the same choice (seconds on a half year)."""
    from django.core.cache import cache

    verborgen = cache.get(cache_sleutel) if cache_sleutel else None
    if verborgen is None:
        verborgen = verborgen_bereken(register)
        if cache_sleutel:
            cache.set(cache_sleutel, verborgen, 60 * 60 * 24 * 7)
    _markeer(register, verborgen)
    return verborgen


def verborgen_bereken(register: Register) -> set:
    """The hidden keys: primary, then secondary until no hidden cell can be derived."""
    d = register.drempel
    verborgen = {
        k
        for k, cellen in register.cellen.items()
        if cellen[0].soort == "aantal" and 0 < register.waarden[k] < d
    }
    primair = set(verborgen)
    getoond = set(register.cellen)
    negatief = {k for k, cellen in register.cellen.items() if cellen[0].soort != "aantal"}
    onthuld: set = set()

    def kandidaat(te_vinden: set) -> Sleutel | None:
        """A cell to hide next for the primary cells in ``te_vinden``: a detail cell when
        one can protect, a headline figure only when none can. Secondary cells only
        protect primary ones: a secondary the reader works out is shown instead (below),
        not covered in turn, which spread from a reason's zero to the group's uitstroom and
        through its flows to the caseload (2026H1 on the demo: "x klanten", issue 34)."""
        for uitgesloten in (onthuld | register.hoofdcijfers, onthuld):
            for k in sorted(te_vinden & primair, key=repr):
                extra = _kies(k, verborgen, register, frozenset(uitgesloten))
                if extra is not None:
                    return extra
        return None

    while True:
        te_vinden = afleidbaar(verborgen, register.relaties, getoond)
        extra = kandidaat(te_vinden)
        if extra is None:
            # and with the legend's ranges ("<5" is 1–4, so "x" is not): issue 34
            te_vinden |= interval_afleidbaar(
                verborgen=verborgen,
                primair=primair,
                relaties=register.relaties,
                waarden=register.waarden,
                negatief=negatief,
                drempel=d,
            )
            extra = kandidaat(te_vinden)
        if extra is not None:
            verborgen.add(extra)
            continue
        # Nothing left to hide around them. A secondary cell the reader works out anyway
        # protects nothing (typically an "x" that must be 0 because its total is below the
        # threshold): show it, and never hide it again.
        onthul = {k for k in te_vinden if k not in primair}
        if not onthul:
            break
        verborgen -= onthul
        onthuld |= onthul
    return verborgen


def _markeer(register: Register, verborgen: set) -> None:
    """Mark the cells, percentages and amounts of the hidden keys."""
    d = register.drempel
    primair = {
        k
        for k, cellen in register.cellen.items()
        if cellen[0].soort == "aantal" and 0 < register.waarden[k] < d
    }
    for k in verborgen:
        for cel in register.cellen[k]:
            cel.onderdrukt, cel.primair = True, k in primair
    for cel in register.pct:
        w = register.waarden
        if (
            cel.teller in verborgen
            or cel.noemer in verborgen
            or w.get(cel.noemer, 0) < d
            or cel.waarde is None
        ):
            cel.waarde = None
    for cel in register.bedragen:
        if cel.teller in verborgen:
            cel.onderdrukt = True


# Raise when the suppression or the tables change: the cached hidden sets are then recomputed.
ONDERDRUK_VERSIE = 3  # 2: interval reasoning, repeated margins; 3: detail before headline


def presenteer(snapshot: dict) -> "Presentatie":
    """Build every table of a snapshot and suppress once, for all outputs alike."""
    from .cijfers import vingerafdruk
    from .tabellen import bouw

    register = Register(snapshot["drempel"])
    tabellen = bouw(snapshot, register)
    verborgen = onderdruk(register, f"dw:onderdrukt:{ONDERDRUK_VERSIE}:{vingerafdruk(snapshot)}")
    return Presentatie(snapshot, tabellen, register, verborgen)


@dataclass
class Presentatie:
    snapshot: dict
    tabellen: dict[str, Tabel]
    register: Register
    verborgen: set

    def cel(self, sleutel: Sleutel) -> Cel:
        """A shown figure by key (for texts and KPI tiles: suppressed like in the tables)."""
        return self.register.cellen[sleutel][0]

    def __getitem__(self, naam: str) -> Tabel:
        return self.tabellen[naam]
