"""sync bookkeeping: enrolment, downward inbox, stash, wanted blobs, export log

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

All local to this laptop (core/sync): none of these tables is synced.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_enrolment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("central", sa.String(), nullable=False),
        sa.Column("device_name", sa.String(), nullable=False),
        sa.Column("township_code", sa.String(), nullable=True),
        sa.Column("grant_serial", sa.String(), nullable=False),
        sa.Column("cert", sa.JSON(), nullable=False),
        sa.Column("root_pub", sa.String(), nullable=False),
        sa.Column("keyset", sa.JSON(), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_enrolment")),
    )
    op.create_table(
        "sync_inbox",
        sa.Column("bundle_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("usn_from", sa.Integer(), nullable=False),
        sa.Column("usn_to", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("file", sa.String(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("bundle_id", name=op.f("pk_sync_inbox")),
    )
    op.create_table(
        "sync_stash",
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("usn", sa.Integer(), nullable=False),
        sa.Column("row", sa.JSON(), nullable=False),
        sa.Column("stashed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_sync_stash")),
    )
    op.create_table(
        "sync_wanted_blob",
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_sync_wanted_blob")),
    )
    op.create_table(
        "sync_export",
        sa.Column("bundle_id", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("seq_from", sa.Integer(), nullable=False),
        sa.Column("seq_to", sa.Integer(), nullable=False),
        sa.Column("ops", sa.Integer(), nullable=False),
        sa.Column("blobs", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("bundle_id", name=op.f("pk_sync_export")),
    )


def downgrade() -> None:
    for table in ("sync_export", "sync_wanted_blob", "sync_stash", "sync_inbox", "sync_enrolment"):
        op.drop_table(table)
