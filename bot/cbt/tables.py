"""CBT tables. Every result and everything a person wrote is sealed: mood ratings, emotion
words and notes, questionnaire totals, bands, outcomes and per-item answers, thought records,
activity names and how they went. Only what queries need stays plain: ids, session ids,
times, the instrument, form and version, and reminder status. Trends open the session's rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from haven.storage.tables import Base, SealedColumns


class MoodCheckinRow(SealedColumns, Base):
    """A mood check-in; the rating 0-10, emotion words and note are sealed."""

    __tablename__ = "cbt_mood_checkins"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_cbt_mood_checkins_session_time", "session_id", "created_at"),)


class QuestionnaireResultRow(SealedColumns, Base):
    """One completed (or crisis-stopped) questionnaire and the instrument version it used.

    Sealed: the total, band, outcome (`scored`, or `crisis` when PHQ-9 item 9 stopped the
    questionnaire) and every item's answer, so a score and its answers open only together.
    """

    __tablename__ = "cbt_questionnaire_results"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"), index=True)
    instrument: Mapped[str] = mapped_column(String(8))
    form: Mapped[str] = mapped_column(String(8))
    version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ThoughtRecordRow(SealedColumns, Base):
    """A CBT thought record; every field is sealed."""

    __tablename__ = "cbt_thought_records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ActivityRow(SealedColumns, Base):
    """A planned activity; its name and, later, whether it happened and how mood changed are
    sealed. `outcome_at` (plain) only says that the follow-up was answered."""

    __tablename__ = "cbt_activities"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ReminderRow(Base):
    """A message to send at `due_at`: the reminder itself, or the follow-up question."""

    __tablename__ = "cbt_reminders"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    activity_id: Mapped[str] = mapped_column(ForeignKey("cbt_activities.id"))
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"))
    kind: Mapped[str] = mapped_column(String(16))
    """`reminder` or `follow_up`."""
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))
    """`pending` → `sending` (claimed by a worker until its lease ends) → `sent` or `failed`."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    __table_args__ = (Index("ix_cbt_reminders_status_due", "status", "due_at"),)
