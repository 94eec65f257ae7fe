"""Phone numbers: E.164 only, never stored or logged in plaintext.

A number is kept sealed (haven.crypto) with its person, and found again by a keyed hash:
HMAC-SHA256 under a look-up key derived (HKDF) from a key-encryption key of the keyring. A
database alone therefore tells nobody which numbers text Haven, and cannot be searched with a
list of guessed numbers. New rows hash under the active key; a look-up tries every key in the
keyring, so rows written before a rotation are still found (and re-hashed when next seen).
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from haven.crypto import Keyring
from haven.paging.phone import e164

__all__ = ["active_hash", "e164", "lookup_hashes"]

_INFO = b"haven/sms/number-lookup/v1"


def _lookup_key(kek: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(kek)


def _hash(kek: bytes, number: str) -> str:
    return hmac.new(_lookup_key(kek), number.encode(), hashlib.sha256).hexdigest()


def active_hash(keyring: Keyring, number: str) -> str:
    """The look-up hash of an E.164 number under the keyring's active key."""
    keyring.refresh()
    return _hash(keyring.key(keyring.active_id), number)


def lookup_hashes(keyring: Keyring, number: str) -> list[str]:
    """The number's hash under every key of the keyring, the active key's first."""
    keyring.refresh()
    ids = [keyring.active_id, *sorted(k for k in keyring.keys if k != keyring.active_id)]
    return [_hash(keyring.key(key_id), number) for key_id in ids]
