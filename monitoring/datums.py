"""Dutch dates and period names for people (never ISO dates or period codes in the UI)."""

import datetime

MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def datum_lang(datum: datetime.date | str) -> str:
    """'2026-06-30' → '30 juni 2026'."""
    if isinstance(datum, str):
        datum = datetime.date.fromisoformat(datum[:10])
    return f"{datum.day} {MAANDEN[datum.month - 1]} {datum.year}"


def periode_naam(periode: dict) -> str:
    """'1e halfjaar 2026', with '(voorlopig)' for a period that is not over yet."""
    return periode["naam"] + (" (voorlopig)" if periode.get("voorlopig") else "")
