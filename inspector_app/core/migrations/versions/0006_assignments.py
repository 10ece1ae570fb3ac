"""assignments from the district and this laptop's responses

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _syncable_columns():
    return [sa.Column("id", sa.Uuid(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("server_version", sa.Integer(), nullable=True),
            sa.Column("server_usn", sa.Integer(), nullable=True)]


def upgrade() -> None:
    op.create_table(
        "assignment", *_syncable_columns(),
        sa.Column("establishment_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=True),
        sa.Column("township_code", sa.String(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("purpose", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
    )
    op.create_index(op.f("ix_assignment_establishment_id"), "assignment", ["establishment_id"])
    op.create_table(
        "assignment_response", *_syncable_columns(),
        sa.Column("assignment_id", sa.Uuid(), nullable=False),
        sa.Column("response", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignment.id"],
                                name=op.f("fk_assignment_response_assignment_id_assignment")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment_response")),
    )
    op.create_index(op.f("ix_assignment_response_assignment_id"), "assignment_response", ["assignment_id"])


def downgrade() -> None:
    op.drop_table("assignment_response")
    op.drop_table("assignment")
