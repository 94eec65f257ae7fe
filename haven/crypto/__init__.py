"""Envelope encryption for everything Haven stores about a person.

Each record gets its own 256-bit data key (DEK). The record is sealed with AES-256-GCM under
the DEK; the DEK is itself sealed ("wrapped") with AES-256-GCM under a key-encryption key
(KEK) named by a key id. Both layers bind the record's identity as associated data, so a
ciphertext copied into another row fails to open.

This package depends only on the standard library and `cryptography`: the Rasa process loads
it too (for its encrypted tracker store), and must not pull in the rest of Haven.

Errors::

    CryptoError
    ├── DecryptionError   (tampered, moved or wrongly keyed ciphertext)
    └── KeyringError      (missing, unreadable or malformed keyring; unknown key id)
"""

from haven.crypto.envelope import Envelope, open_envelope, record_aad, rewrap, seal
from haven.crypto.errors import CryptoError, DecryptionError, KeyringError
from haven.crypto.keyring import Keyring

__all__ = [
    "CryptoError",
    "DecryptionError",
    "Envelope",
    "Keyring",
    "KeyringError",
    "open_envelope",
    "record_aad",
    "rewrap",
    "seal",
]
