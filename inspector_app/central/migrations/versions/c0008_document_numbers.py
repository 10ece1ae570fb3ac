"""document numbers: the bureau's prefix per kind, blocks of numbers granted to each laptop per kind and year

Revision ID: c0008_document_numbers
Revises: c0007_holiday_schedule
Create Date: 2026-12-02

Each number is granted once, from `number_series` (the last number granted per
kind and year, only counting up); `number_block` says which laptop's enrolment
holds which range, `number_used` what each laptop last reported used
(central/numbering.py; docs/sync-protocol.md §3, §6, §9.2).
"""

import sqlalchemy as sa
from alembic import op

revision = 'c0008_document_numbers'
down_revision = 'c0007_holiday_schedule'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'number_prefix',
        sa.Column('kind', sa.String(32), nullable=False),
        sa.Column('prefix', sa.String(64), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('kind', name=op.f('pk_number_prefix')))
    op.create_table(
        'number_series',
        sa.Column('kind', sa.String(32), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('last_granted', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('kind', 'year', name=op.f('pk_number_series')))
    op.create_table(
        'number_block',
        sa.Column('id', sa.String(32), nullable=False),
        sa.Column('kind', sa.String(32), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('grant_serial', sa.String(32), nullable=False),
        sa.Column('first', sa.BigInteger(), nullable=False),
        sa.Column('last', sa.BigInteger(), nullable=False),
        sa.Column('prefix', sa.String(64), nullable=False),
        sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('usn', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_number_block')))
    op.create_index('ix_number_block_grant_serial', 'number_block', ['grant_serial'])
    op.create_index('ix_number_block_usn', 'number_block', ['usn'])
    op.create_index('uq_number_block_kind_year_first', 'number_block', ['kind', 'year', 'first'], unique=True)
    op.create_table(
        'number_used',
        sa.Column('grant_serial', sa.String(32), nullable=False),
        sa.Column('kind', sa.String(32), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('used', sa.BigInteger(), nullable=False),
        sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('grant_serial', 'kind', 'year', name=op.f('pk_number_used')))


def downgrade() -> None:
    op.drop_table('number_used')
    op.drop_index('uq_number_block_kind_year_first', table_name='number_block')
    op.drop_index('ix_number_block_usn', table_name='number_block')
    op.drop_index('ix_number_block_grant_serial', table_name='number_block')
    op.drop_table('number_block')
    op.drop_table('number_series')
    op.drop_table('number_prefix')
