"""equipment status is a dated history: every item's current status is its newest history entry

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 23:10:00

Data only, no schema change. An item with no status history gets one entry with its current status,
dated its purchase date (the ledger has always entered new items with their status on that day). An
item whose newest entry disagrees with its current status gets one entry with the current status,
dated the later of that newest entry and the day the item record was last changed (UTC+8): the last
change is the earliest day the archive can show the status was set. Nothing is changed or removed.
"""

import uuid
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

LOCAL = timezone(timedelta(hours=8))
ACTOR = "数据迁移"


def _day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if " " in value or "T" in value else date.fromisoformat(value)
        if not isinstance(value, datetime):
            return value
    return value.replace(tzinfo=timezone.utc).astimezone(LOCAL).date()


def upgrade():
    conn = op.get_bind()
    items = conn.execute(sa.text("SELECT id, status, purchase_date, updated_at FROM equipment")).all()
    newest = {}
    for eid, status, changed_on in conn.execute(sa.text(
            "SELECT equipment_id, status, changed_on FROM equipment_status_change ORDER BY changed_on, id")):
        newest[eid] = (status, _day(changed_on))
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = []
    for eid, status, purchase_date, updated_at in items:
        last = newest.get(eid)
        if last is None:
            day, note = _day(purchase_date), "迁移补记：原有状态，按购置日期记入"
        elif last[0] != status:
            day, note = max(last[1], _day(updated_at) or last[1]), "迁移补记：当前状态，按设备记录最后修改日期记入"
        else:
            continue
        rows.append({"uuid": str(uuid.uuid4()), "created_at": now, "updated_at": now, "created_by": ACTOR,
                     "equipment_id": eid, "status": status, "changed_on": day, "note": note})
    if rows and conn.dialect.name == "sqlite":  # SQLite keeps dates as ISO text, as SQLAlchemy writes them
        for row in rows:
            row.update(created_at=now.isoformat(" "), updated_at=now.isoformat(" "),
                       changed_on=row["changed_on"].isoformat())
    if rows:
        conn.execute(sa.text(
            "INSERT INTO equipment_status_change (uuid, created_at, updated_at, created_by, equipment_id, status,"
            " changed_on, note) VALUES (:uuid, :created_at, :updated_at, :created_by, :equipment_id, :status,"
            " :changed_on, :note)"), rows)


def downgrade():
    op.execute("DELETE FROM equipment_status_change WHERE created_by = '数据迁移'")
