"""A Rasa 3.6 tracker store that seals every serialised tracker before it reaches SQL.

Configured in `endpoints.yml`::

    tracker_store:
      type: bot.rasa_plugins.encrypted_tracker_store.EncryptedSQLTrackerStore
      db_url: ${HAVEN_TRACKER_DB_URL}
      keys_file: ${HAVEN_KEYS_FILE}

Each conversation is one row of `rasa_trackers` (created by Haven's migrations), sealed with
the same envelope scheme as Haven's messages (`haven.crypto`), the sender id bound as
associated data. The row holds the whole tracker, so no plaintext event ever touches disk.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SerializedTrackerAsText, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import (
    DialogueStateTracker,
    get_trackers_for_conversation_sessions,
)

from haven.crypto import Envelope, Keyring, open_envelope, record_aad, seal

logger = logging.getLogger(__name__)

TABLE = "rasa_trackers"


class TrackerStoreConfigError(RuntimeError):
    """Raised (not ImportError) so Rasa cannot silently fall back to an in-memory store."""


def _driver_url(url: str) -> str:
    """Rasa's environment has psycopg2; Haven's URLs may name psycopg 3."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg2://" + url[len(prefix) :]
    return url


class EncryptedSQLTrackerStore(TrackerStore, SerializedTrackerAsText):
    """Stores each conversation's tracker as one sealed row."""

    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        db_url: str | None = None,
        keys_file: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(domain, event_broker, **kwargs)
        if not db_url or not keys_file:
            raise TrackerStoreConfigError("db_url and keys_file are required")
        self._keyring = Keyring.load(Path(keys_file))
        url = _driver_url(db_url)
        connect_args = {"timeout": 15} if url.startswith("sqlite") else {"connect_timeout": 5}
        self._engine = sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)
        if url.startswith("sqlite"):
            sa.event.listen(self._engine, "connect", _sqlite_pragmas)
        self._table = sa.table(
            TABLE,
            sa.column("sender_id"),
            sa.column("updated_at"),
            sa.column("key_id"),
            sa.column("wrapped_key"),
            sa.column("nonce"),
            sa.column("ciphertext"),
        )
        with self._engine.connect() as connection:  # fail at start-up, not on the first turn
            connection.execute(sa.text(f"SELECT COUNT(*) FROM {TABLE}"))  # noqa: S608

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        serialised = self.serialise_tracker(tracker)
        envelope = seal(
            self._keyring, serialised.encode("utf-8"), record_aad(TABLE, tracker.sender_id)
        )
        values = {
            "sender_id": tracker.sender_id,
            "updated_at": datetime.now(timezone.utc),
            "key_id": envelope.key_id,
            "wrapped_key": envelope.wrapped_key,
            "nonce": envelope.nonce,
            "ciphertext": envelope.ciphertext,
        }
        statement = sa.text(
            f"INSERT INTO {TABLE} (sender_id, updated_at, key_id, wrapped_key, nonce, ciphertext) "  # noqa: S608
            "VALUES (:sender_id, :updated_at, :key_id, :wrapped_key, :nonce, :ciphertext) "
            "ON CONFLICT (sender_id) DO UPDATE SET updated_at = excluded.updated_at, "
            "key_id = excluded.key_id, wrapped_key = excluded.wrapped_key, "
            "nonce = excluded.nonce, ciphertext = excluded.ciphertext"
        )
        with self._engine.begin() as connection:
            connection.execute(statement, values)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        return self._load(sender_id, all_sessions=False)

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        return self._load(conversation_id, all_sessions=True)

    async def keys(self) -> Iterable[str]:
        with self._engine.connect() as connection:
            rows = connection.execute(sa.text(f"SELECT sender_id FROM {TABLE}"))  # noqa: S608
            return [row[0] for row in rows]

    def _load(self, sender_id: str, all_sessions: bool) -> DialogueStateTracker | None:
        query = sa.select(
            self._table.c.key_id,
            self._table.c.wrapped_key,
            self._table.c.nonce,
            self._table.c.ciphertext,
        ).where(self._table.c.sender_id == sender_id)
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            return None
        envelope = Envelope(row[0], bytes(row[1]), bytes(row[2]), bytes(row[3]))
        serialised = open_envelope(self._keyring, envelope, record_aad(TABLE, sender_id))
        tracker = self.deserialise_tracker(sender_id, serialised.decode("utf-8"))
        if tracker is None or all_sessions:
            return tracker
        sessions = get_trackers_for_conversation_sessions(tracker)
        return tracker if len(sessions) <= 1 else sessions[-1]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()
