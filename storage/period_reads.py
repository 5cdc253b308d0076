"""Reads of one center's records for a period, as the dossier needs them (reports never build SQL).

The "as of the period's end" facts (profile, ledger, schedule, closures) come from ``storage.asof``;
this module adds the dated registers: photos of the period's records and the time of the archive's last
recorded change. The catalogue's items and page numbers come from ``storage.catalogue``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import centers, rules
from .errors import NotFound
from .kinds import attached_to
from .models import AcceptanceStage, Activity, Attachment, AuditEntry, Blob, Center, Equipment, OpeningLog


def center(s: Session, center_uuid: str | None) -> Center:
    """The center by UUID, or the archive's own center."""
    if center_uuid:
        found = s.scalar(select(Center).where(Center.uuid == center_uuid))
        if found is None:
            raise NotFound("中心", center_uuid)
        return found
    return centers.own_center(s)


def last_change(s: Session) -> datetime | None:
    """When the archive last recorded anything (the newest audit entry), aware UTC."""
    return s.scalar(select(func.max(AuditEntry.at)))


def record_count(s: Session, center: Center, start: date, end: date) -> int:
    """How many records a dossier of the period lists (activities and log days of the period, equipment bought
    up to its end, deleted ones included): a cheap measure of how much work it will be."""
    acts = select(func.count()).select_from(Activity).where(
        Activity.center_id == center.id, Activity.start_date >= start, Activity.start_date <= end)
    items = select(func.count()).select_from(Equipment).where(
        Equipment.center_id == center.id, Equipment.purchase_date <= end)
    logs = select(func.count()).select_from(OpeningLog).where(
        OpeningLog.center_id == center.id, OpeningLog.log_date >= start, OpeningLog.log_date <= end)
    return sum(s.scalar(q) or 0 for q in (acts, items, logs))


@dataclass
class PhotoRow:
    item_number: str
    owner_kind: str  # 活动 / 设备 / 验收 stage name / 开放登记
    caption: str
    taken_on: date | None
    filename: str
    thumbnail: bytes | None
    sha256: str = ""  # the original's blob, for printing it at full quality


def photos(s: Session, center: Center, start: date, end: date) -> list[PhotoRow]:
    """Live attachments of the period's live records: activities, purchases, acceptance stages, log days."""
    live = Attachment.deleted_at.is_(None)
    cols = (Attachment.caption, Attachment.taken_on, Attachment.filename, Blob.thumbnail, Blob.sha256)
    out: list[tuple] = []
    q = (select(Activity.item_number, *cols).join(Attachment, attached_to("activity", Activity.id))
         .join(Blob, Blob.sha256 == Attachment.sha256)
         .where(Activity.center_id == center.id, Activity.deleted_at.is_(None), live,
                Activity.start_date >= start, Activity.start_date <= end))
    out += [(r[0], "活动", *r[1:]) for r in s.execute(q.order_by(Activity.item_number, Attachment.id))]
    q = (select(Equipment.item_number, *cols).join(Attachment, attached_to("equipment", Equipment.id))
         .join(Blob, Blob.sha256 == Attachment.sha256)
         .where(Equipment.center_id == center.id, Equipment.deleted_at.is_(None), live,
                Equipment.purchase_date >= start, Equipment.purchase_date <= end))
    out += [(r[0], "设备", *r[1:]) for r in s.execute(q.order_by(Equipment.item_number, Attachment.id))]
    q = (select(Equipment.item_number, AcceptanceStage.stage, *cols)
         .join(AcceptanceStage, AcceptanceStage.equipment_id == Equipment.id)
         .join(Attachment, attached_to("acceptance_stage", AcceptanceStage.id))
         .join(Blob, Blob.sha256 == Attachment.sha256)
         .where(Equipment.center_id == center.id, Equipment.deleted_at.is_(None), live,
                AcceptanceStage.accepted_on >= start, AcceptanceStage.accepted_on <= end))
    out += [(r[0], rules.STAGE_NAMES.get(r[1], "验收"), *r[2:])
            for r in s.execute(q.order_by(Equipment.item_number, Attachment.id))]
    q = (select(OpeningLog.log_date, *cols).join(Attachment, attached_to("opening_log", OpeningLog.id))
         .join(Blob, Blob.sha256 == Attachment.sha256)
         .where(OpeningLog.center_id == center.id, OpeningLog.deleted_at.is_(None), live,
                OpeningLog.log_date >= start, OpeningLog.log_date <= end))
    out += [(f"开放登记 {r[0]}", "开放登记", *r[1:]) for r in s.execute(q.order_by(OpeningLog.log_date, Attachment.id))]
    return [PhotoRow(item_number=r[0], owner_kind=r[1], caption=r[2] or "", taken_on=r[3], filename=r[4],
                     thumbnail=r[5], sha256=r[6]) for r in out]


def original(s: Session, sha256: str) -> bytes | None:
    """The bytes of one stored file (read one at a time: a year of photos need not sit in memory)."""
    return s.scalar(select(Blob.data).where(Blob.sha256 == sha256))
