"""establishment.merged_into: central merges duplicate establishments

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28

A duplicate keeps its row (inspections refer to it) with status 'merged' and
the id of the establishment it became part of. A plain ADD COLUMN: no table
rebuild, so the FTS and immutability triggers stay as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("establishment", sa.Column("merged_into", sa.Uuid(), nullable=True))
    op.create_index(op.f("ix_establishment_merged_into"), "establishment", ["merged_into"])


def downgrade() -> None:
    op.drop_index(op.f("ix_establishment_merged_into"), table_name="establishment")
    with op.batch_alter_table("establishment") as batch_op:
        batch_op.drop_column("merged_into")
