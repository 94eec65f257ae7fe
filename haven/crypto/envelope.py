"""AES-256-GCM envelope encryption with per-record data keys."""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from haven.crypto.errors import DecryptionError
from haven.crypto.keyring import Keyring

NONCE_BYTES = 12
_WRAP_CONTEXT = b"haven/dek/v1|"
_DATA_CONTEXT = b"haven/data/v1|"


@dataclass(frozen=True, slots=True)
class Envelope:
    """A sealed record: what is stored in the four envelope columns of a row."""

    key_id: str
    wrapped_key: bytes
    """Nonce followed by the DEK sealed under the KEK `key_id`."""
    nonce: bytes
    ciphertext: bytes


def record_aad(table: str, record_id: str) -> bytes:
    """Associated data naming one record: a ciphertext only opens in the row it was sealed for."""
    return f"{table}:{record_id}".encode()


def seal(keyring: Keyring, plaintext: bytes, aad: bytes) -> Envelope:
    """Encrypt `plaintext` under a fresh data key wrapped by the keyring's active key.

    `aad` must identify the record (table and primary key): it is authenticated, not stored.
    """
    keyring.refresh()  # follow a rotation made by another process
    dek = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(dek).encrypt(nonce, plaintext, _DATA_CONTEXT + aad)
    key_id = keyring.active_id
    return Envelope(key_id, _wrap(keyring, key_id, dek, aad), nonce, ciphertext)


def open_envelope(keyring: Keyring, envelope: Envelope, aad: bytes) -> bytes:
    """Decrypt a sealed record; raise `DecryptionError` if anything about it is wrong."""
    dek = _unwrap(keyring, envelope, aad)
    try:
        return AESGCM(dek).decrypt(envelope.nonce, envelope.ciphertext, _DATA_CONTEXT + aad)
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError("record failed authentication") from exc


def rewrap(keyring: Keyring, envelope: Envelope, aad: bytes, key_id: str | None = None) -> Envelope:
    """Re-wrap the record's data key under `key_id` (default: the active key).

    The record's ciphertext is untouched; only the wrapped data key and key id change.
    """
    target = key_id or keyring.active_id
    if envelope.key_id == target:
        return envelope
    dek = _unwrap(keyring, envelope, aad)
    return Envelope(target, _wrap(keyring, target, dek, aad), envelope.nonce, envelope.ciphertext)


def _wrap(keyring: Keyring, key_id: str, dek: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(keyring.key(key_id)).encrypt(nonce, dek, _WRAP_CONTEXT + aad)


def _unwrap(keyring: Keyring, envelope: Envelope, aad: bytes) -> bytes:
    kek = keyring.key(envelope.key_id)
    nonce, sealed = envelope.wrapped_key[:NONCE_BYTES], envelope.wrapped_key[NONCE_BYTES:]
    try:
        return AESGCM(kek).decrypt(nonce, sealed, _WRAP_CONTEXT + aad)
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError("data key failed authentication") from exc
