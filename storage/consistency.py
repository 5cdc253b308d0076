"""Self-check findings where records contradict each other: the opening log against the posted schedule
and closures, festival tags against the lunar calendar.

A log day during a posted closure, on a day the schedule marks closed, or with a door-open span
reaching outside the day's posted hours (by more than ``SLACK_MINUTES``) is a finding; so is an
activity tagged with a festival held more than a few days from it (``storage.festivals``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import festivals, hours
from .models import Activity, Center, OpeningLog

SLACK_MINUTES = 15  # opening a little early or closing a little late is not a contradiction


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def opening_log_findings(s: Session, center: Center, start: date | None = None, end: date | None = None,
                         data: hours.OpeningData | None = None) -> list:
    from .selfcheck import Finding

    data = hours.load(s, center) if data is None else data
    # Columns, not ORM objects: a station checks every log day of every center it imports.
    q = select(OpeningLog.log_date, OpeningLog.opened_at, OpeningLog.closed_at, OpeningLog.visitors, OpeningLog.uuid
               ).where(OpeningLog.center_id == center.id, OpeningLog.deleted_at.is_(None))
    if start:
        q = q.where(OpeningLog.log_date >= start)
    if end:
        q = q.where(OpeningLog.log_date <= end)
    out = []
    for log in s.execute(q.order_by(OpeningLog.log_date)):
        day = log.log_date
        span = f"{log.opened_at:%H:%M}—{log.closed_at:%H:%M}"
        closure = data.closure_on(day)
        if closure is not None:
            if log.visitors:
                out.append(Finding("visitors_during_closure", "warning",
                                   f"{day} 在闭馆公告期间（{closure.reason}），开放登记却有 {log.visitors} 人接待。",
                                   "opening_log", log.uuid))
            else:
                out.append(Finding("log_on_closure_day", "warning",
                                   f"{day} 在闭馆公告期间（{closure.reason}），却有开放登记（{span}）。",
                                   "opening_log", log.uuid))
            continue
        posted = data.posted_intervals(day)
        if not posted:
            out.append(Finding("log_on_rest_day", "warning",
                               f"{day}（{'一二三四五六日'[day.weekday()]}）开放时间表上不开放，却有开放登记（{span}）。",
                               "opening_log", log.uuid))
            continue
        first, last = posted[0][0], posted[-1][1]
        opened = log.opened_at.hour * 60 + log.opened_at.minute
        closed = log.closed_at.hour * 60 + log.closed_at.minute
        if opened < first - SLACK_MINUTES or closed > last + SLACK_MINUTES:
            out.append(Finding("log_outside_hours", "warning",
                               f"{day} 登记开放 {span}，超出当天公布的开放时间 {_hm(first)}—{_hm(last)}。",
                               "opening_log", log.uuid))
    return out


def festival_findings(s: Session, center: Center, start: date | None = None, end: date | None = None) -> list:
    from .selfcheck import Finding

    q = select(Activity).where(Activity.center_id == center.id, Activity.deleted_at.is_(None),
                               Activity.festival.in_(festivals.CHECKED))
    if start:
        q = q.where(Activity.start_date >= start)
    if end:
        q = q.where(Activity.start_date <= end)
    out = []
    for a in s.scalars(q.order_by(Activity.item_number)):
        off, day = festivals.days_off(a.festival, a.start_date, a.end_date)
        if off:
            out.append(Finding("festival_date_off", "warning",
                               f"活动“{a.title}”标为{a.festival}，日期 {a.start_date}，但{day.year}年{a.festival}是 {day}，"
                               f"相差较远，请核对日期或节日。", "activity", a.uuid, a.item_number))
    return out
