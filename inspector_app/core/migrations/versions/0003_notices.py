"""printed notices and per-device document sequences

Revision ID: 0003
Revises: 0002b
Create Date: 2026-12-01

notice: one row per (inspection, kind) — made at the first print (the
original); reprints reuse its id and token and only write the audit log.
notice_sequence: gap-free per-device counters (e.g. order numbers per year).
Both tables are local to this laptop (not synced): the QR token is
self-contained and the order number travels on rectification_order.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notice",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("inspection_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("paper", sa.String(), nullable=False),
        sa.Column("number", sa.String(), nullable=True),
        sa.Column("token", sa.String(), nullable=False),
        sa.Column("key_id", sa.String(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"],
                                name=op.f("fk_notice_inspection_id_inspection")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice")),
    )
    with op.batch_alter_table("notice") as batch_op:
        batch_op.create_index("uq_notice_inspection_kind", ["inspection_id", "kind"], unique=True)
    op.create_table(
        "notice_sequence",
        sa.Column("series", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", "year", "device_id", name=op.f("pk_notice_sequence")),
    )


def downgrade() -> None:
    op.drop_table("notice_sequence")
    with op.batch_alter_table("notice") as batch_op:
        batch_op.drop_index("uq_notice_inspection_kind")
    op.drop_table("notice")
