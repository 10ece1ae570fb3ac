"""the district's settings as the laptop last received them (signed): the verification address for QR codes

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

`sync_enrolment.district` holds {"verify_url", "hlc"} from the enrolment
file or the newest downward bundle's header (docs/sync-protocol.md §3, §6);
NULL on a laptop never told, which keeps printing its own old setting.
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_enrolment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('district', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sync_enrolment', schema=None) as batch_op:
        batch_op.drop_column('district')
