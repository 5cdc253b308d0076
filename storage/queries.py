"""Register queries for the GUI tables and the reports: filtering and sorting happen in SQL.

(A Qt proxy model took 13 s to sort 100k rows; SQL takes milliseconds. See STACK-NOTES.md.)
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .models import AcceptanceStage, Activity, Attachment, Closure, Equipment, OpeningLog
from .rules import quarter_range

ACTIVITY_COLUMNS = ("item_number", "start_date", "title", "category", "festival", "location", "organizer",
                    "participants")
EQUIPMENT_COLUMNS = ("item_number", "name", "category", "model_spec", "quantity", "unit_price_fen",
                     "purchase_date", "status", "location", "custodian")


def _period(column, year: int | None, quarter: int | None, start: date | None, end: date | None):
    conds = []
    if year and quarter:
        qs, qe = quarter_range(year, quarter)
        conds += [column >= qs, column <= qe]
    elif year:
        conds += [column >= date(year, 1, 1), column <= date(year, 12, 31)]
    if start:
        conds.append(column >= start)
    if end:
        conds.append(column <= end)
    return conds


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def activity_rows(s: Session, center_id: int, *, year=None, quarter=None, start=None, end=None, category=None,
                  text: str | None = None, include_deleted: bool = False, deleted_only: bool = False,
                  order: str = "item_number", descending: bool = False, limit: int | None = None):
    """Rows (tuples) for the activity register, with ``photos`` = live attachments per activity."""
    photos = (select(func.count(Attachment.id)).where(Attachment.activity_id == Activity.id,
                                                      Attachment.deleted_at.is_(None))
              .correlate(Activity).scalar_subquery())
    q = select(Activity.id, Activity.uuid, Activity.item_number, Activity.start_date, Activity.end_date,
               Activity.title, Activity.category, Activity.festival, Activity.location, Activity.organizer,
               Activity.participants, Activity.deleted_at, Activity.delete_reason, photos.label("photos")
               ).where(Activity.center_id == center_id, *_period(Activity.start_date, year, quarter, start, end))
    if deleted_only:
        q = q.where(Activity.deleted_at.is_not(None))
    elif not include_deleted:
        q = q.where(Activity.deleted_at.is_(None))
    if category:
        q = q.where(Activity.category == category)
    if text:
        pattern = _like(text.strip())
        q = q.where(or_(Activity.title.like(pattern, escape="\\"), Activity.location.like(pattern, escape="\\"),
                        Activity.organizer.like(pattern, escape="\\"),
                        Activity.item_number.like(pattern, escape="\\")))
    column = getattr(Activity, order if order in ACTIVITY_COLUMNS else "item_number")
    q = q.order_by(column.desc() if descending else column.asc(), Activity.id)
    if limit:
        q = q.limit(limit)
    return s.execute(q).all()


def equipment_rows(s: Session, center_id: int, *, status=None, category=None, text=None, year=None,
                   include_deleted: bool = False, deleted_only: bool = False, order: str = "item_number",
                   descending: bool = False):
    q = select(Equipment).where(Equipment.center_id == center_id, *_period(Equipment.purchase_date, year, None,
                                                                            None, None))
    if deleted_only:
        q = q.where(Equipment.deleted_at.is_not(None))
    elif not include_deleted:
        q = q.where(Equipment.deleted_at.is_(None))
    if status:
        q = q.where(Equipment.status == status)
    if category:
        q = q.where(Equipment.category == category)
    if text:
        pattern = _like(text.strip())
        q = q.where(or_(Equipment.name.like(pattern, escape="\\"), Equipment.model_spec.like(pattern, escape="\\"),
                        Equipment.item_number.like(pattern, escape="\\"), Equipment.supplier.like(pattern, escape="\\")))
    column = getattr(Equipment, order if order in EQUIPMENT_COLUMNS else "item_number")
    q = q.order_by(column.desc() if descending else column.asc(), Equipment.id)
    return list(s.scalars(q))


def stages_by_equipment(s: Session, equipment_ids) -> dict[int, dict[str, AcceptanceStage]]:
    out: dict[int, dict[str, AcceptanceStage]] = {}
    ids = list(equipment_ids)
    for i in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        for row in s.scalars(select(AcceptanceStage).where(AcceptanceStage.equipment_id.in_(ids[i:i + 500]))):
            out.setdefault(row.equipment_id, {})[row.stage] = row
    return out


def log_rows(s: Session, center_id: int, *, year=None, quarter=None, start=None, end=None,
             include_deleted: bool = False, descending: bool = True):
    q = select(OpeningLog).where(OpeningLog.center_id == center_id,
                                 *_period(OpeningLog.log_date, year, quarter, start, end))
    if not include_deleted:
        q = q.where(OpeningLog.deleted_at.is_(None))
    q = q.order_by(OpeningLog.log_date.desc() if descending else OpeningLog.log_date.asc())
    return list(s.scalars(q))


def closure_rows(s: Session, center_id: int, *, year=None, start=None, end=None, include_deleted: bool = False):
    q = select(Closure).where(Closure.center_id == center_id, *_period(Closure.start_date, year, None, start, end))
    if not include_deleted:
        q = q.where(Closure.deleted_at.is_(None))
    return list(s.scalars(q.order_by(Closure.start_date.desc())))
