"""The durable SMS outbox: every outbound segment is a row, sent or not, with its state.

Replies too slow for the webhook, proactive messages (reminders) and retries go out through
the REST API from here: a worker claims due `pending` rows (one statement moves `due_at` a
lease ahead and counts the attempt; PostgreSQL adds `FOR UPDATE SKIP LOCKED`), sends them,
and records Twilio's SID, a retry with backoff, or a final failure. Replies given in the
webhook's TwiML are rows too (`via` `twiml`), so Twilio's status callbacks update both alike.
A send that dies with its worker is sent again after the lease: at least once, never lost.
Blocking repository: call from a worker thread in async code.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import ColumnElement, Engine, select, update
from sqlalchemy.orm import Session

from haven.crypto import Keyring
from haven.sms.receipts import Segment
from haven.sms.tables import SmsOutboxRow
from haven.storage.scope import DbScope
from haven.storage.sealed import envelope_columns, open_json, seal_json

Via = Literal["rest", "twiml"]
_TABLE = SmsOutboxRow.__tablename__

_PROGRESS = {
    "queued": 1,
    "accepted": 1,
    "scheduled": 1,
    "sending": 2,
    "sent": 3,
    "delivered": 4,
    "undelivered": 4,
    "failed": 4,
    "read": 5,
}
"""Twilio's message states in the order they happen; callbacks can arrive out of order."""
_TRACKED = frozenset({"queued", "sending", "sent", "delivered", "undelivered", "failed"})


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    number_id: str
    attempts: int
    """Counting the claim that returned this job."""


@dataclass(frozen=True, slots=True)
class StatusChange:
    number_id: str
    status: str
    error_code: int | None


def add_in(
    session: Session,
    keyring: Keyring,
    number_id: str,
    bodies: Sequence[str],
    via: Via,
    now: datetime,
) -> list[Segment]:
    """Outbox rows for segments, in the caller's transaction. REST rows are due now;
    TwiML rows are `queued` (they leave in the webhook's answer)."""
    segments = []
    for position, body in enumerate(bodies):
        row_id = str(uuid.uuid4())
        session.add(
            SmsOutboxRow(
                id=row_id,
                number_id=number_id,
                via=via,
                position=position,
                status="pending" if via == "rest" else "queued",
                attempts=0,
                due_at=now,
                created_at=now,
                updated_at=now,
                **envelope_columns(seal_json(keyring, _TABLE, row_id, {"body": body})),
            )
        )
        segments.append(Segment(row_id, body))
    return segments


class SmsOutbox:
    def __init__(self, engine: Engine, keyring: Keyring) -> None:
        self._engine = engine
        self._keyring = keyring

    def enqueue(self, number_id: str, bodies: Sequence[str], now: datetime) -> list[Segment]:
        """Segments to send through the REST API, in order."""
        with DbScope(self._engine, write=True) as session:
            return add_in(session, self._keyring, number_id, bodies, "rest", now)

    def claim(self, now: datetime, limit: int, lease: timedelta) -> list[Job]:
        due = (
            select(SmsOutboxRow.id)
            .where(SmsOutboxRow.status == "pending", SmsOutboxRow.due_at <= now)
            .order_by(SmsOutboxRow.created_at, SmsOutboxRow.position)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        claim = (
            update(SmsOutboxRow)
            .where(SmsOutboxRow.id.in_(due.scalar_subquery()))
            .values(due_at=now + lease, attempts=SmsOutboxRow.attempts + 1, updated_at=now)
            .returning(
                SmsOutboxRow.id,
                SmsOutboxRow.number_id,
                SmsOutboxRow.attempts,
                SmsOutboxRow.created_at,
                SmsOutboxRow.position,
            )
            .execution_options(synchronize_session=False)
        )
        with DbScope(self._engine, write=True) as session:
            rows = session.execute(claim).all()
        ordered = sorted(rows, key=lambda r: (r.created_at, r.position))
        return [Job(r.id, r.number_id, r.attempts) for r in ordered]

    def body(self, job: Job) -> str:
        with DbScope(self._engine, write=False) as session:
            row = session.get(SmsOutboxRow, job.id)
            assert row is not None
            return str(open_json(self._keyring, _TABLE, row.id, row)["body"])

    def sent(self, job: Job, sid: str, now: datetime) -> None:
        """Twilio accepted the message (its state is `queued` until a callback says more)."""
        self._finish(job, {"status": "queued", "twilio_sid": sid, "updated_at": now})

    def retry(self, job: Job, due_at: datetime, error: str, now: datetime) -> None:
        values = {"due_at": due_at, "last_error": error[:200], "updated_at": now}
        with DbScope(self._engine, write=True) as session:
            _update(session, _still_ours(job), values)

    def fail(self, job: Job, code: int | None, error: str, now: datetime) -> None:
        values = {"status": "failed", "error_code": code, "last_error": error[:200]}
        self._finish(job, {**values, "updated_at": now})

    def cancel(self, job: Job, reason: str, now: datetime) -> None:
        self._finish(job, {"status": "cancelled", "last_error": reason, "updated_at": now})

    def record_status(
        self,
        status: str,
        error_code: int | None,
        now: datetime,
        *,
        sid: str,
        row_id: str | None = None,
    ) -> StatusChange | None:
        """Apply a status callback to its row (found by our id for TwiML replies, else by
        Twilio's SID); a state older than the one recorded is ignored. None if no row."""
        with DbScope(self._engine, write=True) as session:
            query = select(SmsOutboxRow).with_for_update()
            if row_id:
                query = query.where(SmsOutboxRow.id == row_id)
            else:
                query = query.where(SmsOutboxRow.twilio_sid == sid)
            row = session.scalars(query).first()
            if row is None:
                return None
            if row.twilio_sid is None and sid:
                row.twilio_sid = sid
            if status in _TRACKED and _PROGRESS[status] >= _PROGRESS.get(row.status, 0):
                row.status = status
                row.updated_at = now
                if error_code is not None:
                    row.error_code = error_code
            return StatusChange(row.number_id, row.status, error_code)

    def _finish(self, job: Job, values: dict[str, object]) -> None:
        with DbScope(self._engine, write=True) as session:
            _update(session, _still_ours(job), values)


def _still_ours(job: Job) -> tuple[ColumnElement[bool], ...]:
    """A worker whose lease ran out cannot finish a row another worker now owns."""
    return (
        SmsOutboxRow.id == job.id,
        SmsOutboxRow.status == "pending",
        SmsOutboxRow.attempts == job.attempts,
    )


def _update(
    session: Session, where: tuple[ColumnElement[bool], ...], values: dict[str, object]
) -> bool:
    statement = (
        update(SmsOutboxRow)
        .where(*where)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]
