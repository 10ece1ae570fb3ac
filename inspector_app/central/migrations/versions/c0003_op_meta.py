"""op_log.op_meta: the rest of a held op (besides its payload), so it can be re-applied after an upgrade

Revision ID: c0003
Revises: c0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = 'c0003'
down_revision = 'c0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('op_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('op_meta', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('op_log', schema=None) as batch_op:
        batch_op.drop_column('op_meta')
