"""district settings: the verification address printed in QR codes, and the issuing bureau's name;
indexes for the verification page's lookups

The page (central/verification.py) asks for the finalized inspections of one
establishment and the rectification orders of one inspection, both fields
inside `record.data`: two partial expression indexes, on inspection and order
records only, so the import (answers are most records) pays nothing for them.

Revision ID: c0005
Revises: c0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = 'c0005'
down_revision = 'c0004'
branch_labels = None
depends_on = None
# (index, key in record.data, entity): spelled as central/verification.py _statements() queries them
INDEXES = (("ix_record_inspection_establishment", "establishment_id", "inspection"),
           ("ix_record_order_inspection", "inspection_id", "rectification_order"))


def upgrade() -> None:
    op.create_table('district_setting',
                    sa.Column('name', sa.String(length=64), nullable=False),
                    sa.Column('value', sa.Text(), nullable=False),
                    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('name', name=op.f('pk_district_setting')))
    for name, key, entity in INDEXES:
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"CREATE INDEX {name} ON record ((data ->> '{key}')) WHERE entity = '{entity}'")
        else:
            op.execute(f"CREATE INDEX {name} ON record (json_extract(data, '$.{key}')) WHERE entity = '{entity}'")


def downgrade() -> None:
    for name, _key, _entity in INDEXES:
        op.execute(f"DROP INDEX {name}")
    op.drop_table('district_setting')
