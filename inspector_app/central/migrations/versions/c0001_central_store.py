"""central store: devices, bundles, op log, records, conflicts, alerts, blobs

Revision ID: c0001
Revises: 
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = 'c0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('alert',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('device_id', sa.String(length=32), nullable=True),
    sa.Column('bundle_id', sa.String(length=64), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('cleared_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert'))
    )
    op.create_table('blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('bundle_id', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blob'))
    )
    op.create_table('central_meta',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_central_meta'))
    )
    op.create_table('conflict',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('device_id', sa.String(length=32), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=True),
    sa.Column('change_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_by', sa.String(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflict'))
    )
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.create_index('ix_conflict_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('device',
    sa.Column('device_id', sa.String(length=32), nullable=False),
    sa.Column('grant_serial', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(), nullable=True),
    sa.Column('township_code', sa.String(), nullable=True),
    sa.Column('sign_key_id', sa.String(length=16), nullable=False),
    sa.Column('enc_pub', sa.String(), nullable=False),
    sa.Column('enc_key_id', sa.String(length=16), nullable=False),
    sa.Column('cert', sa.JSON(), nullable=False),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('applied_through_seq', sa.BigInteger(), nullable=False),
    sa.Column('acked_reported', sa.BigInteger(), nullable=False),
    sa.Column('usn_reported', sa.BigInteger(), nullable=False),
    sa.Column('epoch_reported', sa.Integer(), nullable=False),
    sa.Column('last_hlc', sa.BigInteger(), nullable=False),
    sa.Column('max_reader_format', sa.String(), nullable=True),
    sa.Column('app_version', sa.String(), nullable=True),
    sa.Column('revoked_after_seq', sa.BigInteger(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('device_id', name=op.f('pk_device')),
    sa.UniqueConstraint('grant_serial', name=op.f('uq_device_grant_serial'))
    )
    op.create_table('enrolment_grant',
    sa.Column('serial', sa.String(length=32), nullable=False),
    sa.Column('device_name', sa.String(), nullable=False),
    sa.Column('township_code', sa.String(), nullable=True),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('device_id', sa.String(length=32), nullable=True),
    sa.Column('bound_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('serial', name=op.f('pk_enrolment_grant'))
    )
    op.create_table('imported_bundle',
    sa.Column('bundle_id', sa.String(length=32), nullable=False),
    sa.Column('device_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('seq_from', sa.BigInteger(), nullable=False),
    sa.Column('seq_to', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('file', sa.Text(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('receipt', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('bundle_id', name=op.f('pk_imported_bundle'))
    )
    with op.batch_alter_table('imported_bundle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_imported_bundle_device_id'), ['device_id'], unique=False)

    op.create_table('op_log',
    sa.Column('device_id', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('op', sa.String(length=16), nullable=False),
    sa.Column('op_sha256', sa.String(length=64), nullable=False),
    sa.Column('hlc', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('bundle_id', sa.String(length=32), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('device_id', 'seq', name=op.f('pk_op_log')),
    sa.UniqueConstraint('change_id', name=op.f('uq_op_log_change_id'))
    )
    op.create_table('record',
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('server_version', sa.Integer(), nullable=False),
    sa.Column('usn', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('origin', sa.String(length=32), nullable=True),
    sa.Column('ref', sa.String(length=64), nullable=True),
    sa.Column('field_hlc', sa.JSON(), nullable=True),
    sa.Column('conflict', sa.String(length=8), nullable=True),
    sa.Column('incomplete', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('entity', 'id', name=op.f('pk_record'))
    )
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.create_index('ix_record_ref', ['ref'], unique=False)
        batch_op.create_index('ix_record_usn', ['usn'], unique=False)

    op.create_table('record_version',
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('server_version', sa.Integer(), nullable=False),
    sa.Column('changed', sa.JSON(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('entity', 'id', 'server_version', name=op.f('pk_record_version'))
    )
    op.create_table('rejected_file',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('bundle_id', sa.String(length=64), nullable=True),
    sa.Column('device_id', sa.String(length=64), nullable=True),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('file', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rejected_file'))
    )


def downgrade() -> None:
    op.drop_table('rejected_file')
    op.drop_table('record_version')
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.drop_index('ix_record_usn')
        batch_op.drop_index('ix_record_ref')

    op.drop_table('record')
    op.drop_table('op_log')
    with op.batch_alter_table('imported_bundle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_imported_bundle_device_id'))

    op.drop_table('imported_bundle')
    op.drop_table('enrolment_grant')
    op.drop_table('device')
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.drop_index('ix_conflict_entity')

    op.drop_table('conflict')
    op.drop_table('central_meta')
    op.drop_table('blob')
    op.drop_table('alert')
