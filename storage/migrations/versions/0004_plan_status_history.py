"""station plan: build status as a dated history; per-center figures computed at import

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 23:00:00

Each center of a station (or city) archive other than its own gets one history entry carrying its current
``plan_status``. Its date is the local (UTC+8) date of the center row's last change (``updated_at``): the
status was set on or before that day and no earlier day can be vouched for, so past quarters are never
counted as built on a guess. The entry's note says it was carried over. Village archives get no entries
(a village does not keep the station's plan). ``center_figures`` starts empty: the station's next import
of each center fills it; until then the overview computes those figures when it is shown.
"""

import uuid
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

LOCAL = timezone(timedelta(hours=8))
NOTE = "升级时沿用原有状态；日期取该中心资料最后修改的日期，此前的状态没有记录"


def upgrade():
    op.create_table('plan_status_change',
    sa.Column('center_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['center_id'], ['center.id'], name=op.f('fk_plan_status_change_center_id_center')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_status_change')),
    sa.UniqueConstraint('uuid', name=op.f('uq_plan_status_change_uuid'))
    )
    with op.batch_alter_table('plan_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_status_change_center_id'), ['center_id'], unique=False)
    op.create_table('center_figures',
    sa.Column('center_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('findings', sa.Integer(), nullable=False),
    sa.Column('errors', sa.Integer(), nullable=False),
    sa.Column('checked_to', sa.Date(), nullable=False),
    sa.Column('bag_sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['center_id'], ['center.id'], name=op.f('fk_center_figures_center_id_center')),
    sa.PrimaryKeyConstraint('center_id', 'year', name=op.f('pk_center_figures'))
    )
    _carry_over_status()


def _carry_over_status():
    conn = op.get_bind()
    role = conn.execute(sa.text("SELECT value FROM archive_meta WHERE key = 'role'")).scalar() or "village"
    if role == "village":
        return
    own = conn.execute(sa.text("SELECT value FROM archive_meta WHERE key = 'own_center_uuid'")).scalar() or ""
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    table = sa.table('plan_status_change', sa.column('center_id', sa.Integer), sa.column('status', sa.String),
                     sa.column('changed_on', sa.Date), sa.column('note', sa.String), sa.column('uuid', sa.String),
                     sa.column('created_at', sa.DateTime), sa.column('updated_at', sa.DateTime),
                     sa.column('created_by', sa.String))
    rows = []
    for cid, status, updated in conn.execute(sa.text(
            "SELECT id, plan_status, updated_at FROM center WHERE uuid != :own ORDER BY id"), {"own": own}):
        if isinstance(updated, str):
            updated = datetime.fromisoformat(updated)
        day = updated.replace(tzinfo=timezone.utc).astimezone(LOCAL).date()  # stored as naive UTC
        rows.append({"center_id": cid, "status": status, "changed_on": day, "note": NOTE, "uuid": str(uuid.uuid4()),
                     "created_at": now, "updated_at": now, "created_by": "升级程序"})
    if rows:
        op.bulk_insert(table, rows)


def downgrade():
    op.drop_table('center_figures')
    with op.batch_alter_table('plan_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_status_change_center_id'))
    op.drop_table('plan_status_change')
