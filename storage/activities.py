"""The activity register (活动)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from . import audit, numbering, records, rules
from .models import Activity, Center

FIELDS = ("start_date", "end_date", "start_time", "end_time", "title", "category", "festival", "location",
          "organizer", "participants", "summary")


def clean_activity(fields: dict, today: date | None = None) -> dict:
    """Validate one activity's fields; returns them typed. Raises ValidationError on the first problem."""
    start = rules.as_date(fields.get("start_date"), "活动日期", "start_date", today=today)
    end = rules.as_date(fields.get("end_date"), "结束日期", "end_date", required=False, today=today)
    rules.date_order(start, end, "活动日期", "结束日期", "end_date")
    start_time = rules.as_time(fields.get("start_time"), "开始时间", "start_time", required=False)
    end_time = rules.as_time(fields.get("end_time"), "结束时间", "end_time", required=False)
    if end is None or end == start:
        rules.time_order(start_time, end_time, "开始时间", "结束时间", "end_time")
    return {
        "start_date": start,
        "end_date": end,
        "start_time": start_time,
        "end_time": end_time,
        "title": rules.text(fields.get("title"), "活动名称", "title", required=True, max_len=200),
        "category": rules.choice(fields.get("category"), rules.ACTIVITY_CATEGORIES, "活动类别", "category"),
        "festival": rules.choice(fields.get("festival"), rules.FESTIVALS, "节日", "festival", required=False),
        "location": rules.text(fields.get("location"), "地点", "location", max_len=200),
        "organizer": rules.text(fields.get("organizer"), "组织者", "organizer", max_len=200),
        "participants": rules.as_count(fields.get("participants"), "参与人数", "participants"),
        "summary": rules.text(fields.get("summary"), "内容摘要", "summary", max_len=5000, multiline=True),
    }


def create_activity(s: Session, actor: str, center: Center, **fields) -> Activity:
    cleaned = clean_activity(fields)
    year = cleaned["start_date"].year
    number, seq = numbering.next_item_number(s, center, "activity", year)
    activity = Activity(center_id=center.id, item_number=number, year=year, seq=seq, created_by=actor, **cleaned)
    s.add(activity)
    audit.record(s, actor, "create", activity)
    return activity


def update_activity(s: Session, actor: str, activity: Activity, **changes) -> bool:
    """Edit fields; the item number stays as it was (never renumbered, even across years)."""
    records.require_live(activity)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        rules.fail("bad_field", f"活动没有这些字段：{'、'.join(sorted(unknown))}")
    current = {k: getattr(activity, k) for k in FIELDS}
    current.update(changes)
    return records.apply_changes(s, actor, activity, clean_activity(current))
