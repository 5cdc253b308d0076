"""Writing many activities at once.

The per-record writer (``activities.create_activity``) flushes the ORM twice per record; for a
10,000-row sheet that took most of the import. This path does the same three things in bulk:

* the fields are the output of the same ``clean_activity`` (run in validation.py);
* item numbers come from the same counter rows (``ItemCounter``), bumped once per year and batch
  instead of once per record, so numbers stay gapless and are never reused;
* every record gets the same "create" audit entry ``audit.record`` writes: the record's columns as
  ``audit.snapshot`` would copy them (tests compare the two).
"""

from __future__ import annotations

import json

from sqlalchemy import insert, inspect
from sqlalchemy.orm import Session

from .. import activities, audit, numbering
from ..models import Activity, AuditEntry, ItemCounter, new_uuid, utcnow

SMALL = 20  # fewer rows than this: simply the register's own writer


def _columns() -> list[str]:
    return [c.key for c in inspect(Activity).mapper.column_attrs if c.key not in audit.SKIP]


def write_activities(s: Session, actor: str, center, rows) -> list[str]:
    if len(rows) < SMALL:
        return [activities.create_activity(s, actor, center, **row.cleaned).item_number for row in rows]
    kind = numbering.KINDS["activity"]
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
        values.append({**row.cleaned, "center_id": center.id, "year": year, "seq": counter.last_seq,
                       "item_number": numbering.format_number(center.code, year, kind, counter.last_seq),
                       "uuid": new_uuid(), "created_at": now, "updated_at": now, "created_by": actor,
                       "deleted_at": None, "deleted_by": None, "delete_reason": None})
    s.flush()
    ids = s.scalars(insert(Activity).returning(Activity.id, sort_by_parameter_order=True), values).all()
    keys = _columns()
    entries = []
    for record_id, v in zip(ids, values, strict=True):
        after = {k: audit._plain(record_id if k == "id" else v[k]) for k in keys}
        entries.append({"at": now, "actor": actor or "?", "action": "create", "entity": Activity.__tablename__,
                        "entity_uuid": v["uuid"], "item_number": v["item_number"], "before": None,
                        "after": json.dumps(after, ensure_ascii=False, sort_keys=True), "reason": None})
    s.execute(insert(AuditEntry), entries)
    return [v["item_number"] for v in values]
