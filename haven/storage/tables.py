"""Table definitions. Sealed columns (`key_id`, `wrapped_key`, `nonce`, `ciphertext`) hold
`haven.crypto.Envelope`s; nothing a person typed is stored outside them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class SealedColumns:
    """The four columns of an envelope-encrypted record."""

    key_id: Mapped[str] = mapped_column(String(64))
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)


class ChatSessionRow(Base):
    __tablename__ = "chat_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MessageRow(SealedColumns, Base):
    __tablename__ = "messages"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"))
    direction: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_messages_session_seq", "session_id", "seq"),)


class RasaTrackerRow(SealedColumns, Base):
    """Rasa's conversation trackers, written by `bot.rasa_plugins.encrypted_tracker_store`."""

    __tablename__ = "rasa_trackers"

    sender_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CrisisStateRow(SealedColumns, Base):
    """A session's crisis mode (safety check or safety plan in progress), answers sealed."""

    __tablename__ = "crisis_states"

    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"), primary_key=True)
    mode: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SafetyPlanRow(SealedColumns, Base):
    """A person's Stanley-Brown safety plan, sealed."""

    __tablename__ = "safety_plans"

    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"), primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CrisisFlagRow(SealedColumns, Base):
    """A turn the crisis layer flagged for clinician review; the evidence is sealed."""

    __tablename__ = "crisis_flags"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"), index=True)
    direction: Mapped[str] = mapped_column(String(8))
    """`inbound` (what the person wrote), `outbound` (generated text), or `keyword`."""
    label: Mapped[str] = mapped_column(String(32))
    tier: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column()
    incident_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    resources_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
