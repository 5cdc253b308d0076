"""Everything the inspection dossier shows, read from the archive in one session (no ReportLab, no Qt).

``collect(archive, center_uuid, period, deterministic) -> DossierData``. The registers leave deleted
records out; the catalogue keeps them (``catalogue`` rows carry ``deleted`` and the reason).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from sqlalchemy import func, select

from storage import centers, hours, queries, rules
from storage.equipment import acceptance_level
from storage.errors import NotFound
from storage.fingerprint import period_fingerprint
from storage.models import (
    AcceptanceStage,
    Activity,
    Attachment,
    AuditEntry,
    Blob,
    Center,
    Closure,
    Equipment,
    EquipmentStatusChange,
    Facility,
    OpeningLog,
    ScheduleSlot,
)
from storage.period import Period

LOCAL_TZ = timezone(timedelta(hours=8))  # the centers are in China (UTC+8, no daylight saving)


@dataclass
class Photo:
    item_number: str
    caption: str
    taken_on: date | None
    filename: str
    thumbnail: bytes | None
    owner_kind: str  # 活动 / 设备 / 验收 / 开放登记


@dataclass
class CatalogueRow:
    item_number: str
    responsible: str
    title: str
    day: date
    pages: int
    deleted: bool
    reason: str


@dataclass
class DossierData:
    center: Center
    period: Period
    fingerprint: str
    printed: datetime
    facilities: list = field(default_factory=list)
    slots: dict = field(default_factory=dict)  # facility id -> [ScheduleSlot]
    activities: list = field(default_factory=list)  # live rows (queries.activity_rows), item-number order
    equipment: list = field(default_factory=list)  # live Equipment bought up to the period's end
    stages: dict = field(default_factory=dict)  # equipment id -> {stage: AcceptanceStage}
    status_at_end: dict = field(default_factory=dict)  # equipment id -> status on the period's last day
    closures: list = field(default_factory=list)  # live closures starting in the period, by date
    logs: list = field(default_factory=list)  # live opening log of the period, by date
    opening: hours.OpeningData | None = None
    photos: list[Photo] = field(default_factory=list)
    catalogue: list[CatalogueRow] = field(default_factory=list)

    # -- derived figures for the summary -------------------------------------------------------------------
    def equipment_value(self, items=None) -> Decimal:
        """Exact total in yuan (Decimal) from integer fen."""
        items = self.equipment if items is None else items
        return Decimal(sum(e.unit_price_fen * e.quantity for e in items)) / 100

    def bought_in_period(self) -> list:
        return [e for e in self.equipment if self.period.start <= e.purchase_date <= self.period.end]

    def acceptance_counts(self) -> dict[str | None, int]:
        out: dict[str | None, int] = defaultdict(int)
        for e in self.equipment:
            out[acceptance_level(self.stages.get(e.id, {}))] += 1
        return out

    def weeks(self) -> list[tuple[date, float]]:
        return hours.hours_by_week(self.opening, self.period.start, self.period.end - timedelta(days=6))


def _center(s, center_uuid: str | None) -> Center:
    if center_uuid:
        center = s.scalar(select(Center).where(Center.uuid == center_uuid))
        if center is None:
            raise NotFound("中心", center_uuid)
        return center
    return centers.own_center(s)


def _printed(s, period: Period, deterministic: bool) -> datetime:
    if not deterministic:
        return datetime.now(LOCAL_TZ).replace(microsecond=0)
    last = s.scalar(select(func.max(AuditEntry.at)))
    if last is None:
        return datetime.combine(period.end, time(12, 0), LOCAL_TZ)
    return last.astimezone(LOCAL_TZ).replace(microsecond=0)


def collect(archive, center_uuid: str | None, period: Period, deterministic: bool = False) -> DossierData:
    with archive.session() as s:
        center = _center(s, center_uuid)
        data = DossierData(center=center, period=period, printed=_printed(s, period, deterministic),
                           fingerprint=period_fingerprint(s, center, period.start, period.end))
        data.facilities = centers.facilities(s, center)
        fac_ids = [f.id for f in data.facilities]
        if fac_ids:
            q = (select(ScheduleSlot).where(ScheduleSlot.facility_id.in_(fac_ids), ScheduleSlot.deleted_at.is_(None),
                                            ScheduleSlot.effective_from <= period.end,
                                            (ScheduleSlot.effective_to.is_(None))
                                            | (ScheduleSlot.effective_to >= period.start))
                 .order_by(ScheduleSlot.weekday, ScheduleSlot.start_time, ScheduleSlot.id))
            for slot in s.scalars(q):
                data.slots.setdefault(slot.facility_id, []).append(slot)
        all_acts = queries.activity_rows(s, center.id, start=period.start, end=period.end, include_deleted=True)
        data.activities = [a for a in all_acts if a.deleted_at is None]
        all_items = [e for e in queries.equipment_rows(s, center.id, include_deleted=True)
                     if e.purchase_date <= period.end]
        data.equipment = [e for e in all_items if e.deleted_at is None]
        data.stages = queries.stages_by_equipment(s, [e.id for e in data.equipment])
        data.status_at_end = _status_at(s, [e.id for e in data.equipment], period.end)
        data.closures = sorted(queries.closure_rows(s, center.id, start=period.start, end=period.end),
                               key=lambda c: (c.start_date, c.id))
        data.logs = queries.log_rows(s, center.id, start=period.start, end=period.end, descending=False)
        data.opening = hours.load(s, center)
        data.photos = _photos(s, center, period)
        data.catalogue = _catalogue(s, center, period, all_acts, all_items)
        s.expunge_all()
    return data


def _status_at(s, ids, day: date) -> dict[int, str]:
    """Each item's status on ``day`` from its status history (a later repair does not rewrite the past)."""
    out: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        q = (select(EquipmentStatusChange.equipment_id, EquipmentStatusChange.status)
             .where(EquipmentStatusChange.equipment_id.in_(ids[i:i + 500]), EquipmentStatusChange.changed_on <= day)
             .order_by(EquipmentStatusChange.changed_on, EquipmentStatusChange.id))
        for eid, status in s.execute(q):
            out[eid] = status
    return out


def _photos(s, center: Center, period: Period) -> list[Photo]:
    live = Attachment.deleted_at.is_(None)
    cols = (Attachment.caption, Attachment.taken_on, Attachment.filename, Blob.thumbnail)
    out: list[tuple] = []
    q = (select(Activity.item_number, *cols).join(Attachment, Attachment.activity_id == Activity.id)
         .join(Blob, Blob.sha256 == Attachment.sha256)
         .where(Activity.center_id == center.id, Activity.deleted_at.is_(None), live,
                Activity.start_date >= period.start, Activity.start_date <= period.end))
    out += [(r[0], "活动", *r[1:], 0) for r in s.execute(q.order_by(Activity.item_number, Attachment.id))]
    q = (select(Equipment.item_number, *cols).join(Attachment, Attachment.equipment_id == Equipment.id)
         .join(Blob, Blob.sha256 == Attachment.sha256)
         .where(Equipment.center_id == center.id, Equipment.deleted_at.is_(None), live,
                Equipment.purchase_date >= period.start, Equipment.purchase_date <= period.end))
    out += [(r[0], "设备", *r[1:], 1) for r in s.execute(q.order_by(Equipment.item_number, Attachment.id))]
    q = (select(Equipment.item_number, AcceptanceStage.stage, *cols)
         .join(AcceptanceStage, AcceptanceStage.equipment_id == Equipment.id)
         .join(Attachment, Attachment.acceptance_stage_id == AcceptanceStage.id)
         .join(Blob, Blob.sha256 == Attachment.sha256)
         .where(Equipment.center_id == center.id, Equipment.deleted_at.is_(None), live,
                AcceptanceStage.accepted_on >= period.start, AcceptanceStage.accepted_on <= period.end))
    out += [(r[0], rules.STAGE_NAMES.get(r[1], "验收"), *r[2:], 2)
            for r in s.execute(q.order_by(Equipment.item_number, Attachment.id))]
    q = (select(OpeningLog.log_date, *cols).join(Attachment, Attachment.opening_log_id == OpeningLog.id)
         .join(Blob, Blob.sha256 == Attachment.sha256)
         .where(OpeningLog.center_id == center.id, OpeningLog.deleted_at.is_(None), live,
                OpeningLog.log_date >= period.start, OpeningLog.log_date <= period.end))
    out += [(f"开放登记 {r[0]}", "开放登记", *r[1:], 3) for r in s.execute(q.order_by(OpeningLog.log_date, Attachment.id))]
    return [Photo(item_number=r[0], owner_kind=r[1], caption=r[2] or "", taken_on=r[3], filename=r[4],
                  thumbnail=r[5]) for r in out]


def _attachment_counts(s, column, ids) -> dict[int, int]:
    out: dict[int, int] = {}
    ids = list(ids)
    for i in range(0, len(ids), 500):
        q = (select(column, func.count(Attachment.id)).where(column.in_(ids[i:i + 500]),
                                                             Attachment.deleted_at.is_(None)).group_by(column))
        out.update({k: n for k, n in s.execute(q)})
    return out


def _catalogue(s, center: Center, period: Period, acts, items) -> list[CatalogueRow]:
    """DA/T 22 catalogue: every item of the period, deleted ones too. Pages = the record sheet + attachments."""
    rows = []
    act_photos = _attachment_counts(s, Attachment.activity_id, [a.id for a in acts if a.deleted_at is not None])
    for a in acts:
        photos = a.photos if a.deleted_at is None else act_photos.get(a.id, 0)
        rows.append(((a.start_date.year, 0, a.item_number), CatalogueRow(
            a.item_number, a.organizer or center.name, a.title, a.start_date, 1 + (photos or 0),
            a.deleted_at is not None, a.delete_reason or "")))
    bought = [e for e in items if e.purchase_date >= period.start]
    eq_files = _attachment_counts(s, Attachment.equipment_id, [e.id for e in bought])
    for e in bought:
        title = f"{e.name}（{e.model_spec}）购置登记" if e.model_spec else f"{e.name}购置登记"
        rows.append(((e.year, 1, e.item_number), CatalogueRow(
            e.item_number, center.name, title, e.purchase_date, 1 + eq_files.get(e.id, 0),
            e.deleted_at is not None, e.delete_reason or "")))
    rows.sort(key=lambda r: (r[0][0], r[0][1], len(r[0][2]), r[0][2]))
    return [r for _, r in rows]


def live_facility(facility: Facility) -> bool:
    return facility.deleted_at is None


__all__ = ["collect", "DossierData", "Photo", "CatalogueRow", "Closure"]
