"""the district's holiday schedules, one a year, sent down to every laptop (docs/sync-protocol.md §9.2)

Revision ID: c0007_holiday_schedule
Revises: c0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = 'c0007_holiday_schedule'
down_revision = 'c0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'holiday_schedule',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('superseded', sa.JSON(), nullable=True),
        sa.Column('server_version', sa.Integer(), nullable=False),
        sa.Column('usn', sa.BigInteger(), nullable=False),
        sa.Column('published_by', sa.String(64), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('year', name=op.f('pk_holiday_schedule')))
    op.create_index(op.f('ix_holiday_schedule_usn'), 'holiday_schedule', ['usn'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_holiday_schedule_usn'), table_name='holiday_schedule')
    op.drop_table('holiday_schedule')
