"""Input hygiene: the rules every value typed into a form or sent to the API passes.

One module, used by the form base (``deventer_werk.forms.UtrechtFormMixin``) and the API's
write serializers (``deventer_werk.api.hygiene.WriteSerializer``), so a page and the API refuse
the same input with the same Dutch message:

- numbers, dates and times are typed with ASCII digits only (``str.isdigit()`` and ``int()``
  also accept '²' or Arabic-Indic digits, which crashed the BSN check or were saved silently);
- every date lies between 1900-01-01 and 2100-12-31 (year 1 or 9999 overflows date arithmetic);
  a birth date is not in the future and at most 120 years ago;
- names and free text hold no control characters (tab, newline and carriage return only in
  multi-line text) and no invisible format characters (bidi overrides such as U+202E,
  zero-width spaces, the byte-order mark), which make a name display as something else;
- free text without its own limit is capped at ``MAX_VRIJE_TEKST`` characters.
"""

import datetime
import unicodedata

from django.core.exceptions import ValidationError

from deventer_werk.dates import today

DATUM_MIN = datetime.date(1900, 1, 1)
DATUM_MAX = datetime.date(2100, 12, 31)
MAX_LEEFTIJD_JAREN = 120
MAX_VRIJE_TEKST = 4000
GEBOORTEDATUM_VELDEN = frozenset({"geboortedatum"})

_MULTILINE_ALLOWED = frozenset("\t\n\r")


def check_ascii_input(value: object) -> None:
    """A number, date or time as typed: refuse any character outside ASCII."""
    if isinstance(value, str) and not value.isascii():
        raise ValidationError(
            "Gebruik alleen de gewone cijfers 0 tot en met 9 "
            "(geen superscript of cijfers uit een ander schrift).",
            code="niet_ascii",
        )


def _describe(char: str) -> str:
    return f"U+{ord(char):04X}"


def check_text(value: str, *, multiline: bool = False) -> None:
    """Refuse control characters and invisible format (bidi, zero-width) characters."""
    if not isinstance(value, str):
        return
    for char in value:
        category = unicodedata.category(char)
        if category == "Cc" and not (multiline and char in _MULTILINE_ALLOWED):
            raise ValidationError(
                "De tekst bevat een onzichtbaar stuurteken (%(teken)s); "
                "verwijder het en typ de tekst opnieuw.",
                code="stuurteken",
                params={"teken": _describe(char)},
            )
        if category == "Cf":
            raise ValidationError(
                "De tekst bevat een onzichtbaar teken dat de schrijfrichting of weergave "
                "verandert (%(teken)s); verwijder het en typ de tekst opnieuw.",
                code="opmaakteken",
                params={"teken": _describe(char)},
            )


def check_multiline_text(value: str) -> None:
    check_text(value, multiline=True)


def _as_date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None


def check_date(value: object) -> None:
    """Every date between 1900-01-01 and 2100-12-31."""
    datum = _as_date(value)
    if datum is not None and not DATUM_MIN <= datum <= DATUM_MAX:
        raise ValidationError(
            "Vul een datum in tussen 1-1-1900 en 31-12-2100.", code="datum_buiten_bereik"
        )


def check_birth_date(value: object) -> None:
    """A birth date: not in the future, at most 120 years ago."""
    datum = _as_date(value)
    if datum is None:
        return
    vandaag = today()
    if datum > vandaag:
        raise ValidationError(
            "De geboortedatum kan niet in de toekomst liggen.", code="geboortedatum_toekomst"
        )
    try:
        oudste = vandaag.replace(year=vandaag.year - MAX_LEEFTIJD_JAREN)
    except ValueError:  # 29 February
        oudste = vandaag.replace(year=vandaag.year - MAX_LEEFTIJD_JAREN, day=28)
    if datum < oudste:
        raise ValidationError(
            "De geboortedatum ligt meer dan 120 jaar terug; controleer het jaartal.",
            code="geboortedatum_te_oud",
        )


def date_validators(field_name: str) -> list:
    validators = [check_date]
    if field_name in GEBOORTEDATUM_VELDEN:
        validators.append(check_birth_date)
    return validators
