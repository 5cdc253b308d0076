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
