"""How the agreements with a client read back (issue 27 part 3): the commitment to the plan
(§2.3), openness to a home visit (footnote 15), the feedbackmethode (§3.2) and the Groeien
kenmerken (§3.1). The ambitiegesprek records them; a later voortgangsgesprek may update the
first three. Plain functions on stored values, so the dossier, timeline and API agree."""

import datetime

from .constants import Commitment, Feedbackmethode, GroeienKenmerk, Huisbezoek


def commitment_tekst(commitment: str, getekend_op: datetime.date | None, reden: str = "") -> str:
    if commitment == Commitment.GETEKEND and getekend_op:
        return f"Getekend op {getekend_op:%d-%m-%Y}"
    if commitment == Commitment.GEWEIGERD:
        return f"Geweigerd: {reden}" if reden else "Geweigerd"
    return Commitment.NIET_VASTGELEGD.label


def feedbackmethode_tekst(feedbackmethode: str, toelichting: str = "") -> str:
    label = Feedbackmethode(feedbackmethode).label
    return f"{label}: {toelichting}" if toelichting else label


def huisbezoek_tekst(huisbezoek: str) -> str:
    return Huisbezoek(huisbezoek).label


def kenmerken_tekst(kenmerken: list[str] | None) -> str:
    """``None``: never recorded; an empty list: recorded, none applies."""
    if kenmerken is None:
        return "Niet vastgelegd"
    labels = dict(GroeienKenmerk.choices)
    return ", ".join(labels.get(k, k) for k in kenmerken) or "Geen"


def afspraken_rijen(gesprek) -> tuple[tuple[str, str], ...]:
    """(label, text) rows of what an ambitiegesprek recorded about the agreements."""
    return (
        (
            "Afspraak = afspraak",
            commitment_tekst(
                gesprek.commitment, gesprek.afspraak_getekend_op, gesprek.commitment_reden
            ),
        ),
        (
            "Feedbackmethode",
            feedbackmethode_tekst(gesprek.feedbackmethode, gesprek.feedbackmethode_toelichting),
        ),
        ("Open voor huisbezoek", huisbezoek_tekst(gesprek.huisbezoek)),
        ("Kenmerken Groeien", kenmerken_tekst(gesprek.groeien_kenmerken)),
    )
