"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28
"""

import sqlalchemy as sa
import uuid6
from alembic import op

from inspector_app.core import triggers

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('area',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('level', sa.String(), nullable=False),
    sa.Column('parent_id', sa.Uuid(), nullable=True),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['area.id'], name=op.f('fk_area_parent_id_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area')),
    sa.UniqueConstraint('code', name=op.f('uq_area_code'))
    )
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_area_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_area_parent_id'), ['parent_id'], unique=False)

    op.create_table('audit_log',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('entity_id', sa.String(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_log'))
    )
    op.create_table('checklist',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('installed_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', 'version', name=op.f('pk_checklist'))
    )
    op.create_table('outbox',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('change_id', sa.Uuid(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('entity_id', sa.String(), nullable=False),
    sa.Column('op', sa.String(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('changed', sa.JSON(), nullable=False),
    sa.Column('base_server_version', sa.Integer(), nullable=True),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('reason', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_outbox')),
    sa.UniqueConstraint('change_id', name=op.f('uq_outbox_change_id')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_state'), ['state'], unique=False)

    op.create_table('sync_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Uuid(), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('acked_through_seq', sa.Integer(), nullable=False),
    sa.Column('central_usn_applied', sa.Integer(), nullable=False),
    sa.Column('central_epoch', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_state'))
    )
    op.create_table('establishment',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('server_version', sa.Integer(), nullable=True),
    sa.Column('server_usn', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('licence_type', sa.String(), nullable=True),
    sa.Column('licence_no', sa.String(), nullable=True),
    sa.Column('credit_code', sa.String(), nullable=True),
    sa.Column('legal_rep', sa.String(), nullable=True),
    sa.Column('contact_person', sa.String(), nullable=True),
    sa.Column('phone', sa.String(), nullable=True),
    sa.Column('address', sa.String(), nullable=True),
    sa.Column('township_id', sa.Uuid(), nullable=False),
    sa.Column('village_id', sa.Uuid(), nullable=True),
    sa.Column('risk_grade', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('provisional', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['township_id'], ['area.id'], name=op.f('fk_establishment_township_id_area')),
    sa.ForeignKeyConstraint(['village_id'], ['area.id'], name=op.f('fk_establishment_village_id_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_establishment'))
    )
    with op.batch_alter_table('establishment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_establishment_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_establishment_credit_code'), ['credit_code'], unique=False)
        batch_op.create_index('ix_establishment_township_category', ['township_id', 'category'], unique=False)
        batch_op.create_index('uq_establishment_licence_no', ['licence_no'], unique=True, sqlite_where=sa.text('licence_no IS NOT NULL'), postgresql_where=sa.text('licence_no IS NOT NULL'))

    op.create_table('user',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('server_version', sa.Integer(), nullable=True),
    sa.Column('server_usn', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('credential_no', sa.String(), nullable=False),
    sa.Column('password_hash', sa.String(), nullable=True),
    sa.Column('township_id', sa.Uuid(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['township_id'], ['area.id'], name=op.f('fk_user_township_id_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('credential_no', name=op.f('uq_user_credential_no'))
    )
    op.create_table('establishment_search',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('establishment_id', sa.Uuid(), nullable=False),
    sa.Column('haystack', sa.String(), nullable=False),
    sa.Column('grams', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['establishment_id'], ['establishment.id'], name=op.f('fk_establishment_search_establishment_id_establishment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_establishment_search')),
    sa.UniqueConstraint('establishment_id', name=op.f('uq_establishment_search_establishment_id'))
    )
    op.create_table('inspection',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('server_version', sa.Integer(), nullable=True),
    sa.Column('server_usn', sa.Integer(), nullable=True),
    sa.Column('establishment_id', sa.Uuid(), nullable=False),
    sa.Column('checklist_id', sa.String(), nullable=False),
    sa.Column('checklist_version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('finalized_at', sa.DateTime(), nullable=True),
    sa.Column('hazard', sa.Boolean(), nullable=False),
    sa.Column('result', sa.String(), nullable=True),
    sa.Column('handling', sa.String(), nullable=True),
    sa.Column('case_filing', sa.Boolean(), nullable=False),
    sa.Column('general_pass_rate', sa.Float(), nullable=True),
    sa.Column('rectification_deadline', sa.Date(), nullable=True),
    sa.Column('amends_id', sa.Uuid(), nullable=True),
    sa.Column('content_sha256', sa.String(), nullable=True),
    sa.Column('notes', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['amends_id'], ['inspection.id'], name=op.f('fk_inspection_amends_id_inspection')),
    sa.ForeignKeyConstraint(['checklist_id', 'checklist_version'], ['checklist.id', 'checklist.version'], name='fk_inspection_checklist'),
    sa.ForeignKeyConstraint(['establishment_id'], ['establishment.id'], name=op.f('fk_inspection_establishment_id_establishment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection'))
    )
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_establishment_id'), ['establishment_id'], unique=False)

    op.create_table('answer',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('server_version', sa.Integer(), nullable=True),
    sa.Column('server_usn', sa.Integer(), nullable=True),
    sa.Column('inspection_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.String(), nullable=False),
    sa.Column('answer', sa.String(), nullable=True),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('note', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], name=op.f('fk_answer_inspection_id_inspection')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer'))
    )
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.create_index('uq_answer_item', ['inspection_id', 'item_id'], unique=True)

    op.create_table('evidence',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('server_version', sa.Integer(), nullable=True),
    sa.Column('server_usn', sa.Integer(), nullable=True),
    sa.Column('inspection_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.String(), nullable=True),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('sha256', sa.String(), nullable=False),
    sa.Column('mime', sa.String(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('original_name', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], name=op.f('fk_evidence_inspection_id_inspection')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_sha256'), ['sha256'], unique=False)

    op.create_table('inspection_inspector',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('server_version', sa.Integer(), nullable=True),
    sa.Column('server_usn', sa.Integer(), nullable=True),
    sa.Column('inspection_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], name=op.f('fk_inspection_inspector_inspection_id_inspection')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_inspection_inspector_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_inspector'))
    )
    with op.batch_alter_table('inspection_inspector', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_inspector_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index('uq_inspection_inspector_pair', ['inspection_id', 'user_id'], unique=True)

    op.create_table('rectification_order',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('server_version', sa.Integer(), nullable=True),
    sa.Column('server_usn', sa.Integer(), nullable=True),
    sa.Column('inspection_id', sa.Uuid(), nullable=False),
    sa.Column('establishment_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(), nullable=True),
    sa.Column('failed_items', sa.JSON(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('reinspection_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['establishment_id'], ['establishment.id'], name=op.f('fk_rectification_order_establishment_id_establishment')),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], name=op.f('fk_rectification_order_inspection_id_inspection')),
    sa.ForeignKeyConstraint(['reinspection_id'], ['inspection.id'], name=op.f('fk_rectification_order_reinspection_id_inspection')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rectification_order'))
    )
    with op.batch_alter_table('rectification_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rectification_order_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_rectification_order_establishment_id'), ['establishment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rectification_order_inspection_id'), ['inspection_id'], unique=False)
    for ddl in triggers.SEARCH_TABLES.values():
        op.execute(ddl)
    # Triggers are (re)installed from core.triggers; a later migration that
    # rebuilds one of their tables must call triggers.install() again.
    triggers.install(op.get_bind())
    # This store's identity: a device id made here, never reused.
    op.execute(sa.text("INSERT INTO sync_state (id, device_id, hlc, acked_through_seq, "
                       "central_usn_applied, central_epoch) VALUES (1, :device, 0, 0, 0, 0)")
               .bindparams(device=uuid6.uuid7().hex))


def downgrade() -> None:
    for name in triggers.statements():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in triggers.SEARCH_TABLES:
        op.execute(f"DROP TABLE IF EXISTS {name}")

    with op.batch_alter_table('rectification_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rectification_order_inspection_id'))
        batch_op.drop_index(batch_op.f('ix_rectification_order_establishment_id'))
        batch_op.drop_index(batch_op.f('ix_rectification_order_deadline'))

    op.drop_table('rectification_order')
    with op.batch_alter_table('inspection_inspector', schema=None) as batch_op:
        batch_op.drop_index('uq_inspection_inspector_pair')
        batch_op.drop_index(batch_op.f('ix_inspection_inspector_inspection_id'))

    op.drop_table('inspection_inspector')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_sha256'))
        batch_op.drop_index(batch_op.f('ix_evidence_inspection_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_index('uq_answer_item')

    op.drop_table('answer')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_establishment_id'))

    op.drop_table('inspection')
    op.drop_table('establishment_search')
    op.drop_table('user')
    with op.batch_alter_table('establishment', schema=None) as batch_op:
        batch_op.drop_index('uq_establishment_licence_no', sqlite_where=sa.text('licence_no IS NOT NULL'), postgresql_where=sa.text('licence_no IS NOT NULL'))
        batch_op.drop_index('ix_establishment_township_category')
        batch_op.drop_index(batch_op.f('ix_establishment_credit_code'))
        batch_op.drop_index(batch_op.f('ix_establishment_category'))

    op.drop_table('establishment')
    op.drop_table('sync_state')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_state'))

    op.drop_table('outbox')
    op.drop_table('checklist')
    op.drop_table('audit_log')
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_area_parent_id'))
        batch_op.drop_index(batch_op.f('ix_area_name'))

    op.drop_table('area')

