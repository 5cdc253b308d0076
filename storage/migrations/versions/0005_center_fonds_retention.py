"""center: fonds number (全宗号) and retention rule (保管期限 by record kind)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 23:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('center') as batch:
        batch.add_column(sa.Column('fonds_number', sa.String(length=20), nullable=False, server_default=''))
        batch.add_column(sa.Column('retention_rule', sa.String(length=200), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('center') as batch:
        batch.drop_column('retention_rule')
        batch.drop_column('fonds_number')
