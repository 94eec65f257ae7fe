"""CBT exercises: mood check-ins, questionnaire results per item, thought records,
planned activities and their reminders. Every rating, score, answer and outcome is sealed;
plain columns are only what queries need (ids, sessions, times, instrument metadata, status).

Revision ID: 0003_cbt
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_cbt"
down_revision = "0001"
branch_labels = None
depends_on = None


def _sealed() -> list[sa.Column]:
    return [
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("nonce", sa.LargeBinary(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
    ]


def _when(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _session() -> sa.Column:
    return sa.Column("session_id", sa.String(36), sa.ForeignKey("chat_sessions.id"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "cbt_mood_checkins",
        sa.Column("id", sa.String(36), primary_key=True),
        _session(),
        _when("created_at"),
        *_sealed(),
    )
    op.create_index(
        "ix_cbt_mood_checkins_session_time", "cbt_mood_checkins", ["session_id", "created_at"]
    )
    op.create_table(
        "cbt_questionnaire_results",
        sa.Column("id", sa.String(36), primary_key=True),
        _session(),
        sa.Column("instrument", sa.String(8), nullable=False),
        sa.Column("form", sa.String(8), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        _when("created_at"),
        *_sealed(),
    )
    op.create_index(
        "ix_cbt_questionnaire_results_session_id", "cbt_questionnaire_results", ["session_id"]
    )
    op.create_table(
        "cbt_thought_records",
        sa.Column("id", sa.String(36), primary_key=True),
        _session(),
        _when("created_at"),
        *_sealed(),
    )
    op.create_index("ix_cbt_thought_records_session_id", "cbt_thought_records", ["session_id"])
    op.create_table(
        "cbt_activities",
        sa.Column("id", sa.String(36), primary_key=True),
        _session(),
        _when("created_at"),
        _when("due_at"),
        _when("outcome_at", nullable=True),
        *_sealed(),
    )
    op.create_index("ix_cbt_activities_session_id", "cbt_activities", ["session_id"])
    op.create_table(
        "cbt_reminders",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("activity_id", sa.String(36), sa.ForeignKey("cbt_activities.id"), nullable=False),
        _session(),
        sa.Column("kind", sa.String(16), nullable=False),
        _when("due_at"),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        _when("claimed_at", nullable=True),
        _when("sent_at", nullable=True),
    )
    op.create_index("ix_cbt_reminders_status_due", "cbt_reminders", ["status", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_cbt_reminders_status_due", table_name="cbt_reminders")
    op.drop_table("cbt_reminders")
    op.drop_index("ix_cbt_activities_session_id", table_name="cbt_activities")
    op.drop_table("cbt_activities")
    op.drop_index("ix_cbt_thought_records_session_id", table_name="cbt_thought_records")
    op.drop_table("cbt_thought_records")
    op.drop_index("ix_cbt_questionnaire_results_session_id", table_name="cbt_questionnaire_results")
    op.drop_table("cbt_questionnaire_results")
    op.drop_index("ix_cbt_mood_checkins_session_time", table_name="cbt_mood_checkins")
    op.drop_table("cbt_mood_checkins")
