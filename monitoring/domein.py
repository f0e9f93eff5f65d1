"""Indicators from the klantreis records (ambitiegesprekken, plannen, voortgangsgesprekken,
rechtmatigheid, trajecten). Filled in as those parts of the klantreis land."""

from .periods import Periode


def bereken(periode: Periode) -> dict:
    return {}


def trajectkosten_per_groep(periode: Periode) -> dict[str, float]:
    return {}


def presentatie(huidig: dict, vorige: dict, groepen: list[dict], cel) -> list[dict]:
    return []
