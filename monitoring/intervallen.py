"""Interval reasoning against disclosure control (issue 34): what a reader learns from the
legend, not only from exact arithmetic.

The legend says "<5" means 1 to drempel − 1, so a cell shown as "x" (hidden to protect
another) cannot be 1 to drempel − 1 either, or it would have said "<5". With those ranges a
relation such as 17 + 0 + 0 − <5 − <5 = 15 gives both hidden cells exactly (1 and 1), and
610 + 32 + <5 − 15 − x = 626 gives x = 5 and the "<5" = 4: no single relation has one unknown,
and the linear algebra of ``presentatie.afleidbaar`` finds nothing, yet the values are fixed.

``interval_afleidbaar`` narrows every unknown cell's range relation by relation until nothing
changes (bounds propagation) and returns the hidden cells whose range shrank to one value.
``onderdruk`` hides more cells until there are none.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable

Sleutel = Hashable
ONEINDIG = math.inf


def _gat(lo: float, hi: float, drempel: int) -> tuple[float, float]:
    """A cell shown as "x": never 1 … drempel − 1 (that would read "<5")."""
    if 1 <= lo <= drempel - 1:
        lo = drempel
    if 1 <= hi <= drempel - 1:
        hi = 0
    return lo, hi


def interval_afleidbaar(
    *,
    verborgen: set,
    primair: set,
    relaties: list[dict],
    waarden: dict,
    negatief: set,
    drempel: int,
    rondes: int = 50,
) -> set:
    """Hidden keys whose value a reader pins down from the shown values, the relations and
    the legend's ranges. ``negatief``: keys that can be below zero (a difference); every other
    count is at least 0. A key in a relation that is neither shown nor hidden (never printed)
    is unknown to the reader with no range but its sign."""
    bereik: dict = {}
    for r in relaties:
        for k in r:
            if k in bereik:
                continue
            if k not in verborgen and k in waarden:
                continue  # shown: known exactly
            if k in primair:
                bereik[k] = (1.0, float(drempel - 1))
            elif k in negatief:
                bereik[k] = (-ONEINDIG, ONEINDIG)
            else:
                bereik[k] = (0.0, ONEINDIG)
                if k in verborgen:
                    bereik[k] = _gat(0.0, ONEINDIG, drempel)
    if not bereik:
        return set()
    rel = [r for r in relaties if any(k in bereik for k in r)]
    gat = {k for k in verborgen if k in bereik and k not in primair and k not in negatief}
    net = _Netwerk(rel, waarden, bereik, gat, drempel, max_stappen=rondes * max(len(rel), 1))
    if not net.smal(bereik, range(len(rel))):
        return set()  # the shown figures contradict the relations: nothing to learn
    # shaving: every value a small hidden range allows, tried in turn; a value that makes the
    # relations contradict each other is struck off (a reader can do the same by hand)
    for k in sorted(verborgen & bereik.keys(), key=repr):
        lo, hi = bereik[k]
        if lo == hi or hi - lo > MAX_PROEVEN:
            continue
        mogelijk = []
        for v in range(int(lo), int(hi) + 1):
            if k in gat and 0 < v < drempel:
                continue
            proef = dict(bereik)
            proef[k] = (float(v), float(v))
            if net.smal(proef, net.per_sleutel[k]):
                mogelijk.append(v)
                if len(mogelijk) > 1:
                    break
        if len(mogelijk) == 1:
            bereik[k] = (float(mogelijk[0]), float(mogelijk[0]))
    return {k for k in verborgen if k in bereik and bereik[k][0] == bereik[k][1]}


MAX_PROEVEN = 25  # ranges up to this width are shaved value by value


class _Netwerk:
    """The relations with their shown part summed once, and per unknown key the relations it
    is in: narrowing after a change revisits only the relations of what changed."""

    def __init__(self, rel, waarden, bereik, gat, drempel, max_stappen):
        self.vast = [sum(c * waarden[k] for k, c in r.items() if k not in bereik) for r in rel]
        self.onbekend = [[(k, c) for k, c in r.items() if k in bereik] for r in rel]
        self.per_sleutel: dict = {}
        for i, termen in enumerate(self.onbekend):
            for k, _ in termen:
                self.per_sleutel.setdefault(k, []).append(i)
        self.gat, self.drempel, self.max_stappen = gat, drempel, max_stappen

    def smal(self, bereik: dict, begin) -> bool:
        """Narrow ``bereik`` in place, starting from the relations ``begin``, until nothing
        changes (bounds propagation); False when a range becomes empty (a contradiction)."""
        rij = deque(begin)
        in_rij = set(rij)
        stappen = 0
        while rij and stappen < self.max_stappen:
            i = rij.popleft()
            in_rij.discard(i)
            stappen += 1
            onbekend = self.onbekend[i]
            for k, c in onbekend:
                # c·x_k = −(vast + Σ other c_j·x_j): the range of the other terms
                lo_rest = hi_rest = float(self.vast[i])
                for j, cj in onbekend:
                    if j == k:
                        continue
                    a, b = bereik[j]  # a is finite or −∞, b finite or +∞: no ∞ − ∞
                    lo_rest += min(cj * a, cj * b)
                    hi_rest += max(cj * a, cj * b)
                grenzen = sorted((-lo_rest / c, -hi_rest / c))
                oud_lo, oud_hi = bereik[k]
                lo, hi = oud_lo, oud_hi
                if math.isfinite(grenzen[0]):
                    lo = max(lo, math.ceil(grenzen[0] - 1e-9))
                if math.isfinite(grenzen[1]):
                    hi = min(hi, math.floor(grenzen[1] + 1e-9))
                if k in self.gat:
                    lo, hi = _gat(lo, hi, self.drempel)
                if lo > hi:
                    return False
                if (lo, hi) != (oud_lo, oud_hi):
                    bereik[k] = (lo, hi)
                    # every relation of k again, this one too (its other terms may tighten)
                    for r in self.per_sleutel[k]:
                        if r not in in_rij:
                            rij.append(r)
                            in_rij.add(r)
        return True
