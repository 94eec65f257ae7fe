"""Errors raised by Haven's envelope encryption."""


class CryptoError(Exception):
    """Base class of every encryption error."""


class DecryptionError(CryptoError):
    """A ciphertext failed authentication: tampered, moved to another record, or wrong key."""


class KeyringError(CryptoError):
    """The keyring is missing, unreadable or malformed, or a key id is unknown."""
