"""The audit trail: one append-only row for every create, update, delete, restore and import."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from .models import AuditEntry

# Never copied into the trail: secrets and bulk bytes.
SKIP = {"private_key", "public_key", "data", "thumbnail"}

ACTION_NAMES = {"create": "新建", "update": "修改", "delete": "删除", "restore": "恢复", "import": "导入",
                "status": "状态变更", "accept": "验收"}


def plain(value):
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj) -> dict:
    mapper = inspect(obj).mapper
    return {c.key: plain(getattr(obj, c.key)) for c in mapper.column_attrs if c.key not in SKIP}


def record(s: Session, actor: str, action: str, obj, *, before: dict | None = None, reason: str | None = None,
           after: dict | None = None) -> AuditEntry:
    s.flush()  # ids and defaults are known before we copy the record
    after = snapshot(obj) if after is None and action != "delete" else after
    if action == "delete":
        after = snapshot(obj)
    entry = AuditEntry(
        actor=actor or "?",
        action=action,
        entity=obj.__tablename__,
        entity_uuid=obj.uuid,
        item_number=getattr(obj, "item_number", None),
        before=json.dumps(before, ensure_ascii=False, sort_keys=True) if before is not None else None,
        after=json.dumps(after, ensure_ascii=False, sort_keys=True) if after is not None else None,
        reason=reason,
    )
    s.add(entry)
    return entry


def history(s: Session, entity_uuid: str) -> list[AuditEntry]:
    """The trail of one record, oldest first."""
    return list(s.scalars(select(AuditEntry).where(AuditEntry.entity_uuid == entity_uuid).order_by(AuditEntry.id)))


def changed_fields(entry: AuditEntry) -> dict[str, tuple]:
    """{field: (before, after)} for an update entry; bookkeeping fields left out."""
    if not entry.before or not entry.after:
        return {}
    before, after = json.loads(entry.before), json.loads(entry.after)
    quiet = {"updated_at", "created_at"}
    return {k: (before.get(k), after.get(k)) for k in after if k not in quiet and before.get(k) != after.get(k)}
