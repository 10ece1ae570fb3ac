"""known public keys (device, central)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "known_key",
        sa.Column("key_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=True),
        sa.Column("public_key", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_known_key")),
    )
    with op.batch_alter_table("known_key") as batch_op:
        batch_op.create_index(batch_op.f("ix_known_key_device_id"), ["device_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("known_key") as batch_op:
        batch_op.drop_index(batch_op.f("ix_known_key_device_id"))
    op.drop_table("known_key")
