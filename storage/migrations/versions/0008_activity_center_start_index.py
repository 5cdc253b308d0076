"""activity: one index on (center_id, start_date) for the year and quarter filters

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 07:20:00

Without table statistics SQLite chose the center_id index for "this center's activities in 2026" and read
every activity of the center (all 50,000 of a ten-year archive): the overview's quarter-by-category counts and
participant total took ~100 ms on such an archive, ~5 ms with this index. No data changes.
"""

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_activity_center_start', 'activity', ['center_id', 'start_date'], unique=False)


def downgrade():
    op.drop_index('ix_activity_center_start', table_name='activity')
