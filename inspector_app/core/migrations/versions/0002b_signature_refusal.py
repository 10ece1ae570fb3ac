"""operator's refusal to sign, with a witness

Revision ID: 0002b
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

from inspector_app.core import triggers

revision = "0002b"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signature_refusal",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=True),
        sa.Column("server_usn", sa.Integer(), nullable=True),
        sa.Column("inspection_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("witness_name", sa.String(), nullable=False),
        sa.Column("witness_id_no", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"],
                                name=op.f("fk_signature_refusal_inspection_id_inspection")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signature_refusal")),
        sa.UniqueConstraint("inspection_id", name=op.f("uq_signature_refusal_inspection_id")),
    )
    triggers.install(op.get_bind())


def downgrade() -> None:
    for name in triggers.statements():
        if name.startswith("signature_refusal_"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("signature_refusal")
