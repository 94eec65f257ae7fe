"""A durable local spool for records that must not be lost while the database is away.

When a write fails with `StorageUnavailable`, the caller puts the record here instead and
carries on: nothing waits for the database. Each entry is one file, sealed with the same
envelope scheme as the database (the entry id bound as associated data), written to a
temporary name, fsynced and renamed, so a crash leaves either the whole entry or none.
A drainer replays entries in order once the database answers again; an entry that cannot
be applied for a reason other than the database being down is moved to `dead/`, never
deleted, and logged (without its content).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio

from haven.crypto import Envelope, Keyring, open_envelope, record_aad, seal
from haven.storage.errors import StorageUnavailable

logger = logging.getLogger(__name__)

_SUFFIX = ".spool"


@dataclass(frozen=True, slots=True)
class SpoolEntry:
    id: str
    kind: str
    payload: dict[str, Any]


Handler = Callable[[dict[str, Any]], None]


class Spool:
    def __init__(self, directory: Path, keyring: Keyring) -> None:
        self._dir = directory
        self._dead = directory / "dead"
        self._keyring = keyring
        self._dir.mkdir(parents=True, exist_ok=True, mode=0o700)

    def put(self, kind: str, payload: Mapping[str, Any]) -> str:
        entry_id = f"{time.time_ns():020d}-{uuid.uuid4().hex[:12]}"
        self._write(entry_id, kind, payload)
        return entry_id

    def replace(self, entry_id: str, kind: str, payload: Mapping[str, Any]) -> None:
        """Rewrite an entry that is still pending (e.g. to add the pages already sent)."""
        if (self._dir / (entry_id + _SUFFIX)).exists():
            self._write(entry_id, kind, payload)

    def pending(self) -> list[SpoolEntry]:
        entries = []
        for path in sorted(self._dir.glob("*" + _SUFFIX)):
            entry_id = path.name.removesuffix(_SUFFIX)
            try:
                entries.append(self._read(entry_id, path))
            except Exception:  # an unreadable entry is kept aside, not lost
                logger.exception("spool entry %s cannot be read; moved to dead/", entry_id)
                self._quarantine(entry_id)
        return entries

    def __len__(self) -> int:
        return sum(1 for _ in self._dir.glob("*" + _SUFFIX))

    def remove(self, entry_id: str) -> None:
        (self._dir / (entry_id + _SUFFIX)).unlink(missing_ok=True)

    def dead_letters(self) -> list[str]:
        return sorted(p.name.removesuffix(_SUFFIX) for p in self._dead.glob("*" + _SUFFIX))

    def drain(self, handlers: Mapping[str, Handler]) -> int:
        """Apply pending entries in order; stop at the first sign the database is still away.

        Blocking: run it in a worker thread. Returns how many entries were applied.
        """
        applied = 0
        for entry in self.pending():
            handler = handlers.get(entry.kind)
            if handler is None:
                logger.error(
                    "spool entry %s has unknown kind %s; moved to dead/", entry.id, entry.kind
                )
                self._quarantine(entry.id)
                continue
            try:
                handler(entry.payload)
            except StorageUnavailable:
                return applied
            except Exception:
                logger.exception("spool entry %s (%s) failed; moved to dead/", entry.id, entry.kind)
                self._quarantine(entry.id)
                continue
            self.remove(entry.id)
            applied += 1
        return applied

    def _write(self, entry_id: str, kind: str, payload: Mapping[str, Any]) -> None:
        body = json.dumps({"kind": kind, "payload": payload}, separators=(",", ":")).encode()
        envelope = seal(self._keyring, body, record_aad("spool", entry_id))
        document = {
            "key_id": envelope.key_id,
            **{
                name: base64.b64encode(getattr(envelope, name)).decode("ascii")
                for name in ("wrapped_key", "nonce", "ciphertext")
            },
        }
        final = self._dir / (entry_id + _SUFFIX)
        temporary = self._dir / (entry_id + ".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, final)
        directory = os.open(self._dir, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)

    def _read(self, entry_id: str, path: Path) -> SpoolEntry:
        document = json.loads(path.read_text(encoding="utf-8"))
        envelope = Envelope(
            document["key_id"],
            *(base64.b64decode(document[name]) for name in ("wrapped_key", "nonce", "ciphertext")),
        )
        body = json.loads(open_envelope(self._keyring, envelope, record_aad("spool", entry_id)))
        return SpoolEntry(entry_id, str(body["kind"]), dict(body["payload"]))

    def _quarantine(self, entry_id: str) -> None:
        self._dead.mkdir(exist_ok=True, mode=0o700)
        source = self._dir / (entry_id + _SUFFIX)
        if source.exists():
            os.replace(source, self._dead / source.name)


async def drain_forever(
    spool: Spool, handlers: Mapping[str, Handler], interval_s: float = 2.0
) -> None:
    """The background task that empties the spool whenever the database is back."""
    while True:
        if len(spool):
            try:
                applied = await anyio.to_thread.run_sync(spool.drain, handlers)
                if applied:
                    logger.info("spool: wrote %d held records to the database", applied)
            except Exception:
                logger.exception("spool drain failed; will retry")
        await anyio.sleep(interval_s)
