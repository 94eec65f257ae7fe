"""Mood check-ins, sealed whole (rating, emotion words, note). Trends open the session's
rows for the weeks they compare: a handful of rows, never an SQL aggregate."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, func, insert, select

from bot.cbt.tables import MoodCheckinRow
from haven.crypto import Keyring
from haven.storage.scope import DbScope
from haven.storage.sealed import envelope_columns, open_json, seal_json

_TABLE = MoodCheckinRow.__tablename__


@dataclass(frozen=True, slots=True)
class MoodEntry:
    id: str
    rating: int
    created_at: datetime
    emotions: tuple[str, ...] = field(repr=False, default=())
    note: str = field(repr=False, default="")


class MoodStore:
    def __init__(self, engine: Engine, keyring: Keyring) -> None:
        self._engine = engine
        self._keyring = keyring

    def add(
        self,
        session_id: str,
        rating: int,
        emotions: Sequence[str] = (),
        note: str = "",
        at: datetime | None = None,
    ) -> MoodEntry:
        if not 0 <= rating <= 10:
            raise ValueError("a mood rating is 0 to 10")
        entry = MoodEntry(str(uuid.uuid4()), rating, at or datetime.now(UTC), tuple(emotions), note)
        sealed = seal_json(
            self._keyring,
            _TABLE,
            entry.id,
            {"rating": rating, "emotions": list(entry.emotions), "note": note},
        )
        with DbScope(self._engine, write=True) as session:
            session.execute(
                insert(MoodCheckinRow),
                [
                    {
                        "id": entry.id,
                        "session_id": session_id,
                        "created_at": entry.created_at,
                        **envelope_columns(sealed),
                    }
                ],
            )
        return entry

    def ratings_between(self, session_id: str, start: datetime, end: datetime) -> list[int]:
        """Ratings with start <= created_at < end, oldest first."""
        with DbScope(self._engine, write=False) as session:
            rows = list(
                session.scalars(
                    select(MoodCheckinRow)
                    .where(
                        MoodCheckinRow.session_id == session_id,
                        MoodCheckinRow.created_at >= start,
                        MoodCheckinRow.created_at < end,
                    )
                    .order_by(MoodCheckinRow.created_at)
                )
            )
        return [self._open(row).rating for row in rows]

    def count_since(self, session_id: str, since: datetime) -> int:
        with DbScope(self._engine, write=False) as session:
            query = select(func.count()).where(
                MoodCheckinRow.session_id == session_id, MoodCheckinRow.created_at >= since
            )
            return int(session.scalar(query) or 0)

    def recent(self, session_id: str, limit: int = 10) -> list[MoodEntry]:
        """The newest check-ins, newest first, opened."""
        with DbScope(self._engine, write=False) as session:
            rows = list(
                session.scalars(
                    select(MoodCheckinRow)
                    .where(MoodCheckinRow.session_id == session_id)
                    .order_by(MoodCheckinRow.created_at.desc())
                    .limit(limit)
                )
            )
        return [self._open(row) for row in rows]

    def _open(self, row: MoodCheckinRow) -> MoodEntry:
        body = open_json(self._keyring, _TABLE, row.id, row)
        return MoodEntry(
            row.id, int(body["rating"]), row.created_at, tuple(body["emotions"]), body["note"]
        )
