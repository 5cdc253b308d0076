"""The station's plan (规划) and overview (总览): every center, also those that have sent nothing yet.

Everything is as of one day: the year's last day, or today while the year runs. A center's status is the
one its history (``storage.plan_status``) records on that day; it counts as built (已建成) when that status
is built or accepted. Sending an archive file is not being built. Coverage per quarter follows the plan
(Q1 50 %, Q2 90 %, Q3 100 %, Q4 fills gaps) and is measured on each quarter's last day.

The figures come from a handful of queries over all centers at once (no per-center ORM work): counts in
SQL, the week's posted hours from the schedule rows, the self-check counts stored at import
(``figures``). ``fingerprint`` is the station's fingerprint of what the overview shows, as the village
dossier's archive fingerprint is of its records (see ``station_fingerprint``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import hours, rules, signing
from ..engine import Archive
from ..errors import ValidationError
from ..models import Activity, ArchiveMeta, BagImport, Center, Closure, Equipment, Facility, ScheduleSlot
from ..plan_status import COVERED, coverage, history, overdue, set_plan_status, status_on
from .figures import LOCAL_TZ, figures_for

QUARTER_RE = re.compile(r"^(\d{4})Q([1-4])$")
NO_STATUS = "未登记"


def clean_quarter(value) -> str | None:
    value = (value or "").strip().upper()
    if not value:
        return None
    m = QUARTER_RE.match(value)
    if not m or not rules.FIRST_YEAR <= int(m.group(1)) <= rules.LAST_YEAR:
        raise ValidationError("bad_quarter", f"目标季度“{value}”格式不对，请写成 2017Q2 这样（年份 + Q + 1—4）。", "target_quarter")
    return value


def register_center(s: Session, actor: str, *, code: str, plan_status: str | None = None,
                    target_quarter: str | None = None, status_on: date | None = None, status_note: str = "",
                    today: date | None = None, **fields) -> tuple[Center, bool]:
    """Register a center in the station's plan, or update its plan. Returns (center, created).
    A status is appended to the center's history as of ``status_on`` (default today)."""
    from .. import centers  # (audit, numbering, retention): not needed by the overview

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
        set_plan_status(s, actor, center, status, status_on, status_note, today=today)
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
    plan_status: str | None  # None: the station has recorded no status for this center
    plan_status_name: str
    target_quarter: str | None
    fingerprint: str | None  # the center's signing key, short form
    last_bag: str | None  # the day the archive file the station holds was made
    activities_year: int
    equipment: int
    weekly_hours: float
    standard_hours: float
    hours_ok: bool
    findings: int | None  # None: no imported archive file covers the year
    status_since: str | None = None
    built: bool = False
    overdue: bool = False
    center_id: int = 0


@dataclass
class Overview:
    year: int
    as_of: date
    rows: list[CenterRow] = field(default_factory=list)
    quarters: list[dict] = field(default_factory=list)
    covered: int = 0
    accepted: int = 0
    fingerprint: str = ""

    def as_dict(self) -> dict:
        return {"year": self.year, "as_of": self.as_of.isoformat(), "centers": [asdict(r) for r in self.rows],
                "covered": self.covered, "accepted": self.accepted, "total": len(self.rows),
                "quarters": self.quarters, "fingerprint": self.fingerprint}


def _week_hours(s: Session, ids: list[int], on: date) -> dict[int, float]:
    """Posted hours of the week containing ``on`` for every center, from two queries."""
    monday = hours.week_start(on)
    sunday = monday + timedelta(days=6)
    slots: dict[int, list] = {}
    for row in s.execute(select(Facility.center_id, ScheduleSlot.weekday, ScheduleSlot.start_time,
                                ScheduleSlot.end_time, ScheduleSlot.effective_from, ScheduleSlot.effective_to)
                         .join(Facility, Facility.id == ScheduleSlot.facility_id)
                         .where(Facility.deleted_at.is_(None), ScheduleSlot.deleted_at.is_(None),
                                ScheduleSlot.effective_from <= sunday)):
        slots.setdefault(row.center_id, []).append(row)
    closures: dict[int, list] = {}
    for row in s.execute(select(Closure.center_id, Closure.kind, Closure.start_date, Closure.end_date,
                                Closure.start_time, Closure.end_time)
                         .where(Closure.deleted_at.is_(None), Closure.start_date <= sunday, Closure.end_date >= monday)):
        closures.setdefault(row.center_id, []).append(row)
    return {cid: hours.weekly_hours(hours.OpeningData(slots.get(cid, []), closures.get(cid, [])), monday)
            for cid in ids}


def _held_bags(s: Session) -> dict[str, tuple]:
    """Per center UUID: (bagging time, SHA-256) of the last imported file, whose records the station holds."""
    out = {}
    for uuid, made, sha in s.execute(select(BagImport.center_uuid, BagImport.bagging_date, BagImport.bag_sha256)
                                     .where(BagImport.result == "imported").order_by(BagImport.id)):
        out[uuid] = (made, sha)
    return out


def _day_end(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), LOCAL_TZ)


def overview(archive: Archive, year: int | None = None, today: date | None = None,
             findings: bool = True) -> Overview:
    with archive.session() as s:
        return overview_in(s, year, today, findings)


def overview_in(s: Session, year: int | None = None, today: date | None = None, findings: bool = True) -> Overview:
    today = today or datetime.now(LOCAL_TZ).date()
    year = year or today.year
    as_of = min(today, date(year, 12, 31))
    out = Overview(year, as_of)
    own = s.get(ArchiveMeta, "own_center_uuid")
    own_uuid = own.value if own else ""
    cols = (Center.id, Center.uuid, Center.code, Center.name, Center.town, Center.village, Center.keeper,
            Center.target_quarter, Center.public_key, Center.weekly_standard_hours)
    listed = s.execute(select(*cols).where(Center.uuid != own_uuid).order_by(Center.town, Center.code)).all()
    ids = [c.id for c in listed]
    held = _held_bags(s)
    start = date(year, 1, 1)
    acts = dict(s.execute(select(Activity.center_id, func.count()).where(
        Activity.deleted_at.is_(None), Activity.start_date >= start, Activity.start_date <= as_of)
        .group_by(Activity.center_id)).all())
    equip = dict(s.execute(select(Equipment.center_id, func.count()).where(
        Equipment.deleted_at.is_(None), Equipment.purchase_date <= as_of).group_by(Equipment.center_id)).all())
    week = _week_hours(s, ids, as_of)
    figs = figures_for(s, year, ids, {c.id: c.uuid for c in listed}) if findings else {}
    entries = history(s)
    status = status_on(entries, as_of)
    targets = {c.id: c.target_quarter for c in listed}
    late = overdue(entries, targets, as_of, today)
    for c in listed:
        entry = status.get(c.id)
        bag = held.get(c.uuid)
        fig = figs.get(c.id)
        hrs = round(week[c.id], 2)
        out.rows.append(CenterRow(
            c.uuid, c.code, c.name, c.town, c.village, c.keeper, entry.status if entry else None,
            rules.PLAN_STATUS_NAMES.get(entry.status, entry.status) if entry else NO_STATUS, c.target_quarter,
            signing.fingerprint(c.public_key) if c.public_key else None,
            bag[0].astimezone(LOCAL_TZ).date().isoformat() if bag and bag[0] else None,
            acts.get(c.id, 0), equip.get(c.id, 0), hrs, c.weekly_standard_hours, hrs >= c.weekly_standard_hours,
            fig.findings if fig else None, entry.changed_on.isoformat() if entry else None,
            bool(entry and entry.status in COVERED), c.id in late, c.id))
    out.covered = sum(r.built for r in out.rows)
    out.accepted = sum(r.plan_status == "accepted" for r in out.rows)
    out.quarters = coverage(entries, targets, year, today)
    out.fingerprint = station_fingerprint(s, out, listed, held, entries)
    return out


def _line(kind: str, key: str, rec: dict) -> str:
    return f"{kind}\t{key}\t" + json.dumps(rec, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def station_fingerprint(s: Session, ov: Overview, listed, held: dict, entries) -> str:
    """SHA-256 over what a station report of the year rests on, one canonical line per fact, sorted:
    the station, each center's plan entry (names, keeper, weekly standard, target quarter, signing key) and
    the SHA-256 of the archive file its records came from (that pins every village record exactly), the
    status history up to the as-of day, and the archive files received in the year up to that day.
    The same archive gives the same fingerprint on every machine; any change to those facts changes it."""
    own = s.get(ArchiveMeta, "own_center_uuid")
    station = s.scalar(select(Center).where(Center.uuid == own.value)) if own else None
    lines = [_line("station", station.uuid, {"code": station.code, "name": station.name, "town": station.town})
             ] if station else []
    by_id = {}
    for c in listed:
        by_id[c.id] = c.uuid
        bag = held.get(c.uuid)
        lines.append(_line("center", c.uuid, {
            "code": c.code, "name": c.name, "town": c.town, "village": c.village, "keeper": c.keeper,
            "weekly_standard_hours": c.weekly_standard_hours, "target_quarter": c.target_quarter,
            "key": hashlib.sha256(c.public_key).hexdigest() if c.public_key else None,
            "records_from": bag[1] if bag else None}))
    for e in entries:
        if e.changed_on <= ov.as_of and e.center_id in by_id:
            lines.append(_line("status", by_id[e.center_id], {"status": e.status, "changed_on": e.changed_on,
                                                               "note": e.note}))
    for b in bags_received(s, ov.year, ov.as_of):
        lines.append(_line("received", b["sha256"], b))
    digest = hashlib.sha256(f"village-archive-station-fingerprint/1\t{ov.year}\t{ov.as_of}\n".encode())
    for line in sorted(lines):
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()


def bags_received(s: Session, year: int, as_of: date) -> list[dict]:
    """The archive files handed to the station from the year's first day to ``as_of`` (local days)."""
    q = (select(BagImport, Center.name).outerjoin(Center, Center.uuid == BagImport.center_uuid)
         .where(BagImport.created_at >= datetime.combine(date(year, 1, 1), time(0), LOCAL_TZ),
                BagImport.created_at < _day_end(as_of)).order_by(BagImport.id))
    return [{"received": b.created_at.astimezone(LOCAL_TZ).isoformat(), "file": b.source_name,
             "center": name or b.center_uuid or "—", "signer": b.signer_fingerprint, "result": b.result,
             "sha256": b.bag_sha256} for b, name in s.execute(q)]


def activity_stats(s: Session, year: int, as_of: date) -> list[tuple[str, int, int]]:
    """(category, activities, participants) over the listed centers (not the station's own), most first."""
    own = s.get(ArchiveMeta, "own_center_uuid")
    own_id = s.scalar(select(Center.id).where(Center.uuid == own.value)) if own else None
    q = (select(Activity.category, func.count(), func.coalesce(func.sum(Activity.participants), 0))
         .where(Activity.deleted_at.is_(None), Activity.start_date >= date(year, 1, 1), Activity.start_date <= as_of,
                Activity.center_id != (own_id or -1))
         .group_by(Activity.category).order_by(func.count().desc(), Activity.category))
    return [tuple(r) for r in s.execute(q)]
