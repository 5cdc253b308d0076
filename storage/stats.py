"""Counts for `stats` and the dashboard: every counted kind of ``storage.kinds`` (keyed by kind), and a period's figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import kinds

if TYPE_CHECKING:  # imported where a session is used: `stats` of a whole file needs neither (storage.glance)
    from sqlalchemy.orm import Session

# The figures of a period beyond the kinds' counts (``period_counts``).
PERIOD_NAMES = {"participants": "参与人次", "festival_activities": "节庆活动", "equipment_bought": "本期购置设备",
                "visitors": "接待人数", "extra_openings": "加开公告", "equipment_by_status": "设备状态（期末）",
                "equipment_by_acceptance": "设备验收（期末）", "period": "期间"}


def names(period: bool = False) -> dict[str, str]:
    """Chinese labels of the keys ``counts`` (or, with ``period``, ``period_counts``) returns."""
    out = {"center": "中心"}
    out.update({k.key: k.count_name or k.name for k in kinds.counted()})
    out["deleted"] = "已删除记录"
    if period:
        out.update(PERIOD_NAMES, closure="闭馆公告")
    return out


def counts(s: Session, center_id: int | None = None) -> dict[str, int]:
    """Live (not deleted) records per counted kind (keyed by kind key), plus ``deleted`` across them all.
    The whole file's are ``glance.counts`` (`stats` reads them without SQLAlchemy); one center's, here."""
    if center_id is None and s.get_bind().dialect.name == "sqlite":
        from . import glance

        return glance.counts(glance.driver_connection(s))
    from sqlalchemy import func, select

    from .models import Center

    out = {"center": s.scalar(select(func.count()).select_from(Center)) if center_id is None else 1}
    deleted = 0
    for kind in kinds.counted():
        model = kind.model
        q = select(func.count()).select_from(model)
        if center_id is not None:
            q = q.where(kinds.in_center(kind, center_id))
        out[kind.key] = s.scalar(q.where(model.deleted_at.is_(None)))
        deleted += s.scalar(q.where(model.deleted_at.is_not(None)))
    out["deleted"] = deleted
    return out


def period_counts(s: Session, start, end, center_id: int | None = None) -> dict:
    """The counts of a period, as recorded on or before its last day (``storage.asof``): records dated in
    the period; the equipment ledger, its status and acceptance, and the schedule as they stood at the end."""
    from sqlalchemy import func, select

    from . import asof
    from .models import Activity, Center, Equipment, Facility, OpeningLog

    q = select(Center).order_by(Center.id)
    if center_id is not None:
        q = q.where(Center.id == center_id)
    out = {"period": {"start": start.isoformat(), "end": end.isoformat()}, "center": 0, "activity": 0,
           "participants": 0, "festival_activities": 0, "equipment": 0, "equipment_bought": 0,
           "equipment_by_status": {}, "equipment_by_acceptance": {}, "opening_log": 0, "visitors": 0,
           "closure": 0, "extra_openings": 0, "schedule_slot": 0, "facility": 0, "deleted": 0}
    for center in s.scalars(q):
        out["center"] += 1
        acts = list(s.execute(select(Activity.participants, Activity.festival, Activity.deleted_at).where(
            Activity.center_id == center.id, Activity.start_date >= start, Activity.start_date <= end)))
        live = [a for a in acts if a.deleted_at is None]
        out["activity"] += len(live)
        out["participants"] += sum(a.participants or 0 for a in live)
        out["festival_activities"] += sum(1 for a in live if a.festival)
        ledger = asof.ledger(s, center, end)
        out["equipment"] += len(ledger)
        out["equipment_bought"] += sum(1 for line in ledger if line.item.purchase_date >= start)
        for line in ledger:
            by_status = out["equipment_by_status"]
            by_status[line.status] = by_status.get(line.status, 0) + 1
            level = line.acceptance.level or "none"
            out["equipment_by_acceptance"][level] = out["equipment_by_acceptance"].get(level, 0) + 1
        logs = list(s.execute(select(OpeningLog.visitors, OpeningLog.deleted_at).where(
            OpeningLog.center_id == center.id, OpeningLog.log_date >= start, OpeningLog.log_date <= end)))
        out["opening_log"] += sum(1 for g in logs if g.deleted_at is None)
        out["visitors"] += sum(g.visitors for g in logs if g.deleted_at is None)
        closures = asof.closures(s, center, start, end)
        out["closure"] += sum(1 for c in closures if c.kind == "closure")
        out["extra_openings"] += sum(1 for c in closures if c.kind == "extra")
        out["schedule_slot"] += sum(len(v) for v in asof.schedule(s, center, end).values())
        out["facility"] += s.scalar(select(func.count()).select_from(Facility).where(
            Facility.center_id == center.id, Facility.deleted_at.is_(None)))
        deleted_items = s.scalar(select(func.count()).select_from(Equipment).where(
            Equipment.center_id == center.id, Equipment.deleted_at.is_not(None), Equipment.purchase_date >= start,
            Equipment.purchase_date <= end))
        out["deleted"] += (len(acts) - len(live)) + sum(1 for g in logs if g.deleted_at is not None) + deleted_items
    return out
