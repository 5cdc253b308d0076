"""The archive's tables (SQLAlchemy 2 declarative).

Every record has an integer key (local), a UUID (for exchange), timestamps in UTC and created-by.
Registers are soft-deleted with a reason; nothing a keeper entered is ever dropped.
Money is stored as integer fen (分) so it is exact on every database.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import date, datetime, time, timezone
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_uuid() -> str:
    return str(uuidlib.uuid4())


class UTCDateTime(TypeDecorator):
    """Stores naive UTC, hands back aware UTC (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Tracked:
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class SoftDeleted:
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    deleted_by: Mapped[str | None] = mapped_column(String(100), default=None)
    delete_reason: Mapped[str | None] = mapped_column(String(500), default=None)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class ArchiveMeta(Base):
    """Key/value facts about the file: role (village/station/city), own center, last export."""

    __tablename__ = "archive_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Center(Tracked, Base):
    __tablename__ = "center"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    town: Mapped[str] = mapped_column(String(100))
    village: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(300), default="")
    keeper: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    is_demonstration: Mapped[bool] = mapped_column(Boolean, default=False)
    weekly_standard_hours: Mapped[float] = mapped_column(Float, default=42.0)
    # Exchange: the public key travels in every bag; the private key only in the village's own archive.
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    private_key: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    # Station plan (规划): status and the quarter the center is due to be built by, e.g. "2017Q2".
    # On a station plan_status mirrors the latest PlanStatusChange, which is the record (storage/plan_status.py);
    # a center that only sent an archive file keeps the value its file carried and has no history.
    plan_status: Mapped[str] = mapped_column(String(20), default="built")
    target_quarter: Mapped[str | None] = mapped_column(String(7), default=None)
    # Archive identity (DA/T 22): the fonds number the town or county assigns (blank until assigned) and
    # the retention rule by record kind ("activity=定期10年;equipment=定期30年"; blank = the defaults).
    fonds_number: Mapped[str] = mapped_column(String(20), default="", server_default="")
    retention_rule: Mapped[str] = mapped_column(String(200), default="", server_default="")

    facilities: Mapped[list[Facility]] = relationship(back_populates="center", order_by="Facility.id")


class Facility(Tracked, SoftDeleted, Base):
    __tablename__ = "facility"
    center_id: Mapped[int] = mapped_column(ForeignKey("center.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(50), default="")
    area_m2: Mapped[float | None] = mapped_column(Float, default=None)

    center: Mapped[Center] = relationship(back_populates="facilities")


class ItemCounter(Base):
    """Last item number handed out per center, kind and year: numbers only ever go up."""

    __tablename__ = "item_counter"
    center_id: Mapped[int] = mapped_column(ForeignKey("center.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(4), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class Activity(Tracked, SoftDeleted, Base):
    __tablename__ = "activity"
    __table_args__ = (
        UniqueConstraint("center_id", "item_number", name="uq_activity_center_item"),
        CheckConstraint("participants >= 0", name="participants_nonneg"),
        Index("ix_activity_center_start", "center_id", "start_date"),  # a center's year or quarter
    )
    center_id: Mapped[int] = mapped_column(ForeignKey("center.id"), index=True)
    item_number: Mapped[str] = mapped_column(String(64), index=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    start_time: Mapped[time | None] = mapped_column(Time, default=None)
    end_time: Mapped[time | None] = mapped_column(Time, default=None)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(20), index=True)
    festival: Mapped[str | None] = mapped_column(String(20), default=None)
    location: Mapped[str] = mapped_column(String(200), default="")
    organizer: Mapped[str] = mapped_column(String(200), default="")
    participants: Mapped[int | None] = mapped_column(Integer, default=None)
    summary: Mapped[str] = mapped_column(Text, default="")


class Equipment(Tracked, SoftDeleted, Base):
    __tablename__ = "equipment"
    __table_args__ = (
        UniqueConstraint("center_id", "item_number", name="uq_equipment_center_item"),
        CheckConstraint("quantity >= 1", name="quantity_positive"),
        CheckConstraint("unit_price_fen >= 0", name="price_nonneg"),
    )
    center_id: Mapped[int] = mapped_column(ForeignKey("center.id"), index=True)
    item_number: Mapped[str] = mapped_column(String(64), index=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(50), default="")
    model_spec: Mapped[str] = mapped_column(String(200), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    unit_price_fen: Mapped[int] = mapped_column(Integer, default=0)
    funding_source: Mapped[str] = mapped_column(String(100), default="")
    purchase_date: Mapped[date] = mapped_column(Date)
    supplier: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    custodian: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(10), default="在用")

    stages: Mapped[list[AcceptanceStage]] = relationship(order_by="AcceptanceStage.id")
    status_history: Mapped[list[EquipmentStatusChange]] = relationship(order_by="EquipmentStatusChange.id")

    @property
    def unit_price(self) -> Decimal:
        return Decimal(self.unit_price_fen) / 100

    @property
    def total_price(self) -> Decimal:
        return Decimal(self.unit_price_fen * self.quantity) / 100


class EquipmentStatusChange(Tracked, Base):
    __tablename__ = "equipment_status_change"
    equipment_id: Mapped[int] = mapped_column(ForeignKey("equipment.id"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    changed_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(500), default="")


class PlanStatusChange(Tracked, Base):
    """The station's dated record of a center's build status (规划中/建设中/已建成/已验收): appended, never edited."""

    __tablename__ = "plan_status_change"
    center_id: Mapped[int] = mapped_column(ForeignKey("center.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(500), default="")


class CenterFigures(Base):
    """A center's figures for one year, computed once when the station imports its archive file, so the
    station's overview and town report never run a self-check per view. Rewritten by every import."""

    __tablename__ = "center_figures"
    center_id: Mapped[int] = mapped_column(ForeignKey("center.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    findings: Mapped[int] = mapped_column(Integer)
    errors: Mapped[int] = mapped_column(Integer)
    checked_to: Mapped[date] = mapped_column(Date)  # the self-check's last day: the year's end or the bagging day
    bag_sha256: Mapped[str] = mapped_column(String(64))


class CenterIndicator(Base):
    """One line of a center's indicator checklist (达标对照表) for one year under one regional profile,
    measured when the station imports its archive file (``storage.exchange.figures``)."""

    __tablename__ = "center_indicator"
    center_id: Mapped[int] = mapped_column(ForeignKey("center.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(100))
    threshold: Mapped[str] = mapped_column(String(200))
    measured: Mapped[str] = mapped_column(String(200))
    met: Mapped[bool | None] = mapped_column(Boolean, default=None)


class AcceptanceStage(Tracked, Base):
    """One layer of acceptance: town (镇街现场验收), city (市局检查), prefecture (上级检查组)."""

    __tablename__ = "acceptance_stage"
    __table_args__ = (UniqueConstraint("equipment_id", "stage", name="equipment_stage"),)
    equipment_id: Mapped[int] = mapped_column(ForeignKey("equipment.id"), index=True)
    stage: Mapped[str] = mapped_column(String(12))
    accepted_on: Mapped[date] = mapped_column(Date)
    people: Mapped[str] = mapped_column(String(300), default="")
    result: Mapped[str] = mapped_column(String(10))
    report_number: Mapped[str] = mapped_column(String(100), default="")
    remarks: Mapped[str] = mapped_column(String(500), default="")


class ScheduleSlot(Tracked, SoftDeleted, Base):
    """A weekly opening slot of one facility; weekday 0 = Monday."""

    __tablename__ = "schedule_slot"
    __table_args__ = (CheckConstraint("weekday >= 0 AND weekday <= 6", name="weekday_range"),)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date, default=None)


class Closure(Tracked, SoftDeleted, Base):
    """A posted closure (闭馆公告) or an extra opening (kind='extra'), over whole days."""

    __tablename__ = "closure"
    center_id: Mapped[int] = mapped_column(ForeignKey("center.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="closure")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time, default=None)
    end_time: Mapped[time | None] = mapped_column(Time, default=None)
    reason: Mapped[str] = mapped_column(String(500))
    notice_date: Mapped[date | None] = mapped_column(Date, default=None)


class OpeningLog(Tracked, SoftDeleted, Base):
    """The daily opening log (开放登记): proof the center was really open."""

    __tablename__ = "opening_log"
    __table_args__ = (CheckConstraint("visitors >= 0", name="visitors_nonneg"),)
    center_id: Mapped[int] = mapped_column(ForeignKey("center.id"), index=True)
    log_date: Mapped[date] = mapped_column(Date, index=True)
    opened_at: Mapped[time] = mapped_column(Time)
    closed_at: Mapped[time] = mapped_column(Time)
    visitors: Mapped[int] = mapped_column(Integer, default=0)
    on_duty: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(String(500), default="")


class Blob(Base):
    """Attachment bytes, content-addressed by SHA-256, kept in the archive file itself:
    one file to back up, carry and check."""

    __tablename__ = "blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    data: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Attachment(Tracked, SoftDeleted, Base):
    """A file linked to exactly one owner record: ``owner_kind`` is a key of ``storage.kinds`` (a kind that owns
    attachments), ``owner_id`` that record's id. One pair instead of a nullable key per owner kind, so a new
    owner kind needs no schema change; ``storage.attachments`` checks the pair and the self-check finds orphans."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_kind", "owner_id"),)
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    caption: Mapped[str] = mapped_column(String(300), default="")
    taken_on: Mapped[date | None] = mapped_column(Date, default=None)
    owner_kind: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int] = mapped_column(Integer)

    blob: Mapped[Blob] = relationship()


class AuditEntry(Base):
    """Append-only: who did what to which record, with the record before and after (JSON)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40))
    entity_uuid: Mapped[str] = mapped_column(String(36), index=True)
    item_number: Mapped[str | None] = mapped_column(String(64), default=None)
    before: Mapped[str | None] = mapped_column(Text, default=None)
    after: Mapped[str | None] = mapped_column(Text, default=None)
    reason: Mapped[str | None] = mapped_column(String(500), default=None)


class SheetImport(Tracked, Base):
    """One spreadsheet import: the source file's name and hash, so the same file adds nothing twice."""

    __tablename__ = "sheet_import"
    center_id: Mapped[int] = mapped_column(ForeignKey("center.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    source_name: Mapped[str] = mapped_column(String(255))
    source_sha256: Mapped[str] = mapped_column(String(64), index=True)
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_added: Mapped[int] = mapped_column(Integer, default=0)
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0)


class BagImport(Tracked, Base):
    """Every archive file a station was handed: what it was, who signed it and what came of it."""

    __tablename__ = "bag_import"
    center_uuid: Mapped[str | None] = mapped_column(String(36), index=True, default=None)
    source_name: Mapped[str] = mapped_column(String(255))
    bag_sha256: Mapped[str] = mapped_column(String(64), index=True)
    signer_fingerprint: Mapped[str | None] = mapped_column(String(100), default=None)
    bagging_date: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    result: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
