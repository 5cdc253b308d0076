"""Register queries for the GUI tables, the sheets and the reports: filtering and sorting happen in SQL.

Each register is declared once (``REGISTERS``): its model, the named columns a row carries, the date that
places it in a period, the columns a search looks in. ``conditions`` builds every WHERE clause (the one
"which records" filter included) and ``rows``/``count`` run the one query per register. Rows come back
as SQLAlchemy ``Row`` objects read by name (``row.item_number``), never by position.

(A Qt proxy model took 13 s to sort 100k rows; SQL takes milliseconds. See STACK-NOTES.md.)
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .kinds import attached_to
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
from .period import Period
from .rules import ACCEPTANCE_STAGES

LIVE, DELETED, ALL = "live", "deleted", "all"  # which records a register shows


@dataclass(frozen=True)
class Register:
    model: type
    columns: tuple[str, ...]  # model attributes every row carries (besides id, uuid, deleted_at, delete_reason)
    dated_by: str  # the date that places a record in a year/quarter/period
    search: tuple[str, ...]  # text columns a search looks in
    sortable: tuple[str, ...]
    default_order: str
    category: str | None = None  # the column the category filter compares
    status: str | None = None


ACTIVITY = Register(
    Activity, ("item_number", "start_date", "end_date", "title", "category", "festival", "location", "organizer",
               "participants"),
    "start_date", ("title", "location", "organizer", "item_number"),
    ("item_number", "start_date", "title", "category", "festival", "location", "organizer", "participants"),
    "item_number", category="category")
EQUIPMENT = Register(
    Equipment, ("item_number", "name", "category", "model_spec", "quantity", "unit_price_fen", "purchase_date",
                "status", "location", "custodian"),
    "purchase_date", ("name", "model_spec", "item_number", "supplier", "custodian"),
    ("item_number", "name", "category", "model_spec", "quantity", "unit_price_fen", "purchase_date", "status",
     "location", "custodian"),
    "item_number", category="category", status="status")
OPENING_LOG = Register(
    OpeningLog, ("log_date", "opened_at", "closed_at", "visitors", "on_duty", "notes"),
    "log_date", ("on_duty", "notes"), ("log_date", "opened_at", "closed_at", "visitors", "on_duty", "notes"),
    "log_date")
CLOSURE = Register(
    Closure, ("kind", "start_date", "end_date", "start_time", "end_time", "notice_date", "reason"),
    "start_date", ("reason",), ("kind", "start_date", "end_date", "notice_date", "reason"), "start_date")
REGISTERS = {"activity": ACTIVITY, "equipment": EQUIPMENT, "opening_log": OPENING_LOG, "closure": CLOSURE}

# Kept for callers that list sortable columns by name.
ACTIVITY_COLUMNS, EQUIPMENT_COLUMNS = ACTIVITY.sortable, EQUIPMENT.sortable
LOG_COLUMNS, CLOSURE_COLUMNS = OPENING_LOG.sortable, CLOSURE.sortable


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def period_conditions(column, *, year=None, quarter=None, start=None, end=None, period=None) -> list:
    """``column`` within a ``period`` (a ``storage.period.Period``), a year (and quarter), and/or between
    ``start`` and ``end``."""
    if period is None and year:
        period = Period.of(year=year, quarter=quarter)
    conds = []
    if period is not None:
        conds += [column >= period.start, column <= period.end]
    if start:
        conds.append(column >= start)
    if end:
        conds.append(column <= end)
    return conds


def which_condition(model, which: str = LIVE):
    """Current records, deleted ones, or all (None: no condition)."""
    if which == DELETED:
        return model.deleted_at.is_not(None)
    if which == ALL:
        return None
    return model.deleted_at.is_(None)


def conditions(register: Register, center_id: int, *, which: str | None = None, include_deleted: bool = False,
               deleted_only: bool = False, text: str | None = None, category=None, status=None, year=None,
               quarter=None, start=None, end=None, period=None) -> list:
    """The WHERE conditions of any register. ``which`` is live/deleted/all (the older
    ``include_deleted``/``deleted_only`` flags mean all/deleted)."""
    model = register.model
    if which is None:
        which = DELETED if deleted_only else ALL if include_deleted else LIVE
    conds = [model.center_id == center_id,
             *period_conditions(getattr(model, register.dated_by), year=year, quarter=quarter, start=start,
                                end=end, period=period)]
    deleted = which_condition(model, which)
    if deleted is not None:
        conds.append(deleted)
    if category and register.category:
        conds.append(getattr(model, register.category) == category)
    if status and register.status:
        conds.append(getattr(model, register.status) == status)
    if text and text.strip():
        pattern = _like(text.strip())
        conds.append(or_(*(getattr(model, c).like(pattern, escape="\\") for c in register.search)))
    return conds


def _extra_columns(register: Register) -> list:
    """Computed columns: an activity's live photo count, an item's result at each acceptance stage."""
    if register is ACTIVITY:
        return [select(func.count(Attachment.id)).where(attached_to("activity", Activity.id),
                                                        Attachment.deleted_at.is_(None))
                .correlate(Activity).scalar_subquery().label("photos")]
    if register is EQUIPMENT:
        return [select(AcceptanceStage.result).where(AcceptanceStage.equipment_id == Equipment.id,
                                                     AcceptanceStage.stage == stage)
                .correlate(Equipment).scalar_subquery().label(f"stage_{stage}") for stage in ACCEPTANCE_STAGES]
    return []


def register_select(register: Register, center_id: int, *, order: str | None = None, descending: bool = False,
                    **filters):
    model = register.model
    column = getattr(model, order if order in register.sortable else register.default_order)
    cols = [model.id, model.uuid, *(getattr(model, c) for c in register.columns), model.deleted_at,
            model.delete_reason, *_extra_columns(register)]
    return (select(*cols).where(*conditions(register, center_id, **filters))
            .order_by(column.desc() if descending else column.asc(), model.id))


def rows(s: Session, register: Register, center_id: int, *, order: str | None = None, descending: bool = False,
         offset: int = 0, limit: int | None = None, **filters):
    """Rows of a register (``id``, ``uuid``, its ``columns``, ``deleted_at``, ``delete_reason`` and the
    computed ones), filtered and sorted in SQL; ``limit``/``offset`` give one page."""
    q = register_select(register, center_id, order=order, descending=descending, **filters)
    if offset:
        q = q.offset(offset)
    if limit:
        q = q.limit(limit)
    return s.execute(q).all()


def count(s: Session, register: Register, center_id: int, **filters) -> int:
    return s.scalar(select(func.count(register.model.id)).where(*conditions(register, center_id, **filters)))


# -- the registers by name (what reports, sheets and tests call) ------------------------------------

def activity_conditions(center_id: int, **filters) -> list:
    return conditions(ACTIVITY, center_id, **filters)


def activity_rows(s: Session, center_id: int, *, order: str = "item_number", descending: bool = False,
                  limit: int | None = None, **filters):
    """Activity rows with ``photos`` = live attachments per activity (see ``conditions`` for filters)."""
    return rows(s, ACTIVITY, center_id, order=order, descending=descending, limit=limit, **filters)


def activity_page(s: Session, center_id: int, *, offset: int = 0, limit: int = 1000, **kw):
    return rows(s, ACTIVITY, center_id, offset=offset, limit=limit, **kw)


def activity_count(s: Session, center_id: int, **filters) -> int:
    return count(s, ACTIVITY, center_id, **filters)


def equipment_conditions(center_id: int, **filters) -> list:
    return conditions(EQUIPMENT, center_id, **filters)


def equipment_table_rows(s: Session, center_id: int, **kw):
    """Equipment rows with ``stage_town``, ``stage_city``, ``stage_prefecture`` (None: not recorded)."""
    return rows(s, EQUIPMENT, center_id, **kw)


def log_table_rows(s: Session, center_id: int, *, order: str = "log_date", descending: bool = True, **kw):
    return rows(s, OPENING_LOG, center_id, order=order, descending=descending, **kw)


def closure_table_rows(s: Session, center_id: int, *, order: str = "start_date", descending: bool = True, **kw):
    return rows(s, CLOSURE, center_id, order=order, descending=descending, **kw)


# -- whole records (ORM objects) for the dossier and the sheets ---------------------------------------

def equipment_rows(s: Session, center_id: int, *, order: str = "item_number", descending: bool = False, **filters):
    column = getattr(Equipment, order if order in EQUIPMENT.sortable else "item_number")
    q = (select(Equipment).where(*conditions(EQUIPMENT, center_id, **filters))
         .order_by(column.desc() if descending else column.asc(), Equipment.id))
    return list(s.scalars(q))


def log_rows(s: Session, center_id: int, *, descending: bool = True, **filters):
    q = select(OpeningLog).where(*conditions(OPENING_LOG, center_id, **filters))
    return list(s.scalars(q.order_by(OpeningLog.log_date.desc() if descending else OpeningLog.log_date.asc())))


def closure_rows(s: Session, center_id: int, **filters):
    q = select(Closure).where(*conditions(CLOSURE, center_id, **filters))
    return list(s.scalars(q.order_by(Closure.start_date.desc())))


def stages_by_equipment(s: Session, equipment_ids) -> dict[int, dict[str, AcceptanceStage]]:
    out: dict[int, dict[str, AcceptanceStage]] = {}
    ids = list(equipment_ids)
    for i in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        for row in s.scalars(select(AcceptanceStage).where(AcceptanceStage.equipment_id.in_(ids[i:i + 500]))):
            out.setdefault(row.equipment_id, {})[row.stage] = row
    return out


# -- small lookups ---------------------------------------------------------------------------------------

def equipment_categories(s: Session, center_id: int) -> list[str]:
    q = (select(Equipment.category).where(Equipment.center_id == center_id, Equipment.category != "")
         .distinct().order_by(Equipment.category))
    return list(s.scalars(q))


def status_history_rows(s: Session, equipment_id: int):
    """Rows with ``changed_on``, ``status``, ``note`` of one item, oldest first."""
    q = (select(EquipmentStatusChange.changed_on, EquipmentStatusChange.status, EquipmentStatusChange.note)
         .where(EquipmentStatusChange.equipment_id == equipment_id)
         .order_by(EquipmentStatusChange.changed_on, EquipmentStatusChange.id))
    return s.execute(q).all()


def activity_years(s: Session, center_id: int) -> list[int]:
    """Years that have live activities, newest first (for the year filter)."""
    q = (select(Activity.year).where(Activity.center_id == center_id, Activity.deleted_at.is_(None))
         .distinct().order_by(Activity.year.desc()))
    return list(s.scalars(q))


def facility_slots(s: Session, facility_id: int) -> list[ScheduleSlot]:
    """Live schedule slots of one facility, by weekday and time."""
    q = (select(ScheduleSlot).where(ScheduleSlot.facility_id == facility_id, ScheduleSlot.deleted_at.is_(None))
         .order_by(ScheduleSlot.weekday, ScheduleSlot.start_time, ScheduleSlot.effective_from))
    return list(s.scalars(q))
