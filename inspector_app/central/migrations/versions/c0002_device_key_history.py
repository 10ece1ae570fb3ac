"""device key history: laptops rotate their keys; the old key stays valid up to its rotation_seq

Revision ID: c0002
Revises: c0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = 'c0002'
down_revision = 'c0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key_history', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_column('key_history')
