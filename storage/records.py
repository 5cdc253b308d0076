"""What every register shares: lookup by UUID, soft delete with a reason, restore, edits with audit."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit, kinds
from .errors import NotFound, ValidationError
from .models import utcnow


def kind_name(model) -> str:
    """The Chinese name of a record's kind, for messages."""
    try:
        return kinds.by_model(model).name
    except KeyError:
        return "记录"


def get(s: Session, model, uuid: str):
    obj = s.scalar(select(model).where(model.uuid == uuid))
    if obj is None:
        raise NotFound(kind_name(model), uuid)
    return obj


def require_live(obj) -> None:
    if getattr(obj, "deleted_at", None) is not None:
        raise ValidationError("deleted", f"这条{kind_name(type(obj))}已删除，请先恢复再修改。")


def apply_changes(s: Session, actor: str, obj, cleaned: dict) -> bool:
    """Set cleaned fields; audit only when something really changed. Returns whether it did."""
    before = audit.snapshot(obj)
    changed = False
    for key, value in cleaned.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    if changed:
        obj.updated_at = utcnow()
        audit.record(s, actor, "update", obj, before=before)
    return changed


def delete(s: Session, actor: str, obj, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("reason_required", "删除必须填写原因，例如“重复录入”或“信息有误”。", "reason")
    if len(reason) > 500:
        raise ValidationError("too_long", "删除原因太长了，最多 500 字。", "reason")
    if obj.deleted_at is not None:
        raise ValidationError("already_deleted", "这条记录已经删除了。")
    before = audit.snapshot(obj)
    obj.deleted_at, obj.deleted_by, obj.delete_reason = utcnow(), actor, reason
    audit.record(s, actor, "delete", obj, before=before, reason=reason)


def restore(s: Session, actor: str, obj) -> None:
    if obj.deleted_at is None:
        raise ValidationError("not_deleted", "这条记录没有被删除，不需要恢复。")
    before = audit.snapshot(obj)
    obj.deleted_at = obj.deleted_by = obj.delete_reason = None
    audit.record(s, actor, "restore", obj, before=before)
