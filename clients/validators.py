from django.core.exceptions import ValidationError


def bsn_is_valid(value: str) -> bool:
    """The elfproef for a Dutch BSN: 9 digits, weights 9..2 and -1, sum divisible by 11."""
    if len(value) != 9 or not value.isdigit() or value == "000000000":
        return False
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    if not value.isdigit() or len(value) != 9:
        raise ValidationError("Een BSN bestaat uit precies 9 cijfers.", code="bsn_format")
    if not bsn_is_valid(value):
        raise ValidationError(
            "Dit is geen geldig BSN: het voldoet niet aan de elfproef.", code="bsn_elfproef"
        )


def normalize_bsn(value: str) -> str:
    """Strip spaces and dots people type; pad 8-digit numbers with the leading zero."""
    cleaned = "".join(c for c in (value or "") if c.isdigit())
    if len(cleaned) == 8:
        cleaned = "0" + cleaned
    return cleaned
