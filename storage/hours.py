"""Weekly opening hours: the posted schedule of every facility, closures taken off, extra openings added.

The center counts as open while any of its facilities is open, so two rooms open at the same
time count once (intervals are merged per day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported in ``load``: storage.glance computes hours without SQLAlchemy
    from sqlalchemy.orm import Session

    from .models import Center, Closure, ScheduleSlot


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute + (1 if (t.hour, t.minute) == (23, 59) else 0)


def merged_minutes(intervals: list[tuple[int, int]]) -> int:
    total, cur_start, cur_end = 0, None, None
    for start, end in sorted(intervals):
        if cur_end is None or start > cur_end:
            if cur_end is not None:
                total += cur_end - cur_start
            cur_start, cur_end = start, end
        else:
            cur_end = max(cur_end, end)
    if cur_end is not None:
        total += cur_end - cur_start
    return total


def minutes(t: time) -> int:
    """Minutes from midnight (23:59 counts as the day's end)."""
    return _minutes(t)


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def overlap_minutes(intervals: list[tuple[int, int]], start: time, end: time) -> int:
    """Minutes of [start, end] that fall inside the (merged) intervals."""
    a, b = _minutes(start), _minutes(end)
    return sum(max(0, min(b, hi) - max(a, lo)) for lo, hi in intervals)


@dataclass
class OpeningData:
    slots: list[ScheduleSlot]
    closures: list[Closure]

    def _plain(self) -> tuple:
        """Slots by weekday and closures as plain tuples, built once: a year of weeks reads each slot's
        attributes once instead of once per day (rebuilt if the lists are replaced)."""
        key = (id(self.slots), len(self.slots), id(self.closures), len(self.closures))
        cached = self.__dict__.get("_plain_cache")
        if cached is None or cached[0] != key:
            by_day: list[list[tuple]] = [[] for _ in range(7)]
            for s in self.slots:
                by_day[s.weekday].append((_minutes(s.start_time), _minutes(s.end_time), s.effective_from,
                                          s.effective_to))
            closed = [(c.start_date, c.end_date, c) for c in self.closures if c.kind == "closure"]
            extra = [(c.start_date, c.end_date, _minutes(c.start_time), _minutes(c.end_time)) for c in self.closures
                     if c.kind == "extra" and c.start_time and c.end_time]
            cached = (key, by_day, closed, extra)
            self.__dict__["_plain_cache"] = cached
        return cached[1:]

    def closure_on(self, day: date) -> Closure | None:
        """The posted closure covering ``day``, if any."""
        return next((c for start, end, c in self._plain()[1] if start <= day <= end), None)

    def _intervals(self, day: date) -> list[tuple[int, int]]:
        by_day, closed, extra = self._plain()
        intervals = []
        if not any(start <= day <= end for start, end, _ in closed):
            intervals = [(a, b) for a, b, since, until in by_day[day.weekday()]
                         if since <= day and (until is None or day <= until)]
        intervals += [(a, b) for start, end, a, b in extra if start <= day <= end]
        return intervals

    def posted_intervals(self, day: date) -> list[tuple[int, int]]:
        """The day's posted opening (minutes from midnight, merged): the schedule unless closed, plus extras."""
        return merge(self._intervals(day))

    def day_minutes(self, day: date) -> int:
        return merged_minutes(self._intervals(day))


def load(s: Session, center: Center) -> OpeningData:
    from sqlalchemy import select

    from .models import Closure, Facility, ScheduleSlot

    slots = s.scalars(
        select(ScheduleSlot).join(Facility, Facility.id == ScheduleSlot.facility_id)
        .where(Facility.center_id == center.id, Facility.deleted_at.is_(None), ScheduleSlot.deleted_at.is_(None))
    )
    closures = s.scalars(select(Closure).where(Closure.center_id == center.id, Closure.deleted_at.is_(None)))
    return OpeningData(list(slots), list(closures))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_hours(data: OpeningData, monday: date) -> float:
    return sum(data.day_minutes(monday + timedelta(days=i)) for i in range(7)) / 60


def hours_by_week(data: OpeningData, start: date, end: date) -> list[tuple[date, float]]:
    """(Monday, hours) for every week that starts within [start, end]."""
    out, monday = [], week_start(start)
    if monday < start:
        monday += timedelta(days=7)
    while monday <= end:
        out.append((monday, weekly_hours(data, monday)))
        monday += timedelta(days=7)
    return out


def scheduled_week_hours(s: Session, center: Center, on: date | None = None) -> float:
    """Hours of the posted schedule for the week containing ``on`` (closures taken off)."""
    return weekly_hours(load(s, center), week_start(on or date.today()))
