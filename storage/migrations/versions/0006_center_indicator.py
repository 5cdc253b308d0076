"""station: each center's indicator checklist per year, measured at import

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 23:40:00

Starts empty: the station's next import of each center fills it; until then the town report measures
the missing checklists when it is made.
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('center_indicator',
    sa.Column('center_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('profile', sa.String(length=40), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('threshold', sa.String(length=200), nullable=False),
    sa.Column('measured', sa.String(length=200), nullable=False),
    sa.Column('met', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['center_id'], ['center.id'], name=op.f('fk_center_indicator_center_id_center')),
    sa.PrimaryKeyConstraint('center_id', 'year', 'profile', 'key', name=op.f('pk_center_indicator'))
    )


def downgrade():
    op.drop_table('center_indicator')
