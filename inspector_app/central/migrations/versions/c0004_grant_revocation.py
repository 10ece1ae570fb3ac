"""enrolment grants can be revoked before their laptop's first bundle; a pinned grant keeps the laptop's keys

Revision ID: c0004
Revises: c0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = 'c0004'
down_revision = 'c0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('enrolment_grant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sign_pub', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('enc_pub', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('enrolment_grant', schema=None) as batch_op:
        batch_op.drop_column('revoked_at')
        batch_op.drop_column('enc_pub')
        batch_op.drop_column('sign_pub')
