"""the sealing list of a stop: what the bureau sealed or seized, printed on the 实施行政强制措施决定书

Revision ID: 0009_sealing_list
Revises: 0008
Create Date: 2026-12-02

One row per inspection (core/notices/sealing.py): the period in days and the
places, facilities and goods (行政强制法 Arts. 24–25). Local to the laptop.
"""

import sqlalchemy as sa
from alembic import op

revision = '0009_sealing_list'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sealing_list',
        sa.Column('inspection_id', sa.Uuid(), nullable=False),
        sa.Column('days', sa.Integer(), nullable=False),
        sa.Column('things', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], 
                                name=op.f('fk_sealing_list_inspection_id_inspection')),
        sa.PrimaryKeyConstraint('inspection_id', name=op.f('pk_sealing_list')),
    )


def downgrade() -> None:
    op.drop_table('sealing_list')
