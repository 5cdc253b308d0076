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
    # plain ADD COLUMN (no table rebuild: other tables' foreign keys point at center)
    op.add_column('center', sa.Column('fonds_number', sa.String(length=20), nullable=False, server_default=''))
    op.add_column('center', sa.Column('retention_rule', sa.String(length=200), nullable=False, server_default=''))


def downgrade():
    for name in ('retention_rule', 'fonds_number'):
        if op.get_bind().dialect.name == 'sqlite':  # SQLite >= 3.35 drops a column in place, no rebuild
            op.execute(f'ALTER TABLE center DROP COLUMN {name}')
        else:
            op.drop_column('center', name)
