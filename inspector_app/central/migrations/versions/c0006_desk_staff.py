"""district desk: staff accounts, their sign-in sessions, every sign-in attempt and every desk action

Revision ID: c0006
Revises: c0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = 'c0006'
down_revision = 'c0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'staff',
        sa.Column('username', sa.String(64), nullable=False),
        sa.Column('display_name', sa.String(), nullable=False),
        sa.Column('role', sa.String(16), nullable=False),
        sa.Column('password_hash', sa.String(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('disabled_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('username', name=op.f('pk_staff')))
    op.create_table(
        'staff_session',
        sa.Column('token_sha256', sa.String(64), nullable=False),
        sa.Column('username', sa.String(64), nullable=False),
        sa.Column('csrf', sa.String(64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('remote', sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint('token_sha256', name=op.f('pk_staff_session')))
    op.create_index('ix_staff_session_username', 'staff_session', ['username'])
    op.create_table(
        'sign_in_attempt',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('username', sa.String(64), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ok', sa.Boolean(), nullable=False),
        sa.Column('why', sa.String(16), nullable=True),
        sa.Column('remote', sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_attempt')))
    op.create_index('ix_sign_in_attempt_username_at', 'sign_in_attempt', ['username', 'at'])
    op.create_table(
        'desk_action',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('username', sa.String(64), nullable=False),
        sa.Column('action', sa.String(32), nullable=False),
        sa.Column('target', sa.String(), nullable=True),
        sa.Column('detail', sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_action')))


def downgrade() -> None:
    op.drop_table('desk_action')
    op.drop_index('ix_sign_in_attempt_username_at', table_name='sign_in_attempt')
    op.drop_table('sign_in_attempt')
    op.drop_index('ix_staff_session_username', table_name='staff_session')
    op.drop_table('staff_session')
    op.drop_table('staff')
