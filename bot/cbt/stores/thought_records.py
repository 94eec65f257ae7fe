"""Thought records, sealed whole."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select

from bot.cbt.tables import ThoughtRecordRow
from haven.crypto import Keyring
from haven.storage.scope import DbScope
from haven.storage.sealed import envelope_columns, open_json, seal_json

_TABLE = ThoughtRecordRow.__tablename__


@dataclass(frozen=True, slots=True)
class ThoughtRecord:
    situation: str = field(repr=False)
    automatic_thought: str = field(repr=False)
    emotion: str = field(repr=False)
    intensity_before: int
    traps: tuple[str, ...]
    evidence_for: str = field(repr=False)
    evidence_against: str = field(repr=False)
    balanced_thought: str = field(repr=False)
    intensity_after: int
    created_at: datetime | None = None


class ThoughtRecordStore:
    def __init__(self, engine: Engine, keyring: Keyring) -> None:
        self._engine = engine
        self._keyring = keyring

    def save(self, session_id: str, record: ThoughtRecord) -> str:
        record_id = str(uuid.uuid4())
        body = asdict(record)
        body.pop("created_at")
        body["traps"] = list(record.traps)
        sealed = seal_json(self._keyring, _TABLE, record_id, body)
        with DbScope(self._engine, write=True) as session:
            session.execute(
                insert(ThoughtRecordRow),
                [
                    {
                        "id": record_id,
                        "session_id": session_id,
                        "created_at": datetime.now(UTC),
                        **envelope_columns(sealed),
                    }
                ],
            )
        return record_id

    def list(self, session_id: str, limit: int = 5) -> list[ThoughtRecord]:
        """The newest records, newest first, opened."""
        with DbScope(self._engine, write=False) as session:
            rows = list(
                session.scalars(
                    select(ThoughtRecordRow)
                    .where(ThoughtRecordRow.session_id == session_id)
                    .order_by(ThoughtRecordRow.created_at.desc())
                    .limit(limit)
                )
            )
        records = []
        for row in rows:
            body = open_json(self._keyring, _TABLE, row.id, row)
            body["traps"] = tuple(body["traps"])
            records.append(ThoughtRecord(**body, created_at=row.created_at))
        return records
