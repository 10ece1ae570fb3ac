"""the outcome item by item (Order 49 Arts. 31–33): on-the-spot fixes, safety marks, the rules edition

Revision ID: 0011_outcome_fields
Revises: 0010_holiday_schedule
Create Date: 2026-12-02

`answer.fixed_on_spot` / `fix_note` (Art. 33 ¶2) and `affects_safety`
(Art. 33 ¶3) mark a failed item; `inspection.rules_edition` names the rules
that gave a record's result, so central recomputes an old record by the rules
it was finalized under (docs/sync-protocol.md §8.3). Every existing row gets
the old meaning: not fixed, not marked, edition 1. Plain ADD COLUMN: no table
is rebuilt, so the guards of core/triggers.py stay as they are.
"""

import sqlalchemy as sa
from alembic import op

from inspector_app.core import triggers

revision = '0011_outcome_fields'
down_revision = '0010_holiday_schedule'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('answer', sa.Column('fixed_on_spot', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('answer', sa.Column('fix_note', sa.String(), nullable=True))
    op.add_column('answer', sa.Column('affects_safety', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('inspection', sa.Column('rules_edition', sa.Integer(), nullable=False, server_default='1'))


def downgrade() -> None:
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_column('affects_safety')
        batch_op.drop_column('fix_note')
        batch_op.drop_column('fixed_on_spot')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_column('rules_edition')
    triggers.install(op.get_bind())  # the rebuilt tables lost their guards
