"""Opening hours (开放时间): weekly schedule slots, closures and extra openings, the daily opening log."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit, records, rules
from .models import Center, Closure, Facility, OpeningLog, ScheduleSlot


def clean_slot(fields: dict, today: date | None = None) -> dict:
    weekday = rules.as_count(fields.get("weekday"), "星期", "weekday", required=True, minimum=0, maximum=6)
    start = rules.as_time(fields.get("start_time"), "开始时间", "start_time")
    end = rules.as_time(fields.get("end_time"), "结束时间", "end_time")
    rules.time_order(start, end, "开始时间", "结束时间", "end_time")
    eff_from = rules.as_date(fields.get("effective_from"), "生效日期", "effective_from", today=today)
    eff_to = rules.as_date(fields.get("effective_to"), "截止日期", "effective_to", required=False, today=today)
    rules.date_order(eff_from, eff_to, "生效日期", "截止日期", "effective_to")
    return {"weekday": weekday, "start_time": start, "end_time": end, "effective_from": eff_from,
            "effective_to": eff_to}


def _overlapping_slot(s: Session, facility_id: int, c: dict, exclude_id: int | None) -> ScheduleSlot | None:
    """Same facility, same weekday, overlapping times and overlapping effective dates."""
    q = select(ScheduleSlot).where(
        ScheduleSlot.facility_id == facility_id,
        ScheduleSlot.weekday == c["weekday"],
        ScheduleSlot.deleted_at.is_(None),
        ScheduleSlot.start_time < c["end_time"],
        ScheduleSlot.end_time > c["start_time"],
    )
    if exclude_id is not None:
        q = q.where(ScheduleSlot.id != exclude_id)
    for slot in s.scalars(q):
        ends_before = c["effective_to"] is not None and c["effective_to"] < slot.effective_from
        starts_after = slot.effective_to is not None and slot.effective_to < c["effective_from"]
        if not (ends_before or starts_after):
            return slot
    return None


def _refuse_overlap(s, facility: Facility, cleaned: dict, exclude_id: int | None = None) -> None:
    other = _overlapping_slot(s, facility.id, cleaned, exclude_id)
    if other is not None:
        rules.fail(
            "slot_overlap",
            f"{facility.name}{rules.WEEKDAYS[cleaned['weekday']]}已有 {other.start_time:%H:%M}—{other.end_time:%H:%M} "
            "的开放时段，与新时段重叠。请调整时间，或先删除原时段。",
            "start_time",
        )


def add_slot(s: Session, actor: str, facility: Facility, **fields) -> ScheduleSlot:
    records.require_live(facility)
    cleaned = clean_slot(fields)
    _refuse_overlap(s, facility, cleaned)
    slot = ScheduleSlot(facility_id=facility.id, created_by=actor, **cleaned)
    s.add(slot)
    audit.record(s, actor, "create", slot)
    return slot


def update_slot(s: Session, actor: str, slot: ScheduleSlot, **changes) -> bool:
    records.require_live(slot)
    current = {k: getattr(slot, k) for k in ("weekday", "start_time", "end_time", "effective_from", "effective_to")}
    current.update(changes)
    cleaned = clean_slot(current)
    _refuse_overlap(s, s.get(Facility, slot.facility_id), cleaned, exclude_id=slot.id)
    return records.apply_changes(s, actor, slot, cleaned)


def clean_closure(fields: dict, today: date | None = None) -> dict:
    kind = rules.choice(fields.get("kind") or "closure", rules.CLOSURE_KINDS, "类型", "kind")
    start = rules.as_date(fields.get("start_date"), "开始日期", "start_date", today=today)
    end = rules.as_date(fields.get("end_date") or start, "结束日期", "end_date", today=today)
    rules.date_order(start, end, "开始日期", "结束日期", "end_date")
    notice = rules.as_date(fields.get("notice_date"), "公告日期", "notice_date", required=False, today=today)
    if notice is not None and notice > end:
        rules.fail("notice_after", "公告日期不能晚于闭馆结束日期。", "notice_date")
    start_time = rules.as_time(fields.get("start_time"), "开始时间", "start_time", required=kind == "extra")
    end_time = rules.as_time(fields.get("end_time"), "结束时间", "end_time", required=kind == "extra")
    rules.time_order(start_time, end_time, "开始时间", "结束时间", "end_time")
    label = "闭馆原因" if kind == "closure" else "加开说明"
    return {"kind": kind, "start_date": start, "end_date": end, "notice_date": notice,
            "start_time": start_time if kind == "extra" else None,
            "end_time": end_time if kind == "extra" else None,
            "reason": rules.text(fields.get("reason"), label, "reason", required=True, max_len=500, multiline=True)}


def add_closure(s: Session, actor: str, center: Center, **fields) -> Closure:
    closure = Closure(center_id=center.id, created_by=actor, **clean_closure(fields))
    s.add(closure)
    audit.record(s, actor, "create", closure)
    return closure


def update_closure(s: Session, actor: str, closure: Closure, **changes) -> bool:
    records.require_live(closure)
    current = {k: getattr(closure, k) for k in ("kind", "start_date", "end_date", "notice_date", "start_time",
                                                "end_time", "reason")}
    current.update(changes)
    return records.apply_changes(s, actor, closure, clean_closure(current))


def clean_log(fields: dict, today: date | None = None) -> dict:
    log_date = rules.as_date(fields.get("log_date"), "登记日期", "log_date", today=today)
    if log_date > (today or date.today()):
        rules.fail("date_future", "开放登记不能登记将来的日期。", "log_date")
    opened = rules.as_time(fields.get("opened_at"), "开门时间", "opened_at")
    closed = rules.as_time(fields.get("closed_at"), "关门时间", "closed_at")
    rules.time_order(opened, closed, "开门时间", "关门时间", "closed_at")
    return {
        "log_date": log_date, "opened_at": opened, "closed_at": closed,
        "visitors": rules.as_count(fields.get("visitors") or 0, "接待人数", "visitors", required=True),
        "on_duty": rules.text(fields.get("on_duty"), "值班人员", "on_duty", max_len=100),
        "notes": rules.text(fields.get("notes"), "备注", "notes", max_len=500, multiline=True),
    }


def log_for_day(s: Session, center: Center, day: date) -> OpeningLog | None:
    return s.scalar(select(OpeningLog).where(OpeningLog.center_id == center.id, OpeningLog.log_date == day,
                                             OpeningLog.deleted_at.is_(None)))


def log_opening(s: Session, actor: str, center: Center, **fields) -> OpeningLog:
    cleaned = clean_log(fields)
    if log_for_day(s, center, cleaned["log_date"]) is not None:
        rules.fail("log_exists", f"{cleaned['log_date']} 已经登记过了，请修改原来的登记。", "log_date")
    entry = OpeningLog(center_id=center.id, created_by=actor, **cleaned)
    s.add(entry)
    audit.record(s, actor, "create", entry)
    return entry


def update_log(s: Session, actor: str, entry: OpeningLog, **changes) -> bool:
    records.require_live(entry)
    current = {k: getattr(entry, k) for k in ("log_date", "opened_at", "closed_at", "visitors", "on_duty", "notes")}
    current.update(changes)
    cleaned = clean_log(current)
    center = s.get(Center, entry.center_id)
    other = log_for_day(s, center, cleaned["log_date"])
    if other is not None and other.id != entry.id:
        rules.fail("log_exists", f"{cleaned['log_date']} 已经登记过了。", "log_date")
    return records.apply_changes(s, actor, entry, cleaned)
