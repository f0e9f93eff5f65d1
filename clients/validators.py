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
