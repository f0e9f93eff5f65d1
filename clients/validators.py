import datetime

from django.core.exceptions import ValidationError

ASCII_DIGITS = frozenset("0123456789")


def _is_ascii_digits(value: str) -> bool:
    # str.isdigit() also accepts '²' and Arabic-Indic digits, on which int() fails or which
    # would be stored as a different BSN than the one typed
    return bool(value) and all(c in ASCII_DIGITS for c in value)


def bsn_is_valid(value: str) -> bool:
    """The elfproef for a Dutch BSN: 9 digits, weights 9..2 and -1, sum divisible by 11."""
    if len(value) != 9 or not _is_ascii_digits(value) or value == "000000000":
        return False
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    if not _is_ascii_digits(value) or len(value) != 9:
        raise ValidationError("Een BSN bestaat uit precies 9 cijfers.", code="bsn_format")
    if not bsn_is_valid(value):
        raise ValidationError(
            "Dit is geen geldig BSN: het voldoet niet aan de elfproef.", code="bsn_elfproef"
        )


def normalize_bsn(value: str) -> str:
    """Strip spaces and dots people type; pad 8-digit numbers with the leading zero. Other
    digits ('²', Arabic-Indic) are kept, so that ``validate_bsn`` refuses them."""
    cleaned = "".join(c for c in (value or "") if c.isdigit())
    if len(cleaned) == 8:
        cleaned = "0" + cleaned
    return cleaned


def afspraken_controleer(
    errors: dict[str, list[str]],
    *,
    gesprek_datum: datetime.date | None,
    vandaag: datetime.date,
    commitment: str | None,
    afspraak_getekend_op: datetime.date | None,
    commitment_reden: str,
    huisbezoek: str | None,
    groeien_kenmerken: list[str] | None,
    verplicht: bool,
) -> None:
    """The rules of what a gesprek records about the client's commitment (beleid §2.3), the
    home visit (footnote 15) and the Groeien kenmerken (§3.1), shared by the ambitiegesprek
    (``verplicht``: commitment and home visit must be chosen) and the voortgangsgesprek
    (empty: unchanged). Adds Dutch messages per field to ``errors``."""
    from .constants import Commitment, GroeienKenmerk, Huisbezoek

    if commitment not in Commitment.values or (verplicht and not commitment):
        errors.setdefault("commitment", []).append(
            "Kies of de klant de afspraak heeft getekend of geweigerd."
        )
    if huisbezoek not in Huisbezoek.values or (verplicht and not huisbezoek):
        errors.setdefault("huisbezoek", []).append(
            "Kies of de klant open staat voor een huisbezoek (ja, nee of niet gevraagd)."
        )
    onbekend = set(groeien_kenmerken or []) - set(GroeienKenmerk.values)
    if onbekend:
        errors.setdefault("groeien_kenmerken", []).append("Kies alleen bekende kenmerken.")
    if commitment == Commitment.GETEKEND:
        if afspraak_getekend_op is None:
            errors.setdefault("afspraak_getekend_op", []).append(
                "Geef de datum waarop de klant de afspraak heeft getekend."
            )
        elif afspraak_getekend_op > vandaag:
            errors.setdefault("afspraak_getekend_op", []).append(
                "De afspraak kan niet in de toekomst liggen."
            )
        elif gesprek_datum and afspraak_getekend_op < gesprek_datum:
            # signed at the gesprek or later, never before it was held
            errors.setdefault("afspraak_getekend_op", []).append(
                "De afspraak kan niet vóór de datum van het gesprek "
                f"({gesprek_datum:%d-%m-%Y}) liggen."
            )
    elif afspraak_getekend_op is not None:
        errors.setdefault("afspraak_getekend_op", []).append(
            "Een datum van tekenen hoort alleen bij een getekende afspraak."
        )
    if commitment == Commitment.GEWEIGERD and not commitment_reden.strip():
        errors.setdefault("commitment_reden", []).append("De klant heeft geweigerd: geef de reden.")
