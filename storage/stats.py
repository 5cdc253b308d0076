"""Counts for `stats`, the dashboard and the bag's bag-info."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import (
    AcceptanceStage,
    Activity,
    Attachment,
    Center,
    Closure,
    Equipment,
    Facility,
    OpeningLog,
    ScheduleSlot,
)

LIVE_MODELS = {
    "activities": Activity, "equipment": Equipment, "attachments": Attachment, "opening_log_days": OpeningLog,
    "closures": Closure, "schedule_slots": ScheduleSlot, "facilities": Facility,
}


def counts(s: Session, center_id: int | None = None) -> dict[str, int]:
    """Live (not deleted) records per kind, plus ``deleted`` across all registers."""
    out = {"centers": s.scalar(select(func.count()).select_from(Center)) if center_id is None else 1}
    deleted = 0
    for key, model in LIVE_MODELS.items():
        q = select(func.count()).select_from(model)
        if center_id is not None:
            q = _scope(q, model, center_id)
        out[key] = s.scalar(q.where(model.deleted_at.is_(None)))
        deleted += s.scalar(q.where(model.deleted_at.is_not(None)))
    out["deleted"] = deleted
    return out


def _scope(q, model, center_id):
    if hasattr(model, "center_id"):
        return q.where(model.center_id == center_id)
    if model is ScheduleSlot:
        return q.join(Facility, Facility.id == ScheduleSlot.facility_id).where(Facility.center_id == center_id)
    if model is Attachment:
        return q.where(
            Attachment.activity_id.in_(select(Activity.id).where(Activity.center_id == center_id))
            | Attachment.equipment_id.in_(select(Equipment.id).where(Equipment.center_id == center_id))
            | Attachment.opening_log_id.in_(select(OpeningLog.id).where(OpeningLog.center_id == center_id))
            | Attachment.acceptance_stage_id.in_(
                select(AcceptanceStage.id).join(Equipment, Equipment.id == AcceptanceStage.equipment_id)
                .where(Equipment.center_id == center_id))
        )
    return q


def period_counts(s: Session, start, end, center_id: int | None = None) -> dict:
    """The counts of a period, as recorded on or before its last day (``storage.asof``): records dated in
    the period; the equipment ledger, its status and acceptance, and the schedule as they stood at the end."""
    from . import asof

    q = select(Center).order_by(Center.id)
    if center_id is not None:
        q = q.where(Center.id == center_id)
    out = {"period": {"start": start.isoformat(), "end": end.isoformat()}, "centers": 0, "activities": 0,
           "participants": 0, "festival_activities": 0, "equipment": 0, "equipment_bought": 0,
           "equipment_by_status": {}, "equipment_by_acceptance": {}, "opening_log_days": 0, "visitors": 0,
           "closures": 0, "extra_openings": 0, "schedule_slots": 0, "facilities": 0, "deleted": 0}
    for center in s.scalars(q):
        out["centers"] += 1
        acts = list(s.execute(select(Activity.participants, Activity.festival, Activity.deleted_at).where(
            Activity.center_id == center.id, Activity.start_date >= start, Activity.start_date <= end)))
        live = [a for a in acts if a.deleted_at is None]
        out["activities"] += len(live)
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
        out["opening_log_days"] += sum(1 for g in logs if g.deleted_at is None)
        out["visitors"] += sum(g.visitors for g in logs if g.deleted_at is None)
        closures = asof.closures(s, center, start, end)
        out["closures"] += sum(1 for c in closures if c.kind == "closure")
        out["extra_openings"] += sum(1 for c in closures if c.kind == "extra")
        out["schedule_slots"] += sum(len(v) for v in asof.schedule(s, center, end).values())
        out["facilities"] += s.scalar(select(func.count()).select_from(Facility).where(
            Facility.center_id == center.id, Facility.deleted_at.is_(None)))
        deleted_items = s.scalar(select(func.count()).select_from(Equipment).where(
            Equipment.center_id == center.id, Equipment.deleted_at.is_not(None), Equipment.purchase_date >= start,
            Equipment.purchase_date <= end))
        out["deleted"] += (len(acts) - len(live)) + sum(1 for g in logs if g.deleted_at is not None) + deleted_items
    return out
