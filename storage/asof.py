"""What was recorded as true on or before a day: the one place every period figure reads "as of" from.

A dossier, a self-check or ``stats`` for a period states the facts of the period's last day. Facts that
carry their own date (acceptance stages, status changes, schedule slots, closures) count when dated on
or before that day; a later stage is kept apart (``later``) so a report can say it happened after the
period, never as if it held. The center's profile has no dates of its own: it is rebuilt from the audit
trail, undoing every change recorded after the day (local time of the center); its build status comes
from the dated plan-status history where the archive keeps one.

``as_of(day)`` is the cut-off; every function takes a session and answers for that day.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from . import rules
from .models import (
    AcceptanceStage,
    AuditEntry,
    Center,
    Closure,
    Equipment,
    EquipmentStatusChange,
    Facility,
    ScheduleSlot,
)

LOCAL_TZ = timezone(timedelta(hours=8))  # the centers are in China (UTC+8, no daylight saving)
CHUNK = 500  # stay under SQLite's bound-parameter limit


def cutoff(day: date) -> datetime:
    """The first instant after ``day`` at the center (aware UTC): audit entries at or after it are later."""
    return datetime.combine(day + timedelta(days=1), time(0), LOCAL_TZ).astimezone(timezone.utc)


def _chunks(ids):
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


# -- center profile ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Profile:
    """The center's profile as it stood on ``day`` (rebuilt from the audit trail)."""

    uuid: str
    code: str
    name: str
    town: str
    village: str
    address: str
    keeper: str
    phone: str
    is_demonstration: bool
    weekly_standard_hours: float
    plan_status: str
    target_quarter: str | None
    day: date
    changed_after: tuple[str, ...] = ()  # fields changed after the day (a report may mention it)
    extra: dict = field(default_factory=dict)  # the center's other columns, as they are now

    def __getattr__(self, name):
        try:
            return self.__dict__["extra"][name]
        except KeyError:
            raise AttributeError(name) from None


PROFILE_FIELDS = tuple(f.name for f in fields(Profile) if f.name not in ("uuid", "day", "changed_after", "extra"))
SECRET = {"private_key", "public_key"}


def profile(s: Session, center: Center, day: date) -> Profile:
    values = {k: getattr(center, k) for k in PROFILE_FIELDS}
    changed: set[str] = set()
    later = s.scalars(select(AuditEntry).where(AuditEntry.entity == Center.__tablename__,
                                               AuditEntry.entity_uuid == center.uuid,
                                               AuditEntry.action == "update", AuditEntry.at >= cutoff(day))
                      .order_by(AuditEntry.id.desc()))
    for entry in later:  # newest first: each "before" undoes one later change
        before = json.loads(entry.before or "{}")
        after = json.loads(entry.after or "{}")
        for key in PROFILE_FIELDS:
            if key in before and before.get(key) != after.get(key):
                values[key] = before[key]
                changed.add(key)
    from . import plan_status  # the station's dated record of the build status, where it keeps one

    held = plan_status.status_on(plan_status.history(s, center.id), day).get(center.id)
    if held is not None:
        values["plan_status"] = held.status
        if held.status != center.plan_status:
            changed.add("plan_status")
    extra = {c.key: getattr(center, c.key) for c in inspect(center).mapper.column_attrs
             if c.key not in PROFILE_FIELDS and c.key not in SECRET and c.key != "uuid"}
    return Profile(uuid=center.uuid, day=day, changed_after=tuple(sorted(changed)), extra=extra, **values)


# -- schedule and closures --------------------------------------------------------------------------------

def slot_in_effect(slot: ScheduleSlot, day: date) -> bool:
    return slot.effective_from <= day and (slot.effective_to is None or day <= slot.effective_to)


def slots(s: Session, center: Center, start: date, end: date) -> dict[int, list[ScheduleSlot]]:
    """Live slots in effect on any day of [start, end], per facility id, by weekday and time."""
    q = (select(ScheduleSlot).join(Facility, Facility.id == ScheduleSlot.facility_id)
         .where(Facility.center_id == center.id, Facility.deleted_at.is_(None), ScheduleSlot.deleted_at.is_(None),
                ScheduleSlot.effective_from <= end,
                ScheduleSlot.effective_to.is_(None) | (ScheduleSlot.effective_to >= start))
         .order_by(ScheduleSlot.weekday, ScheduleSlot.start_time, ScheduleSlot.id))
    out: dict[int, list[ScheduleSlot]] = {}
    for slot in s.scalars(q):
        out.setdefault(slot.facility_id, []).append(slot)
    return out


def schedule(s: Session, center: Center, day: date) -> dict[int, list[ScheduleSlot]]:
    """The posted weekly schedule in effect on ``day``, per facility id."""
    return slots(s, center, day, day)


def closures(s: Session, center: Center, start: date, end: date) -> list[Closure]:
    """Live closures and extra openings starting in [start, end], by date (none dated after ``end``)."""
    q = (select(Closure).where(Closure.center_id == center.id, Closure.deleted_at.is_(None),
                               Closure.start_date >= start, Closure.start_date <= end)
         .order_by(Closure.start_date, Closure.id))
    return list(s.scalars(q))


# -- equipment: status history and acceptance stages ------------------------------------------------------

def statuses(s: Session, ids, day: date) -> dict[int, str]:
    """Each item's status on ``day``: its newest status-history entry dated on or before the day."""
    out: dict[int, str] = {}
    for part in _chunks(ids):
        q = (select(EquipmentStatusChange.equipment_id, EquipmentStatusChange.status)
             .where(EquipmentStatusChange.equipment_id.in_(part), EquipmentStatusChange.changed_on <= day)
             .order_by(EquipmentStatusChange.changed_on, EquipmentStatusChange.id))
        for eid, status in s.execute(q):
            out[eid] = status
    return out


@dataclass
class Acceptance:
    """One item's acceptance as of a day: stages dated on or before it, and the ones recorded after."""

    held: dict[str, AcceptanceStage] = field(default_factory=dict)
    later: list[AcceptanceStage] = field(default_factory=list)

    @property
    def level(self) -> str | None:
        """The highest stage passed in order by the day, or None."""
        level = None
        for stage in rules.ACCEPTANCE_STAGES:
            row = self.held.get(stage)
            if row is None or row.result != "通过":
                break
            level = stage
        return level

    def later_notes(self) -> list[str]:
        """Later stages in words, e.g. "期末后于 2017-10-13 通过镇街现场验收"."""
        return [f"期末后于 {r.accepted_on} {'通过' if r.result == '通过' else '经'}{rules.STAGE_NAMES[r.stage]}"
                + ("" if r.result == "通过" else f"（{r.result}）") for r in self.later]


def acceptance(s: Session, ids, day: date) -> dict[int, Acceptance]:
    out: dict[int, Acceptance] = {i: Acceptance() for i in ids}
    order = {k: i for i, k in enumerate(rules.ACCEPTANCE_STAGES)}
    for part in _chunks(ids):
        for row in s.scalars(select(AcceptanceStage).where(AcceptanceStage.equipment_id.in_(part))):
            acc = out[row.equipment_id]
            if row.accepted_on <= day:
                acc.held[row.stage] = row
            else:
                acc.later.append(row)
    for acc in out.values():
        acc.later.sort(key=lambda r: (r.accepted_on, order.get(r.stage, 9)))
    return out


@dataclass
class LedgerLine:
    item: Equipment
    status: str  # on the day
    acceptance: Acceptance


def ledger(s: Session, center: Center, day: date) -> list[LedgerLine]:
    """Live equipment bought on or before ``day``, by item number, with status and acceptance as of the day."""
    items = list(s.scalars(select(Equipment).where(Equipment.center_id == center.id, Equipment.deleted_at.is_(None),
                                                   Equipment.purchase_date <= day)
                           .order_by(Equipment.item_number, Equipment.id)))
    ids = [e.id for e in items]
    status = statuses(s, ids, day)
    acc = acceptance(s, ids, day)
    return [LedgerLine(e, status.get(e.id, e.status), acc[e.id]) for e in items]


def acceptance_counts(lines: list[LedgerLine]) -> dict[str | None, int]:
    """{highest stage passed by the day (None = not even town): number of items}."""
    out: dict[str | None, int] = {}
    for line in lines:
        out[line.acceptance.level] = out.get(line.acceptance.level, 0) + 1
    return out


def status_history_gaps(s: Session, center: Center) -> list[Equipment]:
    """Live items whose current status is not their newest history entry (the history must explain it)."""
    out = []
    items = list(s.scalars(select(Equipment).where(Equipment.center_id == center.id, Equipment.deleted_at.is_(None))
                           .order_by(Equipment.item_number)))
    newest: dict[int, str] = {}
    for part in _chunks([e.id for e in items]):
        q = (select(EquipmentStatusChange.equipment_id, EquipmentStatusChange.status)
             .where(EquipmentStatusChange.equipment_id.in_(part))
             .order_by(EquipmentStatusChange.changed_on, EquipmentStatusChange.id))
        newest.update({eid: status for eid, status in s.execute(q)})
    for e in items:
        if newest.get(e.id) != e.status:
            out.append(e)
    return out
