"""Chat sessions, sealed messages and Rasa's sealed trackers.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
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
        "chat_sessions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "messages",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("session_id", sa.String(36), sa.ForeignKey("chat_sessions.id"), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        *_sealed(),
    )
    op.create_index("ix_messages_session_seq", "messages", ["session_id", "seq"])
    op.create_table(
        "rasa_trackers",
        sa.Column("sender_id", sa.String(255), primary_key=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        *_sealed(),
    )


def downgrade() -> None:
    op.drop_table("rasa_trackers")
    op.drop_index("ix_messages_session_seq", table_name="messages")
    op.drop_table("messages")
    op.drop_table("chat_sessions")
