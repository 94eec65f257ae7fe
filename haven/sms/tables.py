"""SMS tables. Phone numbers, message bodies and offered choices are sealed; a number is
found by its keyed hash (haven.sms.numbers). Times, states and Twilio's ids stay plain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from haven.storage.tables import Base, SealedColumns


class SmsNumberRow(SealedColumns, Base):
    """A person who texts Haven: their SMS session, consent state, and sealed number."""

    __tablename__ = "sms_numbers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number_hash: Mapped[str] = mapped_column(String(64), unique=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    disclosed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    """When the automated-assistant disclosure went out (before the first reply)."""
    opted_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    """Set while the number is opted out: nothing is sent to it."""
    opted_out_via: Mapped[str | None] = mapped_column(String(16), nullable=True)
    """`keyword` (STOP …), `request` (in plain words) or `twilio` (error 21610)."""
    opted_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SmsChoicesRow(SealedColumns, Base):
    """The numbered choices last offered to an SMS session (sealed: they tell which
    questionnaire or exercise the person is in)."""

    __tablename__ = "sms_choices"

    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"), primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SmsInboundRow(SealedColumns, Base):
    """A MessageSid taken in, so a webhook Twilio retries is answered without a second turn.

    The sealed payload is the reply given (segment ids and bodies), repeated to a retry."""

    __tablename__ = "sms_inbound"

    message_sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    number_id: Mapped[str] = mapped_column(ForeignKey("sms_numbers.id"), index=True)
    state: Mapped[str] = mapped_column(String(16))
    """`taking` while the turn runs, `answered` once the webhook's reply is decided."""
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SmsOutboxRow(SealedColumns, Base):
    """One outbound SMS segment and its delivery state; the body is sealed.

    `via` `rest`: `pending` → (claimed: `due_at` moves a lease ahead) → `queued` with Twilio's
    SID, or `pending` again with backoff, or `failed`; `cancelled` if the number opted out
    first. `via` `twiml`: returned in the webhook's TwiML, `queued` from the start. Twilio's
    status callbacks then move either to `sending`, `sent`, `delivered`, `undelivered` or
    `failed`.
    """

    __tablename__ = "sms_outbox"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number_id: Mapped[str] = mapped_column(ForeignKey("sms_numbers.id"))
    via: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(Integer)
    """Order within the batch written together (the segments of one reply)."""
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    twilio_sid: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    error_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_sms_outbox_due", "status", "due_at"),
        Index("ix_sms_outbox_number", "number_id", "status"),
    )
