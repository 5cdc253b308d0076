"""Register queries for the GUI tables and the reports: filtering and sorting happen in SQL.

(A Qt proxy model took 13 s to sort 100k rows; SQL takes milliseconds. See STACK-NOTES.md.)
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .models import (
    AcceptanceStage,
    Activity,
    Attachment,
    Closure,
    Equipment,
    EquipmentStatusChange,
    OpeningLog,
    ScheduleSlot,
)
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


def _activity_select(center_id: int, order: str, descending: bool, filters: dict):
    photos = (select(func.count(Attachment.id)).where(Attachment.activity_id == Activity.id,
                                                      Attachment.deleted_at.is_(None))
              .correlate(Activity).scalar_subquery())
    column = getattr(Activity, order if order in ACTIVITY_COLUMNS else "item_number")
    return (select(Activity.id, Activity.uuid, Activity.item_number, Activity.start_date, Activity.end_date,
                   Activity.title, Activity.category, Activity.festival, Activity.location, Activity.organizer,
                   Activity.participants, Activity.deleted_at, Activity.delete_reason, photos.label("photos"))
            .where(*activity_conditions(center_id, **filters))
            .order_by(column.desc() if descending else column.asc(), Activity.id))


def activity_rows(s: Session, center_id: int, *, order: str = "item_number", descending: bool = False,
                  limit: int | None = None, **filters):
    """Rows (tuples) for the activity register, with ``photos`` = live attachments per activity.

    Filters: year, quarter, start, end, category, text, include_deleted, deleted_only (``activity_conditions``).
    """
    q = _activity_select(center_id, order, descending, filters)
    return s.execute(q.limit(limit) if limit else q).all()


def equipment_conditions(center_id: int, *, status=None, category=None, text=None, year=None,
                         include_deleted: bool = False, deleted_only: bool = False) -> list:
    """The WHERE conditions of the equipment ledger (search: name, spec, item number, supplier, custodian)."""
    conds = [Equipment.center_id == center_id, *_period(Equipment.purchase_date, year, None, None, None)]
    if deleted_only:
        conds.append(Equipment.deleted_at.is_not(None))
    elif not include_deleted:
        conds.append(Equipment.deleted_at.is_(None))
    if status:
        conds.append(Equipment.status == status)
    if category:
        conds.append(Equipment.category == category)
    if text:
        pattern = _like(text.strip())
        conds.append(or_(*(column.like(pattern, escape="\\") for column in (
            Equipment.name, Equipment.model_spec, Equipment.item_number, Equipment.supplier, Equipment.custodian))))
    return conds


def equipment_rows(s: Session, center_id: int, *, status=None, category=None, text=None, year=None,
                   include_deleted: bool = False, deleted_only: bool = False, order: str = "item_number",
                   descending: bool = False):
    q = select(Equipment).where(*equipment_conditions(center_id, status=status, category=category, text=text,
                                                      year=year, include_deleted=include_deleted,
                                                      deleted_only=deleted_only))
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


# --- Added for the GUI registers and the dashboard: plain tuples, no ORM objects per row. ---


def equipment_table_rows(s: Session, center_id: int, *, status=None, category=None, text=None, year=None,
                         include_deleted: bool = False, deleted_only: bool = False, order: str = "item_number",
                         descending: bool = False):
    """Rows (tuples) for the equipment ledger: id, uuid, item_number, name, category, model_spec, quantity,
    unit_price_fen, purchase_date, status, location, custodian, deleted_at, delete_reason, then the result
    of the town, city and prefecture acceptance stages (None when not recorded)."""
    stage_cols = []
    for stage in ("town", "city", "prefecture"):
        stage_cols.append(select(AcceptanceStage.result).where(AcceptanceStage.equipment_id == Equipment.id,
                                                               AcceptanceStage.stage == stage)
                          .correlate(Equipment).scalar_subquery().label(f"stage_{stage}"))
    q = select(Equipment.id, Equipment.uuid, Equipment.item_number, Equipment.name, Equipment.category,
               Equipment.model_spec, Equipment.quantity, Equipment.unit_price_fen, Equipment.purchase_date,
               Equipment.status, Equipment.location, Equipment.custodian, Equipment.deleted_at,
               Equipment.delete_reason, *stage_cols
               ).where(*equipment_conditions(center_id, status=status, category=category, text=text, year=year,
                                             include_deleted=include_deleted, deleted_only=deleted_only))
    column = getattr(Equipment, order if order in EQUIPMENT_COLUMNS else "item_number")
    q = q.order_by(column.desc() if descending else column.asc(), Equipment.id)
    return s.execute(q).all()


def equipment_categories(s: Session, center_id: int) -> list[str]:
    q = (select(Equipment.category).where(Equipment.center_id == center_id, Equipment.category != "")
         .distinct().order_by(Equipment.category))
    return list(s.scalars(q))


def status_history_rows(s: Session, equipment_id: int):
    """(changed_on, status, note) of one item, oldest first."""
    q = (select(EquipmentStatusChange.changed_on, EquipmentStatusChange.status, EquipmentStatusChange.note)
         .where(EquipmentStatusChange.equipment_id == equipment_id)
         .order_by(EquipmentStatusChange.changed_on, EquipmentStatusChange.id))
    return s.execute(q).all()


LOG_COLUMNS = ("log_date", "opened_at", "closed_at", "visitors", "on_duty", "notes")


def log_table_rows(s: Session, center_id: int, *, year=None, quarter=None, start=None, end=None, text=None,
                   include_deleted: bool = False, deleted_only: bool = False, order: str = "log_date",
                   descending: bool = True):
    """Rows (tuples) for the opening log: id, uuid, log_date, opened_at, closed_at, visitors, on_duty, notes,
    deleted_at, delete_reason."""
    q = select(OpeningLog.id, OpeningLog.uuid, OpeningLog.log_date, OpeningLog.opened_at, OpeningLog.closed_at,
               OpeningLog.visitors, OpeningLog.on_duty, OpeningLog.notes, OpeningLog.deleted_at,
               OpeningLog.delete_reason).where(OpeningLog.center_id == center_id,
                                               *_period(OpeningLog.log_date, year, quarter, start, end))
    if deleted_only:
        q = q.where(OpeningLog.deleted_at.is_not(None))
    elif not include_deleted:
        q = q.where(OpeningLog.deleted_at.is_(None))
    if text:
        pattern = _like(text.strip())
        q = q.where(or_(OpeningLog.on_duty.like(pattern, escape="\\"), OpeningLog.notes.like(pattern, escape="\\")))
    column = getattr(OpeningLog, order if order in LOG_COLUMNS else "log_date")
    q = q.order_by(column.desc() if descending else column.asc(), OpeningLog.id)
    return s.execute(q).all()


CLOSURE_COLUMNS = ("kind", "start_date", "end_date", "notice_date", "reason")


def closure_table_rows(s: Session, center_id: int, *, year=None, quarter=None, text=None,
                       include_deleted: bool = False, deleted_only: bool = False, order: str = "start_date",
                       descending: bool = True):
    """Rows (tuples) for closures and extra openings: id, uuid, kind, start_date, end_date, start_time,
    end_time, notice_date, reason, deleted_at, delete_reason."""
    q = select(Closure.id, Closure.uuid, Closure.kind, Closure.start_date, Closure.end_date, Closure.start_time,
               Closure.end_time, Closure.notice_date, Closure.reason, Closure.deleted_at, Closure.delete_reason
               ).where(Closure.center_id == center_id, *_period(Closure.start_date, year, quarter, None, None))
    if deleted_only:
        q = q.where(Closure.deleted_at.is_not(None))
    elif not include_deleted:
        q = q.where(Closure.deleted_at.is_(None))
    if text:
        q = q.where(Closure.reason.like(_like(text.strip()), escape="\\"))
    column = getattr(Closure, order if order in CLOSURE_COLUMNS else "start_date")
    q = q.order_by(column.desc() if descending else column.asc(), Closure.id)
    return s.execute(q).all()


def activity_years(s: Session, center_id: int) -> list[int]:
    """Years that have live activities, newest first (for the year filter)."""
    q = (select(Activity.year).where(Activity.center_id == center_id, Activity.deleted_at.is_(None))
         .distinct().order_by(Activity.year.desc()))
    return list(s.scalars(q))


def activities_by_quarter_category(s: Session, center_id: int, year: int) -> dict[tuple[int, str], int]:
    """{(quarter, category): count} of live activities that start in ``year``."""
    out: dict[tuple[int, str], int] = {}
    for quarter in (1, 2, 3, 4):
        qs, qe = quarter_range(year, quarter)
        q = (select(Activity.category, func.count(Activity.id))
             .where(Activity.center_id == center_id, Activity.deleted_at.is_(None), Activity.start_date >= qs,
                    Activity.start_date <= qe).group_by(Activity.category))
        for category, n in s.execute(q):
            out[(quarter, category)] = n
    return out


def participants_total(s: Session, center_id: int, year: int) -> tuple[int, int]:
    """(sum of participants, activities without a participant count) for live activities in ``year``."""
    base = (Activity.center_id == center_id, Activity.deleted_at.is_(None),
            Activity.start_date >= date(year, 1, 1), Activity.start_date <= date(year, 12, 31))
    total = s.scalar(select(func.coalesce(func.sum(Activity.participants), 0)).where(*base))
    missing = s.scalar(select(func.count(Activity.id)).where(*base, Activity.participants.is_(None)))
    return int(total or 0), int(missing or 0)


def equipment_summary(s: Session, center_id: int) -> dict:
    """Live equipment counts by status, and by the highest acceptance stage passed in order."""
    from .equipment import acceptance_level

    by_status = dict(s.execute(select(Equipment.status, func.count(Equipment.id))
                               .where(Equipment.center_id == center_id, Equipment.deleted_at.is_(None))
                               .group_by(Equipment.status)).all())
    ids = list(s.scalars(select(Equipment.id).where(Equipment.center_id == center_id,
                                                    Equipment.deleted_at.is_(None))))
    stages = stages_by_equipment(s, ids)
    levels: dict[str | None, int] = {}
    for item_id in ids:
        level = acceptance_level(stages.get(item_id, {}))
        levels[level] = levels.get(level, 0) + 1
    return {"total": len(ids), "by_status": by_status, "by_level": levels}


def facility_slots(s: Session, facility_id: int) -> list[ScheduleSlot]:
    """Live schedule slots of one facility, by weekday and time."""
    q = (select(ScheduleSlot).where(ScheduleSlot.facility_id == facility_id, ScheduleSlot.deleted_at.is_(None))
         .order_by(ScheduleSlot.weekday, ScheduleSlot.start_time, ScheduleSlot.effective_from))
    return list(s.scalars(q))


def activity_conditions(center_id: int, *, year=None, quarter=None, start=None, end=None, category=None,
                        text: str | None = None, include_deleted: bool = False, deleted_only: bool = False) -> list:
    """The WHERE conditions of the activity register."""
    conds = [Activity.center_id == center_id, *_period(Activity.start_date, year, quarter, start, end)]
    if deleted_only:
        conds.append(Activity.deleted_at.is_not(None))
    elif not include_deleted:
        conds.append(Activity.deleted_at.is_(None))
    if category:
        conds.append(Activity.category == category)
    if text:
        pattern = _like(text.strip())
        conds.append(or_(Activity.title.like(pattern, escape="\\"), Activity.location.like(pattern, escape="\\"),
                         Activity.organizer.like(pattern, escape="\\"),
                         Activity.item_number.like(pattern, escape="\\")))
    return conds


def activity_count(s: Session, center_id: int, **filters) -> int:
    return s.scalar(select(func.count(Activity.id)).where(*activity_conditions(center_id, **filters)))


def activity_page(s: Session, center_id: int, *, offset: int = 0, limit: int = 1000, order: str = "item_number",
                  descending: bool = False, **filters):
    """One page of ``activity_rows`` (same tuple layout), for registers that load rows as they scroll."""
    return s.execute(_activity_select(center_id, order, descending, filters).offset(offset).limit(limit)).all()
