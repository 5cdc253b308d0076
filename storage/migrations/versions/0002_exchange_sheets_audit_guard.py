"""exchange and spreadsheet bookkeeping; station plan columns; append-only audit trail

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 05:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# The audit trail is append-only: the database itself refuses to change or drop a row.
AUDIT_GUARDS = {
    "sqlite": [
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    ],
}


def upgrade():
    op.create_table('bag_import',
    sa.Column('center_uuid', sa.String(length=36), nullable=True),
    sa.Column('source_name', sa.String(length=255), nullable=False),
    sa.Column('bag_sha256', sa.String(length=64), nullable=False),
    sa.Column('signer_fingerprint', sa.String(length=100), nullable=True),
    sa.Column('bagging_date', sa.DateTime(), nullable=True),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bag_import')),
    sa.UniqueConstraint('uuid', name=op.f('uq_bag_import_uuid'))
    )
    op.create_table('sheet_import',
    sa.Column('center_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('source_name', sa.String(length=255), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.Column('rows_total', sa.Integer(), nullable=False),
    sa.Column('rows_added', sa.Integer(), nullable=False),
    sa.Column('rows_skipped', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['center_id'], ['center.id'], name=op.f('fk_sheet_import_center_id_center')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sheet_import')),
    sa.UniqueConstraint('uuid', name=op.f('uq_sheet_import_uuid'))
    )

    with op.batch_alter_table('bag_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bag_import_bag_sha256'), ['bag_sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_bag_import_center_uuid'), ['center_uuid'], unique=False)
    with op.batch_alter_table('sheet_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sheet_import_center_id'), ['center_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sheet_import_source_sha256'), ['source_sha256'], unique=False)
    with op.batch_alter_table('center', schema=None) as batch_op:
        batch_op.add_column(sa.Column('plan_status', sa.String(length=20), nullable=False, server_default='built'))
        batch_op.add_column(sa.Column('target_quarter', sa.String(length=7), nullable=True))
    for statement in AUDIT_GUARDS.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    with op.batch_alter_table('center', schema=None) as batch_op:
        batch_op.drop_column('target_quarter')
        batch_op.drop_column('plan_status')
    op.drop_table('sheet_import')
    op.drop_table('bag_import')
