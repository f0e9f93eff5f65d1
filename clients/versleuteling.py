"""The BSN at rest (issue 32): encrypted, with a keyed hash for exact lookups.

- ``bsn_versleutel`` / ``bsn_ontsleutel``: Fernet (AES-128-CBC with HMAC-SHA256, an
  authenticated token) through ``MultiFernet``: encrypted with the first key of
  ``settings.BSN_SLEUTELS``, decrypted with any of them, so a key rotation is "put the new key
  in front, run ``manage.py bsn_sleutel_roteren``, drop the old key".
- ``bsn_hash``: HMAC-SHA256 under a separate key (``settings.BSN_HASH_SLEUTEL``), the indexed
  column that search, the duplicate check and the unique constraint use. Without the key a hash
  cannot be recomputed from the 10^9 possible BSNs.

Production refuses to start without both keys (settings). In development the keys come, when
the environment has none, from ``settings.BSN_SLEUTELBESTAND`` (``.data/bsn-sleutels.json``,
next to the embedded database): generated on first use, readable by the owner only, never in
git (``.data/`` is ignored).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import NamedTuple

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

__all__ = [
    "InvalidToken",
    "bsn_hash",
    "bsn_herversleutel",
    "bsn_is_actueel",
    "bsn_ontsleutel",
    "bsn_versleutel",
]


def _dev_sleutels() -> dict:
    """The development keys, generated once. Created with O_EXCL so that two processes
    starting at the same time end up with the same keys."""
    pad = Path(settings.BSN_SLEUTELBESTAND)
    if not pad.exists():
        pad.parent.mkdir(parents=True, exist_ok=True)
        inhoud = json.dumps(
            {
                "let_op": "Alleen voor ontwikkeling; nooit in git of in productie gebruiken.",
                "sleutels": [Fernet.generate_key().decode()],
                "hash_sleutel": secrets.token_urlsafe(32),
            },
            indent=2,
        )
        try:
            fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(inhoud)
    return json.loads(pad.read_text())


class _Sleutels(NamedTuple):
    alle: MultiFernet
    nieuwste: Fernet
    hash: bytes


@functools.cache
def _sleutels() -> _Sleutels:
    sleutels = list(settings.BSN_SLEUTELS)
    hash_sleutel = settings.BSN_HASH_SLEUTEL
    if not sleutels or not hash_sleutel:
        if settings.PRODUCTION:  # settings already refuse this; never fall back to a file
            raise ImproperlyConfigured("DW_BSN_SLEUTELS en DW_BSN_HASH_SLEUTEL zijn verplicht.")
        dev = _dev_sleutels()
        sleutels = sleutels or dev["sleutels"]
        hash_sleutel = hash_sleutel or dev["hash_sleutel"]
    try:
        fernets = [Fernet(s.encode() if isinstance(s, str) else s) for s in sleutels]
    except ValueError as exc:
        raise ImproperlyConfigured(
            "DW_BSN_SLEUTELS: elke sleutel is een Fernet-sleutel (32 bytes, url-safe base64)."
        ) from exc
    return _Sleutels(MultiFernet(fernets), fernets[0], hash_sleutel.encode())


@receiver(setting_changed)
def _vergeet_sleutels(*, setting: str, **kwargs) -> None:
    if setting in ("BSN_SLEUTELS", "BSN_HASH_SLEUTEL", "BSN_SLEUTELBESTAND"):
        _sleutels.cache_clear()


def bsn_versleutel(bsn: str) -> str:
    return _sleutels().alle.encrypt(bsn.encode()).decode()


def bsn_ontsleutel(token: str) -> str:
    """Raises ``InvalidToken`` when no configured key opens the token (or it was altered)."""
    return _sleutels().alle.decrypt(token.encode()).decode()


def bsn_herversleutel(token: str) -> str:
    """The same BSN, encrypted with the newest key."""
    return _sleutels().alle.rotate(token.encode()).decode()


def bsn_is_actueel(token: str) -> bool:
    """Was this token made with the newest key?"""
    try:
        _sleutels().nieuwste.decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def bsn_hash(bsn: str) -> str:
    return hmac.new(_sleutels().hash, bsn.encode(), hashlib.sha256).hexdigest()
