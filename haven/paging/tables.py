"""Paging tables: the roster (clinicians, shifts), incidents, pages and the outbox.

Nothing here holds what a person wrote: an incident keeps the session id and the
classifier's label for the console; pages and outbox payloads hold ids and numbers only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from haven.storage.tables import Base


class ClinicianRow(Base):
    __tablename__ = "clinicians"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ShiftRow(Base):
    """An on-call shift; at any moment, shifts covering it page in `position` order."""

    __tablename__ = "oncall_shifts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_oncall_shifts_window", "starts_at", "ends_at"),)


class IncidentRow(Base):
    __tablename__ = "incidents"

    number: Mapped[str] = mapped_column(String(40), primary_key=True)
    session_id: Mapped[str] = mapped_column(String(36), index=True)
    tier: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    escalation_step: Mapped[int] = mapped_column(Integer, default=0)
    """The last escalation step paged (0: the first on-call clinician)."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    acknowledged_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    acknowledged_via: Mapped[str | None] = mapped_column(String(8), nullable=True)


class PageRow(Base):
    """One SMS or one call to one person for one escalation step of an incident."""

    __tablename__ = "pages"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    incident_number: Mapped[str] = mapped_column(ForeignKey("incidents.number"))
    step: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(8))
    clinician_id: Mapped[int | None] = mapped_column(ForeignKey("clinicians.id"), nullable=True)
    to_number: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16))
    """`pending`, `sent`, `failed`, or `cancelled` (acknowledged before it went out)."""
    twilio_sid: Mapped[str | None] = mapped_column(String(64), nullable=True)
    error_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    __table_args__ = (
        Index("ix_pages_incident", "incident_number", "step"),
        Index("ix_pages_to_number", "to_number", "created_at"),
    )


class OutboxRow(Base):
    """Durable work: a page to send, or an escalation timer. Claimed by moving `due_at`."""

    __tablename__ = "paging_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    """`send` (payload: page id) or `escalate` (payload: incident number, step)."""
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    incident_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    """`pending`, `done`, `failed`, or `cancelled` (an escalation after acknowledgement)."""
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    __table_args__ = (
        Index("ix_paging_outbox_due", "status", "due_at"),
        Index("ix_paging_outbox_incident", "incident_number", "kind", "status"),
    )
