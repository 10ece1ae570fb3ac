"""guard issued notices, their number sequences and rectification orders with triggers

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from alembic import op

from inspector_app.core import triggers

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

GUARDED = ("notice_", "rectification_order_")  # notice_sequence_* included


def upgrade() -> None:
    triggers.install(op.get_bind())


def downgrade() -> None:
    for name in triggers.statements():
        if name.startswith(GUARDED):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
