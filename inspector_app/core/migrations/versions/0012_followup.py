"""an inspection's purpose and the order it re-inspects; an order's last re-inspection and its escalation

Revision ID: 0012_followup
Revises: 0011_outcome_fields
Create Date: 2026-12-02

`inspection.purpose` (日常 / 双随机 / 专项 / 投诉举报 / 复查 / 飞行, core/codes.py PURPOSES) is NULL
on records made before it was asked, which keeps their signed hash as it was; `inspection.recheck_of`
names the rectification order a re-inspection follows up (Order 49 Art. 33 ¶2). An order gains
`last_recheck_id` (an open order with it set failed its re-inspection) and the bureau's decision to
file a case when it is not rectified (`escalated_at`, `escalated_by`, `escalation_note`), with the
status `escalated`. The guards of core/triggers.py are installed again: the order's forward-only
statuses now include `escalated`.
"""

import sqlalchemy as sa
from alembic import op

from inspector_app.core import triggers

revision = '0012_followup'
down_revision = '0011_outcome_fields'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purpose', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('recheck_of', sa.Uuid(), nullable=True))
    with op.batch_alter_table('rectification_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_recheck_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('escalated_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('escalated_by', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('escalation_note', sa.String(), nullable=True))
    triggers.install(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('rectification_order', schema=None) as batch_op:
        for column in ('escalation_note', 'escalated_by', 'escalated_at', 'last_recheck_id'):
            batch_op.drop_column(column)
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_column('recheck_of')
        batch_op.drop_column('purpose')
    triggers.install(op.get_bind())
