"""The station's build status of each center (规划中/建设中/已建成/已验收) as a dated history.

Setting a status appends a ``PlanStatusChange`` dated the day it took effect; nothing is overwritten, so the
status of every center on any past day can be answered (``statuses_on``) and the quarterly coverage of the
plan (Q1 50 %, Q2 90 %, Q3 100 %) is a fact for every past quarter (``coverage``). ``Center.plan_status``
mirrors the latest entry for the screens and the archive file. A center the station never gave a status
(e.g. one that only sent an archive file) has none: sending a file is not being built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit, rules
from .models import Center, PlanStatusChange

COVERED = ("built", "accepted")  # a center counts as built (已建成) in either status
QUARTER_TARGETS = {1: 50, 2: 90, 3: 100, 4: 100}


@dataclass(frozen=True)
class StatusEntry:
    center_id: int
    status: str
    changed_on: date
    note: str


def set_plan_status(s: Session, actor: str, center: Center, status: str, on: date | None = None,
                    note: str = "", today: date | None = None) -> PlanStatusChange | None:
    """Append ``status`` as of ``on`` (default today). Returns None when it was already the status that day."""
    status = rules.choice(status, rules.PLAN_STATUSES, "建设状态", "plan_status", required=True)
    today = today or date.today()
    on = on or today
    if on > today:
        rules.fail("future_date", f"建设状态的日期 {on} 晚于今天，请填写实际发生的日期。", "changed_on")
    note = rules.text(note, "说明", "note", max_len=500)
    entries = history(s, center.id)
    before = [e for e in entries if e.changed_on <= on]
    if before and before[-1].status == status and not note:
        return None
    entry = PlanStatusChange(center_id=center.id, status=status, changed_on=on, note=note, created_by=actor)
    s.add(entry)
    s.flush()
    audit.record(s, actor, "create", entry)
    latest = max([*entries, _entry(entry)], key=lambda e: e.changed_on)  # ties: the one just recorded wins
    center.plan_status = latest.status
    s.flush()
    return entry


def _entry(row) -> StatusEntry:
    return StatusEntry(row.center_id, row.status, row.changed_on, row.note)


def history(s: Session, center_id: int | None = None) -> list[StatusEntry]:
    """Entries in the order they took effect (same day: the order they were recorded)."""
    q = select(PlanStatusChange.center_id, PlanStatusChange.status, PlanStatusChange.changed_on,
               PlanStatusChange.note).order_by(PlanStatusChange.changed_on, PlanStatusChange.id)
    if center_id is not None:
        q = q.where(PlanStatusChange.center_id == center_id)
    return [StatusEntry(*row) for row in s.execute(q)]


def status_on(entries: list[StatusEntry], day: date) -> dict[int, StatusEntry]:
    """Per center, the entry in force on ``day`` (``entries`` as ``history`` returns them)."""
    out: dict[int, StatusEntry] = {}
    for e in entries:
        if e.changed_on <= day:
            out[e.center_id] = e
    return out


def statuses_on(s: Session, day: date) -> dict[int, StatusEntry]:
    return status_on(history(s), day)


def built_on(entries: list[StatusEntry], day: date) -> set[int]:
    return {cid for cid, e in status_on(entries, day).items() if e.status in COVERED}


def coverage(entries: list[StatusEntry], targets: dict[int, str | None], year: int, today: date) -> list[dict]:
    """Per quarter of ``year``: the plan's target share, the share due by then (target quarters), and the
    share built on the quarter's last day (today for the running quarter; None for quarters not begun).
    ``targets`` maps every center of the plan to its target quarter (the denominator is all of them)."""
    total = len(targets)
    pct = lambda n: round(100 * n / total, 1) if total else 0.0  # noqa: E731
    out = []
    for q in range(1, 5):
        key = f"{year}Q{q}"
        start, end = rules.quarter_range(year, q)
        planned = sum(1 for t in targets.values() if (t or "9999Q9") <= key)
        ended = end < today
        built = len(built_on(entries, end if ended else today) & set(targets)) if start <= today else None
        actual = None if built is None else pct(built)
        out.append({"quarter": key, "target_pct": QUARTER_TARGETS[q], "planned": planned,
                    "planned_pct": pct(planned), "covered": built, "covered_pct": actual, "ended": ended,
                    "as_of": (end if ended else today).isoformat() if built is not None else None,
                    "on_track": None if actual is None else actual >= QUARTER_TARGETS[q]})
    return out


def overdue(entries: list[StatusEntry], targets: dict[int, str | None], on: date, today: date) -> dict[int, str]:
    """Centers whose target quarter was over by ``on`` (its last day on or before ``on`` and before today)
    and that were not built on ``on``: id -> target quarter."""
    built = built_on(entries, on)
    out = {}
    for cid, quarter in targets.items():
        if not quarter or cid in built:
            continue
        y, q = int(quarter[:4]), int(quarter[-1])
        end = rules.quarter_range(y, q)[1]
        if end <= on and end < today:
            out[cid] = quarter
    return out
