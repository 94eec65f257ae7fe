"""The SMS channel: numbers (sealed, found by keyed hash), offered choices, processed
MessageSids, and the outbox of segments with their delivery state.

Revision ID: 0004_sms
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_sms"
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


def upgrade() -> None:
    op.create_table(
        "sms_numbers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("number_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("session_id", sa.String(36), sa.ForeignKey("chat_sessions.id"), nullable=False),
        _when("created_at"),
        _when("disclosed_at", nullable=True),
        _when("opted_out_at", nullable=True),
        sa.Column("opted_out_via", sa.String(16), nullable=True),
        _when("opted_in_at", nullable=True),
        *_sealed(),
    )
    op.create_index("ix_sms_numbers_session_id", "sms_numbers", ["session_id"])
    op.create_table(
        "sms_choices",
        sa.Column("session_id", sa.String(36), sa.ForeignKey("chat_sessions.id"), primary_key=True),
        _when("updated_at"),
        *_sealed(),
    )
    op.create_table(
        "sms_inbound",
        sa.Column("message_sid", sa.String(64), primary_key=True),
        sa.Column("number_id", sa.String(36), sa.ForeignKey("sms_numbers.id"), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        _when("received_at"),
        *_sealed(),
    )
    op.create_index("ix_sms_inbound_number_id", "sms_inbound", ["number_id"])
    op.create_table(
        "sms_outbox",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("number_id", sa.String(36), sa.ForeignKey("sms_numbers.id"), nullable=False),
        sa.Column("via", sa.String(8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        _when("due_at"),
        sa.Column("twilio_sid", sa.String(64), nullable=True, unique=True),
        sa.Column("error_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(200), nullable=True),
        _when("created_at"),
        _when("updated_at"),
        *_sealed(),
    )
    op.create_index("ix_sms_outbox_due", "sms_outbox", ["status", "due_at"])
    op.create_index("ix_sms_outbox_number", "sms_outbox", ["number_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_sms_outbox_number", table_name="sms_outbox")
    op.drop_index("ix_sms_outbox_due", table_name="sms_outbox")
    op.drop_table("sms_outbox")
    op.drop_index("ix_sms_inbound_number_id", table_name="sms_inbound")
    op.drop_table("sms_inbound")
    op.drop_table("sms_choices")
    op.drop_index("ix_sms_numbers_session_id", table_name="sms_numbers")
    op.drop_table("sms_numbers")
