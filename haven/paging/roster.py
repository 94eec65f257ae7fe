"""The on-call roster: clinicians, their shifts, and who is on call at a given moment.

`rank_on_call` is the one rule for escalation order, used both on rows read from the
database and on the in-memory `RosterCache` that pages while the database is away.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from haven.paging.clock import as_utc, utcnow
from haven.paging.errors import DuplicatePhone, InvalidShift, RosterError, UnknownClinician
from haven.paging.models import Clinician, OnCall, Shift
from haven.paging.phone import e164
from haven.paging.tables import ClinicianRow, ShiftRow
from haven.storage.scope import DbScope

logger = logging.getLogger(__name__)

CACHE_HORIZON = timedelta(days=2)
"""The cache holds shifts that have not ended and start within this horizon."""


@dataclass(frozen=True, slots=True)
class ShiftEntry:
    """A shift joined with its clinician: everything needed to page without the database."""

    shift_id: int
    position: int
    starts_at: datetime
    ends_at: datetime
    clinician_id: int
    name: str
    phone: str


def rank_on_call(entries: Iterable[ShiftEntry], at: datetime) -> list[OnCall]:
    """Clinicians on shift at `at`, in escalation order (position, then start, then id)."""
    covering = sorted(
        (e for e in entries if e.starts_at <= at < e.ends_at),
        key=lambda e: (e.position, e.starts_at, e.shift_id),
    )
    seen: set[int] = set()
    ranked = []
    for entry in covering:
        if entry.clinician_id not in seen:
            seen.add(entry.clinician_id)
            ranked.append(OnCall(entry.clinician_id, entry.name, entry.phone))
    return ranked


def load_entries(session: Session, start: datetime, end: datetime) -> list[ShiftEntry]:
    """Shifts of active clinicians that overlap [start, end]."""
    query = (
        select(ShiftRow, ClinicianRow)
        .join(ClinicianRow, ShiftRow.clinician_id == ClinicianRow.id)
        .where(ClinicianRow.active.is_(True), ShiftRow.starts_at <= end, ShiftRow.ends_at > start)
    )
    return [
        ShiftEntry(
            shift.id,
            shift.position,
            as_utc(shift.starts_at),
            as_utc(shift.ends_at),
            clinician.id,
            clinician.name,
            clinician.phone,
        )
        for shift, clinician in session.execute(query)
    ]


def on_call(session: Session, at: datetime) -> list[OnCall]:
    return rank_on_call(load_entries(session, at, at), at)


class Roster:
    """Adds and lists clinicians and shifts. Blocking: call from a worker thread in async code."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_clinician(self, name: str, phone: str) -> Clinician:
        name = name.strip()
        if not name:
            raise RosterError("a clinician needs a name")
        number = e164(phone)
        with DbScope(self._engine, write=True) as session:
            if session.scalar(select(ClinicianRow.id).where(ClinicianRow.phone == number)):
                raise DuplicatePhone("another clinician already has this phone number")
            row = ClinicianRow(name=name, phone=number, active=True, created_at=utcnow())
            session.add(row)
            session.flush()
            return _clinician(row)

    def add_shift(
        self, clinician_id: int, starts_at: datetime, ends_at: datetime, order: int | None = None
    ) -> Shift:
        """Add a shift; without `order` it pages after every shift it overlaps."""
        if starts_at.tzinfo is None or ends_at.tzinfo is None:
            raise InvalidShift(
                "shift times need a time zone, e.g. 2026-11-21T08:00+00:00 or 2026-11-21T08:00Z"
            )
        if ends_at <= starts_at:
            raise InvalidShift("a shift must end after it starts")
        if order is not None and order < 1:
            raise InvalidShift("the order must be 1 or more (1 is paged first)")
        # SQLite keeps the wall-clock text; every stored time must be UTC to compare right.
        starts_at, ends_at = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
        with DbScope(self._engine, write=True) as session:
            if session.get(ClinicianRow, clinician_id) is None:
                raise UnknownClinician(f"no clinician has id {clinician_id}")
            if order is None:
                overlapping = select(func.max(ShiftRow.position)).where(
                    ShiftRow.starts_at < ends_at, ShiftRow.ends_at > starts_at
                )
                order = int(session.scalar(overlapping) or 0) + 1
            row = ShiftRow(
                clinician_id=clinician_id,
                starts_at=starts_at,
                ends_at=ends_at,
                position=order,
                created_at=utcnow(),
            )
            session.add(row)
            session.flush()
            return _shift(row)

    def clinicians(self) -> list[Clinician]:
        with DbScope(self._engine, write=False) as session:
            rows = session.scalars(select(ClinicianRow).order_by(ClinicianRow.id))
            return [_clinician(row) for row in rows]

    def shifts(self, ending_after: datetime | None = None) -> list[Shift]:
        query = select(ShiftRow).order_by(ShiftRow.starts_at, ShiftRow.position, ShiftRow.id)
        if ending_after is not None:
            query = query.where(ShiftRow.ends_at > ending_after)
        with DbScope(self._engine, write=False) as session:
            return [_shift(row) for row in session.scalars(query)]

    def on_call(self, at: datetime | None = None) -> list[OnCall]:
        with DbScope(self._engine, write=False) as session:
            return on_call(session, at or utcnow())

    def upcoming(self, now: datetime | None = None) -> list[ShiftEntry]:
        """What the cache holds: shifts that have not ended and start within the horizon."""
        start = now or utcnow()
        with DbScope(self._engine, write=False) as session:
            return load_entries(session, start, start + CACHE_HORIZON)


class RosterCache:
    """The roster as last read, for paging while the database is away.

    Replaced whole on each refresh (one assignment), so readers never see half an update.
    """

    def __init__(self) -> None:
        self._entries: tuple[ShiftEntry, ...] = ()
        self.refreshed_at: datetime | None = None

    def replace(self, entries: Iterable[ShiftEntry], at: datetime) -> None:
        self._entries = tuple(entries)
        self.refreshed_at = at

    def on_call(self, at: datetime) -> list[OnCall]:
        return rank_on_call(self._entries, at)


def _clinician(row: ClinicianRow) -> Clinician:
    return Clinician(row.id, row.name, row.phone, row.active)


def _shift(row: ShiftRow) -> Shift:
    return Shift(row.id, row.clinician_id, as_utc(row.starts_at), as_utc(row.ends_at), row.position)
