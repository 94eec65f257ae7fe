"""Planned activities and their reminders: a persisted schedule that survives restarts.

A reminder row goes `pending` → `sending` (claimed, with a lease) → `sent`, or back to
`pending` for another try, or `failed` after too many. A claim is a conditional UPDATE on
the row's status, so two workers (or two gateways) never send the same reminder at once on
PostgreSQL or SQLite; a worker that dies mid-send leaves a claim that expires with its lease.

The activity's name, whether it happened and how mood changed are sealed together; only the
times (`due_at`, `outcome_at`) and the reminders' status stay plain for the queries.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, and_, insert, or_, select, update

from bot.cbt.tables import ActivityRow, ReminderRow
from haven.crypto import Envelope, Keyring
from haven.storage.scope import DbScope
from haven.storage.sealed import envelope_columns, open_json, seal_json

_TABLE = ActivityRow.__tablename__
REMINDER = "reminder"
FOLLOW_UP = "follow_up"


@dataclass(frozen=True, slots=True)
class PlannedActivity:
    id: str
    session_id: str
    activity: str = field(repr=False)
    due_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    happened: bool | None = None
    mood_change: str | None = None


@dataclass(frozen=True, slots=True)
class DueReminder:
    id: str
    kind: str
    attempts: int
    activity: PlannedActivity


class ActivityStore:
    def __init__(self, engine: Engine, keyring: Keyring, max_attempts: int = 5) -> None:
        self._engine = engine
        self._keyring = keyring
        self._max_attempts = max_attempts

    def plan(
        self, session_id: str, activity: str, due_at: datetime, follow_up_at: datetime
    ) -> PlannedActivity:
        """Store the activity with its reminder (at `due_at`) and follow-up question."""
        planned = PlannedActivity(str(uuid.uuid4()), session_id, activity, due_at)
        sealed = self._seal(planned)
        now = datetime.now(UTC)
        with DbScope(self._engine, write=True) as session:
            session.execute(
                insert(ActivityRow),
                [
                    {
                        "id": planned.id,
                        "session_id": session_id,
                        "created_at": now,
                        "due_at": due_at,
                        **envelope_columns(sealed),
                    }
                ],
            )
            session.execute(
                insert(ReminderRow),
                [
                    {
                        "id": str(uuid.uuid4()),
                        "activity_id": planned.id,
                        "session_id": session_id,
                        "kind": kind,
                        "due_at": when,
                        "status": "pending",
                        "attempts": 0,
                    }
                    for kind, when in ((REMINDER, due_at), (FOLLOW_UP, follow_up_at))
                ],
            )
        return planned

    def claim_due(
        self, now: datetime, limit: int = 20, lease: timedelta = timedelta(minutes=5)
    ) -> list[DueReminder]:
        """Claim reminders that are due (and claims whose lease ran out), oldest first."""
        claimable = or_(
            ReminderRow.status == "pending",
            and_(ReminderRow.status == "sending", ReminderRow.claimed_at < now - lease),
        )
        with DbScope(self._engine, write=False) as session:
            candidates = list(
                session.execute(
                    select(ReminderRow.id, ReminderRow.attempts)
                    .where(claimable, ReminderRow.due_at <= now)
                    .order_by(ReminderRow.due_at)
                    .limit(limit)
                )
            )
        claimed: list[str] = []
        for reminder_id, attempts in candidates:
            with DbScope(self._engine, write=True) as session:
                result = session.execute(
                    update(ReminderRow)
                    .where(ReminderRow.id == reminder_id, ReminderRow.attempts == attempts)
                    .where(claimable, ReminderRow.due_at <= now)
                    .values(status="sending", claimed_at=now, attempts=attempts + 1)
                )
                if result.rowcount == 1:  # type: ignore[attr-defined]
                    claimed.append(reminder_id)
        return self._load(claimed)

    def _load(self, reminder_ids: list[str]) -> list[DueReminder]:
        if not reminder_ids:
            return []
        with DbScope(self._engine, write=False) as session:
            rows = session.execute(
                select(ReminderRow, ActivityRow)
                .join(ActivityRow, ActivityRow.id == ReminderRow.activity_id)
                .where(ReminderRow.id.in_(reminder_ids))
                .order_by(ReminderRow.due_at)
            ).all()
        return [
            DueReminder(reminder.id, reminder.kind, reminder.attempts, self._open(activity))
            for reminder, activity in rows
        ]

    def mark_sent(self, reminder_id: str) -> None:
        with DbScope(self._engine, write=True) as session:
            session.execute(
                update(ReminderRow)
                .where(ReminderRow.id == reminder_id)
                .values(status="sent", sent_at=datetime.now(UTC))
            )

    def release(self, reminder_id: str, attempts: int) -> None:
        """Delivery failed: try again on a later pass, or give up after `max_attempts`."""
        status = "failed" if attempts >= self._max_attempts else "pending"
        with DbScope(self._engine, write=True) as session:
            session.execute(
                update(ReminderRow)
                .where(ReminderRow.id == reminder_id, ReminderRow.status == "sending")
                .values(status=status, claimed_at=None)
            )

    def awaiting_outcome(self, session_id: str, now: datetime) -> PlannedActivity | None:
        """The activity a "yes, I did it" answers: the newest one that is due and has no
        outcome yet, preferring one whose follow-up question was sent."""
        with DbScope(self._engine, write=False) as session:
            base = (
                select(ActivityRow)
                .where(
                    ActivityRow.session_id == session_id,
                    ActivityRow.outcome_at.is_(None),
                    ActivityRow.due_at <= now,
                )
                .order_by(ActivityRow.due_at.desc())
                .limit(1)
            )
            followed_up = session.scalars(
                base.join(ReminderRow, ReminderRow.activity_id == ActivityRow.id).where(
                    ReminderRow.kind == FOLLOW_UP, ReminderRow.status == "sent"
                )
            ).first()
            row = followed_up or session.scalars(base).first()
        return self._open(row) if row is not None else None

    def record_outcome(self, activity_id: str, happened: bool, mood_change: str) -> None:
        """Seal the outcome with the activity's name (a fresh envelope for the row)."""
        with DbScope(self._engine, write=True) as session:
            row = session.get(ActivityRow, activity_id, with_for_update=True)
            if row is None:
                return
            planned = replace(self._open(row), happened=happened, mood_change=mood_change)
            for name, value in envelope_columns(self._seal(planned)).items():
                setattr(row, name, value)
            row.outcome_at = datetime.now(UTC)
            # Once answered, an unsent follow-up question would only confuse.
            session.execute(
                update(ReminderRow)
                .where(
                    ReminderRow.activity_id == activity_id,
                    ReminderRow.kind == FOLLOW_UP,
                    ReminderRow.status == "pending",
                )
                .values(status="cancelled")
            )

    def get(self, activity_id: str) -> PlannedActivity | None:
        with DbScope(self._engine, write=False) as session:
            row = session.get(ActivityRow, activity_id)
        return self._open(row) if row is not None else None

    def _seal(self, planned: PlannedActivity) -> Envelope:
        body = {
            "activity": planned.activity,
            "happened": planned.happened,
            "mood_change": planned.mood_change,
        }
        return seal_json(self._keyring, _TABLE, planned.id, body)

    def _open(self, row: ActivityRow) -> PlannedActivity:
        body = open_json(self._keyring, _TABLE, row.id, row)
        return PlannedActivity(
            row.id,
            row.session_id,
            body["activity"],
            row.due_at,
            body["happened"],
            body["mood_change"],
        )
