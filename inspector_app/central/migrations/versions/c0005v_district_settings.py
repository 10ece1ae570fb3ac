"""district settings: the verification address printed in QR codes, and the issuing bureau's name

Revision ID: c0005v
Revises: c0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = 'c0005v'
down_revision = 'c0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('district_setting',
                    sa.Column('name', sa.String(length=64), nullable=False),
                    sa.Column('value', sa.Text(), nullable=False),
                    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('name', name=op.f('pk_district_setting')))


def downgrade() -> None:
    op.drop_table('district_setting')
