"""an establishment's responsible person's resident ID number (a stall keeper's, a workshop owner's)

Revision ID: 0013_registration_papers
Revises: 0012_followup
Create Date: 2026-12-02

Stalls and small workshops are often identified by their keeper's ID number rather than a credit
code; documents print it masked (docs/registration-papers.md). NULL for every existing row.
"""

import sqlalchemy as sa
from alembic import op

revision = '0013_registration_papers'
down_revision = '0012_followup'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('establishment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('responsible_id_no', sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('establishment', schema=None) as batch_op:
        batch_op.drop_column('responsible_id_no')
