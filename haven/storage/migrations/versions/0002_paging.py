"""On-call paging: clinicians, shifts, incidents, pages and the paging outbox.

Revision ID: 0002_paging
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_paging"
down_revision = "0001"
branch_labels = None
depends_on = None


def _when(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "clinicians",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False, unique=True),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        _when("created_at"),
    )
    op.create_table(
        "oncall_shifts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("clinician_id", sa.Integer(), sa.ForeignKey("clinicians.id"), nullable=False),
        _when("starts_at"),
        _when("ends_at"),
        sa.Column("position", sa.Integer(), nullable=False),
        _when("created_at"),
    )
    op.create_index("ix_oncall_shifts_window", "oncall_shifts", ["starts_at", "ends_at"])
    op.create_table(
        "incidents",
        sa.Column("number", sa.String(40), primary_key=True),
        sa.Column("session_id", sa.String(36), nullable=False),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("escalation_step", sa.Integer(), nullable=False, server_default="0"),
        _when("created_at"),
        sa.Column("acknowledged_by", sa.String(200), nullable=True),
        _when("acknowledged_at", nullable=True),
        sa.Column("acknowledged_via", sa.String(8), nullable=True),
    )
    op.create_index("ix_incidents_session_id", "incidents", ["session_id"])
    op.create_table(
        "pages",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "incident_number", sa.String(40), sa.ForeignKey("incidents.number"), nullable=False
        ),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("clinician_id", sa.Integer(), sa.ForeignKey("clinicians.id"), nullable=True),
        sa.Column("to_number", sa.String(20), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("twilio_sid", sa.String(64), nullable=True),
        sa.Column("error_code", sa.Integer(), nullable=True),
        _when("created_at"),
        _when("sent_at", nullable=True),
    )
    op.create_index("ix_pages_incident", "pages", ["incident_number", "step"])
    op.create_index("ix_pages_to_number", "pages", ["to_number", "created_at"])
    op.create_table(
        "paging_outbox",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("incident_number", sa.String(40), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        _when("due_at"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.String(200), nullable=True),
        _when("created_at"),
        _when("done_at", nullable=True),
    )
    op.create_index("ix_paging_outbox_due", "paging_outbox", ["status", "due_at"])
    op.create_index(
        "ix_paging_outbox_incident", "paging_outbox", ["incident_number", "kind", "status"]
    )


def downgrade() -> None:
    op.drop_index("ix_paging_outbox_incident", table_name="paging_outbox")
    op.drop_index("ix_paging_outbox_due", table_name="paging_outbox")
    op.drop_table("paging_outbox")
    op.drop_index("ix_pages_to_number", table_name="pages")
    op.drop_index("ix_pages_incident", table_name="pages")
    op.drop_table("pages")
    op.drop_index("ix_incidents_session_id", table_name="incidents")
    op.drop_table("incidents")
    op.drop_index("ix_oncall_shifts_window", table_name="oncall_shifts")
    op.drop_table("oncall_shifts")
    op.drop_table("clinicians")
