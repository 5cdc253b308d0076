"""attachments point at their owner by owner_kind + owner_id; spreadsheet imports logged by kind key

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 23:20:00

Every attachment keeps its owner: the one non-null key of the four becomes (owner_kind, owner_id).
Spreadsheet import logs take the kind keys of storage.kinds ("activity", "opening_log"), so a file
imported before is still recognised.
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# old column -> owner kind (the keys of storage.kinds at the time of this revision; never import it here)
OWNER_COLUMNS = {"activity_id": "activity", "equipment_id": "equipment",
                 "acceptance_stage_id": "acceptance_stage", "opening_log_id": "opening_log"}
SHEET_KINDS = {"activities": "activity", "opening-log": "opening_log"}


def upgrade():
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_kind', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
    for column, kind in OWNER_COLUMNS.items():
        op.execute(sa.text(f"UPDATE attachment SET owner_kind = :kind, owner_id = {column} "
                           f"WHERE {column} IS NOT NULL").bindparams(kind=kind))
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_attachment_one_owner'), type_='check')
        for column in OWNER_COLUMNS:
            batch_op.drop_index(op.f(f'ix_attachment_{column}'))
            batch_op.drop_constraint(op.f(f'fk_attachment_{column}_{column[:-3]}'), type_='foreignkey')
            batch_op.drop_column(column)
        batch_op.alter_column('owner_kind', existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column('owner_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(op.f('ix_attachment_owner'), ['owner_kind', 'owner_id'], unique=False)
    for old, new in SHEET_KINDS.items():
        op.execute(sa.text("UPDATE sheet_import SET kind = :new WHERE kind = :old").bindparams(new=new, old=old))


def downgrade():
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        for column in OWNER_COLUMNS:
            batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
    for column, kind in OWNER_COLUMNS.items():
        op.execute(sa.text(f"UPDATE attachment SET {column} = owner_id WHERE owner_kind = :kind").bindparams(kind=kind))
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(op.f('ix_attachment_owner'))
        batch_op.drop_column('owner_kind')
        batch_op.drop_column('owner_id')
        for column in OWNER_COLUMNS:
            batch_op.create_index(op.f(f'ix_attachment_{column}'), [column], unique=False)
            batch_op.create_foreign_key(op.f(f'fk_attachment_{column}_{column[:-3]}'), column[:-3], [column], ['id'])
        batch_op.create_check_constraint(op.f('ck_attachment_one_owner'), " + ".join(
            f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in OWNER_COLUMNS) + " = 1")
    for old, new in SHEET_KINDS.items():
        op.execute(sa.text("UPDATE sheet_import SET kind = :old WHERE kind = :new").bindparams(new=new, old=old))
