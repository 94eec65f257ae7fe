"""Crisis mode state, safety plans and crisis flags (all sealed).

Revision ID: 0002_crisis
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_crisis"
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


def upgrade() -> None:
    op.create_table(
        "crisis_states",
        sa.Column("session_id", sa.String(36), sa.ForeignKey("chat_sessions.id"), primary_key=True),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        *_sealed(),
    )
    op.create_table(
        "safety_plans",
        sa.Column("session_id", sa.String(36), sa.ForeignKey("chat_sessions.id"), primary_key=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        *_sealed(),
    )
    op.create_table(
        "crisis_flags",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("session_id", sa.String(36), sa.ForeignKey("chat_sessions.id"), nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("incident_number", sa.String(40), nullable=True),
        sa.Column("resources_version", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        *_sealed(),
    )
    op.create_index("ix_crisis_flags_session_id", "crisis_flags", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_crisis_flags_session_id", table_name="crisis_flags")
    op.drop_table("crisis_flags")
    op.drop_table("safety_plans")
    op.drop_table("crisis_states")
