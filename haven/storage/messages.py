"""Chat sessions and their messages, sealed at rest."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Engine, func, insert, select

from haven.crypto import Keyring
from haven.storage.errors import UnknownSession
from haven.storage.scope import DbScope
from haven.storage.sealed import envelope_columns, open_json, seal_json
from haven.storage.tables import ChatSessionRow, MessageRow

Direction = Literal["in", "out"]
_TABLE = MessageRow.__tablename__


@dataclass(frozen=True, slots=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message as a person sees it: text and optional buttons."""

    text: str
    buttons: tuple[Button, ...] = ()
    generated: bool = False
    """Written by the language model (screened like user input), not a scripted response."""

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "text": self.text,
            "buttons": [[b.title, b.payload] for b in self.buttons],
        }
        if self.generated:
            payload["generated"] = True
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> ChatMessage:
        buttons = tuple(Button(t, p) for t, p in payload.get("buttons", []))
        return cls(payload["text"], buttons, bool(payload.get("generated", False)))


@dataclass(frozen=True, slots=True)
class StoredMessage:
    id: str
    session_id: str
    direction: Direction
    created_at: datetime
    message: ChatMessage = field(repr=False)


class MessageStore:
    """Sessions and sealed messages. Blocking: call from a worker thread in async code."""

    def __init__(self, engine: Engine, keyring: Keyring) -> None:
        self._engine = engine
        self._keyring = keyring

    def create_session(self, channel: str) -> str:
        session_id = str(uuid.uuid4())
        with self._write() as session:
            session.add(ChatSessionRow(id=session_id, channel=channel, created_at=_now()))
        return session_id

    def session_exists(self, session_id: str) -> bool:
        with self._read() as session:
            return session.get(ChatSessionRow, session_id) is not None

    def append(
        self,
        session_id: str,
        direction: Direction,
        messages: Sequence[ChatMessage],
        message_ids: Sequence[str] | None = None,
        created_at: datetime | None = None,
        *,
        skip_existing: bool = False,
    ) -> list[StoredMessage]:
        """Seal and store messages in one transaction.

        Ids may be supplied; with `skip_existing`, ids already stored are left alone, so a
        spooled turn replayed twice is stored once.
        """
        ids = list(message_ids) if message_ids else [str(uuid.uuid4()) for _ in messages]
        when = created_at or _now()
        rows = [
            {
                "id": mid,
                "session_id": session_id,
                "direction": direction,
                "created_at": when,
                **envelope_columns(seal_json(self._keyring, _TABLE, mid, msg.to_payload())),
            }
            for mid, msg in zip(ids, messages, strict=True)
        ]
        with self._write() as session:
            if session.get(ChatSessionRow, session_id) is None:
                raise UnknownSession(session_id)
            if skip_existing and rows:
                stored = set(session.scalars(select(MessageRow.id).where(MessageRow.id.in_(ids))))
                rows = [row for row in rows if row["id"] not in stored]
            if rows:
                session.execute(insert(MessageRow), rows)
        return [
            StoredMessage(mid, session_id, direction, when, msg)
            for mid, msg in zip(ids, messages, strict=True)
        ]

    def history(self, session_id: str, limit: int | None = None) -> list[StoredMessage]:
        """Messages of a session in order, decrypted; the newest `limit` if given."""
        with self._read() as session:
            if session.get(ChatSessionRow, session_id) is None:
                raise UnknownSession(session_id)
            query = select(MessageRow).where(MessageRow.session_id == session_id)
            if limit is not None:
                query = query.order_by(MessageRow.seq.desc()).limit(limit)
            rows = list(session.scalars(query))
        rows.sort(key=lambda row: row.seq)
        return [
            StoredMessage(
                row.id,
                row.session_id,
                "in" if row.direction == "in" else "out",
                row.created_at,
                ChatMessage.from_payload(open_json(self._keyring, _TABLE, row.id, row)),
            )
            for row in rows
        ]

    def count_inbound(self, session_id: str) -> int:
        with self._read() as session:
            query = select(func.count()).where(
                MessageRow.session_id == session_id, MessageRow.direction == "in"
            )
            return int(session.scalar(query) or 0)

    def ping(self) -> None:
        with self._read() as session:
            session.execute(select(1))

    def _write(self) -> DbScope:
        return DbScope(self._engine, write=True)

    def _read(self) -> DbScope:
        return DbScope(self._engine, write=False)


def _now() -> datetime:
    return datetime.now(UTC)
