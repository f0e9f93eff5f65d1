"""Password policy additions: Dutch common passwords, also with digits/signs appended."""

import re
from pathlib import Path

from django.core.exceptions import ValidationError

_LIST = Path(__file__).with_name("wachtwoorden_nl.txt")
_SUFFIX = re.compile(r"[\d\W_]+$")
_PREFIX = re.compile(r"^[\d\W_]+")


class DutchCommonPasswordValidator:
    """Refuses Dutch common passwords such as ``Wachtwoord1`` or ``Zomer2026!``: the word
    without leading/trailing digits and signs must not be on the list (``wachtwoorden_nl.txt``)."""

    def __init__(self, password_list_path: str | Path = _LIST):
        lines = Path(password_list_path).read_text(encoding="utf-8").splitlines()
        self.words = {w.strip().lower() for w in lines if w.strip() and not w.startswith("#")}

    def _kern(self, password: str) -> str:
        return _PREFIX.sub("", _SUFFIX.sub("", password.strip().lower()))

    def validate(self, password: str, user=None) -> None:
        kern = self._kern(password)
        if password.lower() in self.words or not kern or kern in self.words:
            raise ValidationError(
                "Dit wachtwoord is te gangbaar (een bekend woord met cijfers of tekens).",
                code="password_too_common_nl",
            )

    def get_help_text(self) -> str:
        return "Uw wachtwoord mag geen gangbaar woord met alleen cijfers of tekens erbij zijn."
