"""Writing many activities (or opening-log days) at once.

The per-record writers (``activities.create_activity``, ``opening.log_opening``) flush the ORM once
or twice per record; for a 10,000-row sheet that took most of the import. This path does the same
things in bulk:

* the fields are the output of the same ``clean_activity`` / ``clean_log`` (run in validation.py);
* a day already in the opening log is never logged twice (the importer skips known days first);
* item numbers come from the same counter rows (``ItemCounter``), bumped once per year and batch
  instead of once per record, so numbers stay gapless and are never reused;
* every record gets the same "create" audit entry ``audit.record`` writes: the record's columns as
  ``audit.snapshot`` would copy them (tests compare the two).
"""

from __future__ import annotations

import json

from sqlalchemy import insert, inspect
from sqlalchemy.orm import Session

from .. import activities, audit, kinds, numbering, opening
from ..models import Activity, AuditEntry, ItemCounter, OpeningLog, new_uuid, utcnow

SMALL = 20  # fewer rows than this: simply the register's own writer


def _columns(model) -> list[str]:
    return [c.key for c in inspect(model).mapper.column_attrs if c.key not in audit.SKIP]


def _tracked(actor: str, now) -> dict:
    return {"uuid": new_uuid(), "created_at": now, "updated_at": now, "created_by": actor, "deleted_at": None,
            "deleted_by": None, "delete_reason": None}


def _insert_audited(s: Session, actor: str, model, values: list[dict], now) -> None:
    """Insert the rows, then one "create" audit entry per row, as ``audit.record`` would write it."""
    s.flush()
    ids = s.scalars(insert(model).returning(model.id, sort_by_parameter_order=True), values).all()
    keys = _columns(model)
    entries = []
    for record_id, v in zip(ids, values, strict=True):
        after = {k: audit.plain(record_id if k == "id" else v[k]) for k in keys}
        entries.append({"at": now, "actor": actor or "?", "action": "create", "entity": model.__tablename__,
                        "entity_uuid": v["uuid"], "item_number": v.get("item_number"), "before": None,
                        "after": json.dumps(after, ensure_ascii=False, sort_keys=True), "reason": None})
    s.execute(insert(AuditEntry), entries)


def write_activities(s: Session, actor: str, center, rows) -> list[str]:
    if len(rows) < SMALL:
        return [activities.create_activity(s, actor, center, **row.cleaned).item_number for row in rows]
    kind = kinds.KINDS["activity"].number_code
    counters: dict[int, ItemCounter] = {}
    now = utcnow()
    values = []
    for row in rows:
        year = row.cleaned["start_date"].year
        counter = counters.get(year)
        if counter is None:
            counter = s.get(ItemCounter, (center.id, kind, year))
            if counter is None:
                counter = ItemCounter(center_id=center.id, kind=kind, year=year, last_seq=0)
                s.add(counter)
            counters[year] = counter
        counter.last_seq += 1
        values.append({**row.cleaned, **_tracked(actor, now), "center_id": center.id, "year": year,
                       "seq": counter.last_seq,
                       "item_number": numbering.format_number(center.code, year, kind, counter.last_seq)})
    _insert_audited(s, actor, Activity, values, now)
    return [v["item_number"] for v in values]


def write_logs(s: Session, actor: str, center, rows) -> list[str]:
    if len(rows) < SMALL:
        return [opening.log_opening(s, actor, center, **row.cleaned).log_date.isoformat() for row in rows]
    now = utcnow()
    values = [{**row.cleaned, **_tracked(actor, now), "center_id": center.id} for row in rows]
    _insert_audited(s, actor, OpeningLog, values, now)
    return [v["log_date"].isoformat() for v in values]
