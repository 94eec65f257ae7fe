"""The durable outbox: pages to send and escalation timers, so none is lost on a crash.

A row is claimed by one statement that moves its `due_at` a lease ahead and counts the
attempt (PostgreSQL adds `FOR UPDATE SKIP LOCKED`, so several gateways never claim the same
row; SQLite runs the statement under its single writer lock). A worker that dies holding a
row simply lets the lease run out, and the row is claimed again. Every finishing write is
guarded by the attempt count it claimed, so a worker whose lease ran out cannot finish a
row someone else now owns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, Engine, Text, cast, select, update
from sqlalchemy.orm import Session

from haven.paging.tables import OutboxRow
from haven.storage.scope import DbScope

SEND = "send"
ESCALATE = "escalate"
FinalStatus = Literal["done", "failed", "cancelled"]


@dataclass(frozen=True, slots=True)
class Job:
    id: int
    kind: str
    payload: str
    """The row's JSON text, decoded by whoever runs the job (a bad row fails alone)."""
    incident_number: str | None
    attempts: int
    """Counting the claim that returned this job."""


def add_send(session: Session, incident_number: str, page_id: str, due_at: datetime) -> None:
    _add(session, SEND, {"page_id": page_id}, incident_number, due_at)


def add_escalation(
    session: Session, incident_number: str, step: int, due_at: datetime, empty_streak: int = 0
) -> None:
    """A timer: at `due_at`, page escalation step `step` unless acknowledged by then."""
    payload = {"incident": incident_number, "step": step, "empty_streak": empty_streak}
    _add(session, ESCALATE, payload, incident_number, due_at)


def _add(
    session: Session, kind: str, payload: dict[str, Any], incident: str, due_at: datetime
) -> None:
    session.add(
        OutboxRow(
            kind=kind,
            payload=payload,
            incident_number=incident,
            status="pending",
            due_at=due_at,
            attempts=0,
            created_at=due_at,
        )
    )


def finish_in(
    session: Session, job: Job, status: FinalStatus, now: datetime, error: str | None = None
) -> bool:
    """Mark the job finished inside the caller's transaction; False if it is no longer ours.

    Without `error`, the last error of an earlier attempt stays (the row's history)."""
    values: dict[str, Any] = {"status": status, "done_at": now}
    if error is not None:
        values["last_error"] = error[:200]
    return _update(session, _still_ours(job), values)


def cancel_escalations(session: Session, incident_number: str, now: datetime) -> None:
    values = {"status": "cancelled", "done_at": now, "last_error": "acknowledged"}
    _update(session, _pending_escalation(incident_number), values)


def expedite_escalation(session: Session, incident_number: str, now: datetime) -> None:
    """Make the pending escalation timer due now (every page of the current step failed);
    a timer already claimed (its lease moved `due_at`) is left to its worker."""
    unclaimed = (*_pending_escalation(incident_number), OutboxRow.attempts == 0)
    _update(session, (*unclaimed, OutboxRow.due_at > now), {"due_at": now})


def _still_ours(job: Job) -> tuple[ColumnElement[bool], ...]:
    return (
        OutboxRow.id == job.id,
        OutboxRow.status == "pending",
        OutboxRow.attempts == job.attempts,
    )


def _pending_escalation(incident_number: str) -> tuple[ColumnElement[bool], ...]:
    return (
        OutboxRow.incident_number == incident_number,
        OutboxRow.kind == ESCALATE,
        OutboxRow.status == "pending",
    )


def _update(
    session: Session, where: tuple[ColumnElement[bool], ...], values: dict[str, Any]
) -> bool:
    statement = (
        update(OutboxRow)
        .where(*where)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


class Outbox:
    """Claims and reschedules rows, each in its own short transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def claim(self, now: datetime, limit: int, lease: timedelta) -> list[Job]:
        due = (
            select(OutboxRow.id)
            .where(OutboxRow.status == "pending", OutboxRow.due_at <= now)
            .order_by(OutboxRow.due_at, OutboxRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        claim = (
            update(OutboxRow)
            .where(OutboxRow.id.in_(due.scalar_subquery()))
            .values(due_at=now + lease, attempts=OutboxRow.attempts + 1)
            .returning(
                OutboxRow.id,
                OutboxRow.kind,
                cast(OutboxRow.payload, Text).label("payload"),
                OutboxRow.incident_number,
                OutboxRow.attempts,
            )
            .execution_options(synchronize_session=False)
        )
        with DbScope(self._engine, write=True) as session:
            rows = session.execute(claim).all()
        jobs = [Job(r.id, r.kind, str(r.payload), r.incident_number, r.attempts) for r in rows]
        return sorted(jobs, key=lambda job: job.id)

    def retry(self, job: Job, due_at: datetime, error: str) -> None:
        with DbScope(self._engine, write=True) as session:
            _update(session, _still_ours(job), {"due_at": due_at, "last_error": error[:200]})

    def finish(
        self, job: Job, status: FinalStatus, now: datetime, error: str | None = None
    ) -> None:
        with DbScope(self._engine, write=True) as session:
            finish_in(session, job, status, now, error)
