"""Envelope encryption: round trip, binding to the record, tampering, rotation, keyring file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from haven.crypto import (
    DecryptionError,
    Envelope,
    Keyring,
    KeyringError,
    open_envelope,
    record_aad,
    rewrap,
    seal,
)


@pytest.fixture
def keyring(tmp_path: Path) -> Keyring:
    ring, created = Keyring.load_or_create(tmp_path / "keys.json", allow_create=True)
    assert created
    return ring


def test_round_trip(keyring: Keyring) -> None:
    aad = record_aad("messages", "a")
    envelope = seal(keyring, b"I feel low today", aad)
    assert b"low" not in envelope.ciphertext
    assert open_envelope(keyring, envelope, aad) == b"I feel low today"


def test_each_record_gets_its_own_data_key_and_nonce(keyring: Keyring) -> None:
    aad = record_aad("messages", "a")
    one, two = seal(keyring, b"same", aad), seal(keyring, b"same", aad)
    assert one.wrapped_key != two.wrapped_key
    assert one.nonce != two.nonce
    assert one.ciphertext != two.ciphertext


def test_ciphertext_bound_to_its_record(keyring: Keyring) -> None:
    envelope = seal(keyring, b"secret", record_aad("messages", "a"))
    with pytest.raises(DecryptionError):
        open_envelope(keyring, envelope, record_aad("messages", "b"))
    with pytest.raises(DecryptionError):
        open_envelope(keyring, envelope, record_aad("rasa_trackers", "a"))


@pytest.mark.parametrize("part", ["ciphertext", "nonce", "wrapped_key"])
def test_any_flipped_bit_is_detected(keyring: Keyring, part: str) -> None:
    aad = record_aad("messages", "a")
    envelope = seal(keyring, b"secret", aad)
    value = bytearray(getattr(envelope, part))
    value[-1] ^= 0x80
    tampered = Envelope(
        envelope.key_id,
        bytes(value) if part == "wrapped_key" else envelope.wrapped_key,
        bytes(value) if part == "nonce" else envelope.nonce,
        bytes(value) if part == "ciphertext" else envelope.ciphertext,
    )
    with pytest.raises(DecryptionError):
        open_envelope(keyring, tampered, aad)


def test_rewrap_changes_only_the_wrapping(keyring: Keyring) -> None:
    aad = record_aad("messages", "a")
    old = seal(keyring, b"secret", aad)
    old_id = keyring.active_id
    new_id = keyring.add_key()
    new = rewrap(keyring, old, aad)
    assert (new.key_id, old.key_id) == (new_id, old_id)
    assert new.ciphertext == old.ciphertext and new.nonce == old.nonce
    assert new.wrapped_key != old.wrapped_key
    assert open_envelope(keyring, new, aad) == b"secret"


def test_unknown_key_id_is_a_keyring_error(keyring: Keyring) -> None:
    aad = record_aad("messages", "a")
    envelope = seal(keyring, b"x", aad)
    stranger = Envelope("k-unknown", envelope.wrapped_key, envelope.nonce, envelope.ciphertext)
    with pytest.raises(KeyringError):
        open_envelope(keyring, stranger, aad)


def test_keyring_file_is_created_0600_and_reloads(keyring: Keyring) -> None:
    assert keyring.path is not None
    assert stat.S_IMODE(os.stat(keyring.path).st_mode) == 0o600
    assert Keyring.load(keyring.path).keys == keyring.keys
    assert "keys" not in repr(keyring).replace("key_ids", "")


def test_keyring_refuses_loose_permissions(keyring: Keyring) -> None:
    assert keyring.path is not None
    os.chmod(keyring.path, 0o644)
    with pytest.raises(KeyringError, match="group or others"):
        Keyring.load(keyring.path)


def test_keyring_refuses_to_create_when_not_allowed(tmp_path: Path) -> None:
    with pytest.raises(KeyringError, match="does not exist"):
        Keyring.load_or_create(tmp_path / "absent.json", allow_create=False)


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps({"version": 2}),
        json.dumps({"version": 1, "active": "a", "keys": {"a": "!!"}}),
    ],
)
def test_malformed_keyring_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "keys.json"
    path.write_text(content)
    path.chmod(0o600)
    with pytest.raises(KeyringError):
        Keyring.load(path)


def test_another_process_rotation_is_followed(keyring: Keyring) -> None:
    assert keyring.path is not None
    other = Keyring.load(keyring.path)
    new_id = other.add_key()
    other.save()
    envelope = seal(keyring, b"x", record_aad("messages", "a"))
    assert envelope.key_id == new_id
