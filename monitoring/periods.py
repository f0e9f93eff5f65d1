"""Reporting periods: quarters (2026Q1) and half years (2026H1), with their predecessor."""

import datetime
import re
from dataclasses import dataclass, replace

from deventer_werk.dates import add_months

_PATTERN = re.compile(r"^(?P<jaar>(?:19|20)\d\d)(?P<soort>[QqHh])(?P<nr>[1-4])$")


@dataclass(frozen=True, order=True)
class Periode:
    start: datetime.date
    eind: datetime.date  # inclusive
    code: str

    @classmethod
    def parse(cls, code: str) -> "Periode":
        match = _PATTERN.match(code.strip())
        if not match:
            raise ValueError("Gebruik de vorm 2026H1 (halfjaar) of 2026Q3 (kwartaal).")
        jaar, soort, nr = int(match["jaar"]), match["soort"].upper(), int(match["nr"])
        if soort == "H" and nr > 2:
            raise ValueError("Een jaar heeft twee halfjaren: H1 of H2.")
        maanden = 6 if soort == "H" else 3
        eerste_maand = (nr - 1) * maanden + 1
        start = datetime.date(jaar, eerste_maand, 1)
        volgende = add_months(start, maanden)
        return cls(
            start=start, eind=volgende - datetime.timedelta(days=1), code=f"{jaar}{soort}{nr}"
        )

    def gemeten(self, vandaag: datetime.date) -> "Periode":
        """The part of the period that has happened on ``vandaag``: a running period ends on
        ``vandaag`` (the peildatum of its stand), so every flow and figure runs to the same
        day as the stand (issue 34 item 4); a finished period is itself."""
        if self.eind <= vandaag:
            return self
        return replace(self, eind=max(vandaag, self.start - datetime.timedelta(days=1)))

    @property
    def is_halfjaar(self) -> bool:
        return "H" in self.code

    @property
    def naam(self) -> str:
        jaar, nr = self.code[:4], self.code[-1]
        if self.is_halfjaar:
            return f"{nr}e halfjaar {jaar}"
        return f"{nr}e kwartaal {jaar}"

    def vorige(self) -> "Periode":
        jaar, nr = int(self.code[:4]), int(self.code[-1])
        soort = self.code[4]
        if nr == 1:
            return Periode.parse(f"{jaar - 1}{soort}{2 if soort == 'H' else 4}")
        return Periode.parse(f"{jaar}{soort}{nr - 1}")

    def kwartalen(self) -> list["Periode"]:
        if not self.is_halfjaar:
            return [self]
        first = 1 if self.code.endswith("1") else 3
        return [Periode.parse(f"{self.code[:4]}Q{q}") for q in (first, first + 1)]


def halfjaar_van(date: datetime.date) -> Periode:
    return Periode.parse(f"{date.year}H{1 if date.month <= 6 else 2}")


def kwartaal_van(date: datetime.date) -> Periode:
    return Periode.parse(f"{date.year}Q{(date.month - 1) // 3 + 1}")
