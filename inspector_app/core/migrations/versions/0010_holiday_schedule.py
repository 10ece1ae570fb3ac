"""working-day deadlines: the district's holiday schedules, estimated deadlines, per-item order deadlines

Revision ID: 0010_holiday_schedule
Revises: 0009_sealing_list
Create Date: 2026-12-02

`holiday_schedule` holds each year's official schedule as the district
published it (docs/sync-protocol.md §9.2; core/workdays.py). An inspection
records whether its deadline was counted through a year with no official
schedule (`deadline_estimated`), and an order may give each item its own
deadline (`item_deadlines`, NULL: `deadline` for every item). Old rows keep
their values: false and NULL. The order guards are reinstalled so that
`item_deadlines`, like `deadline`, never changes once issued.
"""

import sqlalchemy as sa
from alembic import op

from inspector_app.core import triggers
from inspector_app.core.models import UTCDateTime

revision = '0010_holiday_schedule'
down_revision = '0009_sealing_list'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('holiday_schedule',
                    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
                    sa.Column('holidays', sa.JSON(), nullable=False),
                    sa.Column('workdays', sa.JSON(), nullable=False),
                    sa.Column('source', sa.String(), nullable=False),
                    sa.Column('published_at', UTCDateTime(), nullable=True),
                    sa.Column('server_usn', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('year', name=op.f('pk_holiday_schedule')))
    # plain ALTER TABLE ADD COLUMN: no rebuild, so the guards on these tables stay as they are
    op.add_column('inspection', sa.Column('deadline_estimated', sa.Boolean(), nullable=False,
                                          server_default=sa.false()))
    op.add_column('rectification_order', sa.Column('item_deadlines', sa.JSON(), nullable=True))
    triggers.install(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('rectification_order', schema=None) as batch_op:
        batch_op.drop_column('item_deadlines')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_column('deadline_estimated')
    op.drop_table('holiday_schedule')
