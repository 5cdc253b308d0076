"""The station's plan (规划) and overview (总览): every center, also those that have sent nothing yet.

Coverage follows the report's quarterly plan: 50 % of the centers built by the end of Q1, 90 % by Q2,
100 % by Q3 (Q4 fills gaps). A center counts as covered when its status is built or accepted, or when
the station has imported a bag from it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import centers, hours, rules, selfcheck, signing
from ..engine import Archive
from ..errors import ValidationError
from ..models import Activity, ArchiveMeta, BagImport, Center, Equipment

QUARTER_TARGETS = {1: 50, 2: 90, 3: 100, 4: 100}
QUARTER_RE = re.compile(r"^(\d{4})Q([1-4])$")
COVERED = ("built", "accepted")


def clean_quarter(value) -> str | None:
    value = (value or "").strip().upper()
    if not value:
        return None
    m = QUARTER_RE.match(value)
    if not m or not rules.FIRST_YEAR <= int(m.group(1)) <= rules.LAST_YEAR:
        raise ValidationError("bad_quarter", f"目标季度“{value}”格式不对，请写成 2017Q2 这样（年份 + Q + 1—4）。", "target_quarter")
    return value


def register_center(s: Session, actor: str, *, code: str, plan_status: str | None = None,
                    target_quarter: str | None = None, **fields) -> tuple[Center, bool]:
    """Register a center in the station's plan, or update its plan. Returns (center, created)."""
    status = rules.choice(plan_status, rules.PLAN_STATUSES, "建设状态", "plan_status", required=False)
    quarter = clean_quarter(target_quarter)
    center = s.scalar(select(Center).where(Center.code == (code or "").strip()))
    created = center is None
    if created:
        center = centers.create_center(s, actor, code=code, **fields)
    else:
        changes = {k: v for k, v in fields.items() if v not in (None, "")}
        if changes:
            centers.update_center(s, actor, center, **changes)
    if status:
        center.plan_status = status
    if quarter or created:
        center.target_quarter = quarter
    s.flush()
    return center, created


@dataclass
class CenterRow:
    uuid: str
    code: str
    name: str
    town: str
    village: str
    keeper: str
    plan_status: str
    plan_status_name: str
    target_quarter: str | None
    fingerprint: str | None
    last_bag: str | None
    activities_year: int
    equipment: int
    weekly_hours: float
    standard_hours: float
    hours_ok: bool
    findings: int


@dataclass
class Overview:
    year: int
    rows: list[CenterRow] = field(default_factory=list)
    quarters: list[dict] = field(default_factory=list)
    covered: int = 0

    def as_dict(self) -> dict:
        return {"year": self.year, "centers": [asdict(r) for r in self.rows], "covered": self.covered,
                "total": len(self.rows), "quarters": self.quarters}


def overview(archive: Archive, year: int | None = None, today: date | None = None,
             findings: bool = True) -> Overview:
    today = today or date.today()
    year = year or today.year
    out = Overview(year)
    with archive.session() as s:
        own = s.get(ArchiveMeta, "own_center_uuid")
        own_uuid = own.value if own else None
        last_bag = dict(s.execute(select(BagImport.center_uuid, func.max(BagImport.bagging_date))
                                  .where(BagImport.result == "imported").group_by(BagImport.center_uuid)).all())
        acts = dict(s.execute(select(Activity.center_id, func.count()).where(
            Activity.deleted_at.is_(None), Activity.start_date >= date(year, 1, 1), Activity.start_date <= date(year, 12, 31))
            .group_by(Activity.center_id)).all())
        equip = dict(s.execute(select(Equipment.center_id, func.count()).where(Equipment.deleted_at.is_(None))
                               .group_by(Equipment.center_id)).all())
        on = min(today, date(year, 12, 31))
        for c in s.scalars(select(Center).where(Center.uuid != (own_uuid or "")).order_by(Center.town, Center.code)):
            week = hours.scheduled_week_hours(s, c, on)
            bag = last_bag.get(c.uuid)
            out.rows.append(CenterRow(
                c.uuid, c.code, c.name, c.town, c.village, c.keeper, c.plan_status,
                rules.PLAN_STATUS_NAMES.get(c.plan_status, c.plan_status), c.target_quarter,
                signing.fingerprint(c.public_key) if c.public_key else None,
                bag.date().isoformat() if bag else None, acts.get(c.id, 0), equip.get(c.id, 0), round(week, 2),
                c.weekly_standard_hours, week >= c.weekly_standard_hours, 0))
    if findings:
        for row in out.rows:
            report = selfcheck.run(archive, row.uuid, date(year, 1, 1), date(year, 12, 31), integrity=False)
            row.findings = len(report.findings)
    out.covered, out.quarters = coverage(out.rows, year, today)
    return out


def coverage(rows: list[CenterRow], year: int, today: date) -> tuple[int, list[dict]]:
    """Per quarter: the standard target, the share planned by then, and (for started quarters) the share built."""
    total = len(rows)
    covered = [r for r in rows if r.plan_status in COVERED or r.last_bag]
    quarters = []
    for q in range(1, 5):
        key = f"{year}Q{q}"
        start, end = rules.quarter_range(year, q)
        planned = sum(1 for r in rows if (r.target_quarter or "0000Q0") <= key)
        if end < today:  # an ended quarter: the covered centers that were due by then
            built = sum(1 for r in covered if (r.target_quarter or "0000Q0") <= key)
        else:  # the current quarter: every center covered now (the station keeps no history of status)
            built = len(covered)
        pct = lambda n: round(100 * n / total, 1) if total else 0.0  # noqa: E731
        actual = pct(built) if start <= today else None
        quarters.append({"quarter": key, "target_pct": QUARTER_TARGETS[q], "planned": planned,
                         "planned_pct": pct(planned), "covered": built if start <= today else None,
                         "covered_pct": actual, "ended": end < today,
                         "on_track": None if actual is None else actual >= QUARTER_TARGETS[q]})
    return len(covered), quarters
