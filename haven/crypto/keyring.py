"""Key-encryption keys, kept in a JSON file readable by the owner only.

File format (version 1)::

    {"version": 1, "active": "k20261121T100000-ab12cd",
     "keys": {"k20261121T100000-ab12cd": "<base64 of 32 bytes>", ...}}

Development machines get a keyring generated on first run. Production must supply its own
(from a secrets manager or KMS export) through `HAVEN_KEYS_FILE`.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from haven.crypto.errors import KeyringError

KEY_BYTES = 32
FILE_MODE = 0o600


@dataclass(slots=True)
class Keyring:
    """Named 256-bit key-encryption keys and which one wraps new data keys."""

    keys: dict[str, bytes]
    active_id: str
    path: Path | None = None
    _mtime_ns: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        if self.active_id not in self.keys:
            raise KeyringError("active key id is not in the keyring")
        for key in self.keys.values():
            if len(key) != KEY_BYTES:
                raise KeyringError("every key must be 32 bytes")

    def __repr__(self) -> str:
        return f"Keyring(active_id={self.active_id!r}, key_ids={sorted(self.keys)!r})"

    def key(self, key_id: str) -> bytes:
        try:
            return self.keys[key_id]
        except KeyError:
            self.refresh()
        try:
            return self.keys[key_id]
        except KeyError:
            raise KeyringError(f"unknown key id {key_id!r}") from None

    @classmethod
    def generate(cls, path: Path | None = None) -> Keyring:
        key_id = new_key_id()
        return cls({key_id: secrets.token_bytes(KEY_BYTES)}, key_id, path)

    @classmethod
    def load(cls, path: Path) -> Keyring:
        try:
            stat = path.stat()
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise KeyringError(f"keyring file {path} does not exist") from None
        except (OSError, ValueError) as exc:
            raise KeyringError(f"keyring file {path} is unreadable: {exc}") from None
        if stat.st_mode & 0o077:
            raise KeyringError(f"keyring file {path} must not be readable by group or others")
        try:
            if raw.get("version") != 1:
                raise KeyringError(f"keyring file {path} has an unsupported version")
            keys = {str(k): base64.b64decode(v, validate=True) for k, v in raw["keys"].items()}
            ring = cls(keys, str(raw["active"]), path)
        except (KeyError, TypeError, AttributeError, binascii.Error) as exc:
            raise KeyringError(f"keyring file {path} is malformed") from exc
        ring._mtime_ns = stat.st_mtime_ns
        return ring

    @classmethod
    def load_or_create(cls, path: Path, *, allow_create: bool) -> tuple[Keyring, bool]:
        """Load the keyring, or create one if allowed. Returns (keyring, created)."""
        if path.exists() or not allow_create:
            return cls.load(path), False
        ring = cls.generate(path)
        ring.save()
        return ring, True

    def save(self) -> None:
        """Write atomically with mode 0600 (never a moment with looser permissions)."""
        if self.path is None:
            raise KeyringError("this keyring has no file")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = {
            "version": 1,
            "active": self.active_id,
            "keys": {k: base64.b64encode(v).decode("ascii") for k, v in sorted(self.keys.items())},
        }
        fd, tmp = tempfile.mkstemp(prefix=".keys-", dir=self.path.parent)
        try:
            os.fchmod(fd, FILE_MODE)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(body, handle, indent=2)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._mtime_ns = self.path.stat().st_mtime_ns

    def add_key(self) -> str:
        """Add a new key and make it the active one; returns its id. Call `save()` after."""
        key_id = new_key_id()
        self.keys[key_id] = secrets.token_bytes(KEY_BYTES)
        self.active_id = key_id
        return key_id

    def refresh(self) -> None:
        """Reload from disk if the file changed (another process rotated the keys)."""
        if self.path is None:
            return
        try:
            mtime = self.path.stat().st_mtime_ns
        except OSError:
            return
        if mtime != self._mtime_ns:
            fresh = Keyring.load(self.path)
            self.keys, self.active_id, self._mtime_ns = fresh.keys, fresh.active_id, mtime


def new_key_id() -> str:
    # timezone.utc, not datetime.UTC: this module also runs on Python 3.10 inside Rasa.
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    return f"k{stamp}-{secrets.token_hex(3)}"
