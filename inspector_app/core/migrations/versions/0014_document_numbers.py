"""document numbers from blocks the district grants (GB/T 9704: 机关代字〔年〕序号, no laptop code)

Revision ID: 0014_document_numbers
Revises: 0013_registration_papers
Create Date: 2026-12-02

`number_block` holds the ranges of sequence numbers the district granted this
laptop per document kind and year, with the bureau's prefix for the kind
(docs/sync-protocol.md §6, §9.2). Numbers already printed keep their text.
"""

import sqlalchemy as sa
from alembic import op

revision = '0014_document_numbers'
down_revision = '0013_registration_papers'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('number_block',
                    sa.Column('id', sa.String(), nullable=False),
                    sa.Column('kind', sa.String(), nullable=False),
                    sa.Column('year', sa.Integer(), nullable=False),
                    sa.Column('first', sa.Integer(), nullable=False),
                    sa.Column('last', sa.Integer(), nullable=False),
                    sa.Column('prefix', sa.String(), nullable=False),
                    sa.Column('usn', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_number_block')))


def downgrade() -> None:
    op.drop_table('number_block')
