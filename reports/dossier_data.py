"""Everything the inspection dossier shows, read from the archive in one session (no ReportLab, no Qt).

``collect(archive, center_uuid, period, deterministic) -> DossierData``. The registers leave deleted
records out; the catalogue keeps them (``catalogue`` rows carry ``deleted`` and the reason).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from storage import asof, catalogue, centers, hours, indicators, period_reads, queries
from storage.fingerprint import period_fingerprint
from storage.models import Center, Closure
from storage.period import Period
from storage.settings import Settings

from .photos import PrintImage, print_image

LOCAL_TZ = asof.LOCAL_TZ
PHOTO_BOX_MM = (48.0, 38.0)  # the largest a photo prints in the appendix (two photos with captions a row)


@dataclass
class Photo:
    item_number: str
    caption: str
    taken_on: date | None
    filename: str
    thumbnail: bytes | None
    owner_kind: str  # 活动 / 设备 / 验收 / 开放登记
    sha256: str = ""
    printed: PrintImage | None = None  # the original reduced for print (``reports.photos``)


@dataclass
class CatalogueRow:
    item_number: str
    responsible: str
    title: str
    day: date
    pages: int
    deleted: bool
    reason: str
    kind: str = ""  # the record kind's key (storage.kinds)


@dataclass
class DossierData:
    center: asof.Profile  # the center's profile as of the period's end
    period: Period
    fingerprint: str
    printed: datetime
    facilities: list = field(default_factory=list)
    slots: dict = field(default_factory=dict)  # facility id -> [ScheduleSlot]
    activities: list = field(default_factory=list)  # live rows (queries.activity_rows), item-number order
    equipment: list = field(default_factory=list)  # live Equipment bought up to the period's end
    stages: dict = field(default_factory=dict)  # equipment id -> {stage: AcceptanceStage} dated by the end
    acceptance: dict = field(default_factory=dict)  # equipment id -> asof.Acceptance (held and later stages)
    status_at_end: dict = field(default_factory=dict)  # equipment id -> status on the period's last day
    closures: list = field(default_factory=list)  # live closures starting in the period, by date
    logs: list = field(default_factory=list)  # live opening log of the period, by date
    opening: hours.OpeningData | None = None
    photos: list[Photo] = field(default_factory=list)
    catalogue: list[CatalogueRow] = field(default_factory=list)
    indicator_profile: str = ""  # key of storage.indicators.PROFILES ("" = the default)
    indicators: list = field(default_factory=list)  # storage.indicators.Result, measured as of the end

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
            out[self.acceptance[e.id].level] += 1
        return out

    def weeks(self) -> list[tuple[date, float]]:
        return hours.hours_by_week(self.opening, self.period.start, self.period.end - timedelta(days=6))


def _center(s, center_uuid: str | None) -> Center:
    return period_reads.center(s, center_uuid)


def _printed(s, period: Period, deterministic: bool) -> datetime:
    if not deterministic:
        return datetime.now(LOCAL_TZ).replace(microsecond=0)
    last = period_reads.last_change(s)
    if last is None:
        return datetime.combine(period.end, time(12, 0), LOCAL_TZ)
    return last.astimezone(LOCAL_TZ).replace(microsecond=0)


def collect(archive, center_uuid: str | None, period: Period, deterministic: bool = False,
            indicator_profile: str | None = None, fingerprint: bool = True) -> DossierData:
    """Everything as recorded on or before the period's last day (``storage.asof``). The indicator
    profile defaults to the one chosen in settings. ``fingerprint=False`` leaves ``fingerprint`` empty
    for the caller to fill (``reports.side_reads`` computes it beside the rest)."""
    if indicator_profile is None:
        indicator_profile = Settings.load().indicator_profile
    end = period.end
    with archive.session() as s:
        center = _center(s, center_uuid)
        data = DossierData(center=asof.profile(s, center, end), period=period,
                           printed=_printed(s, period, deterministic),
                           fingerprint=period_fingerprint(s, center, period.start, end) if fingerprint else "")
        data.facilities = centers.facilities(s, center)
        data.slots = asof.slots(s, center, period.start, end)
        all_acts = queries.activity_rows(s, center.id, start=period.start, end=end, include_deleted=True)
        data.activities = [a for a in all_acts if a.deleted_at is None]
        ledger = asof.ledger(s, center, end)
        data.equipment = [line.item for line in ledger]
        data.acceptance = {line.item.id: line.acceptance for line in ledger}
        data.stages = {line.item.id: line.acceptance.held for line in ledger}
        data.status_at_end = {line.item.id: line.status for line in ledger}
        data.closures = asof.closures(s, center, period.start, end)
        data.logs = queries.log_rows(s, center.id, start=period.start, end=end, descending=False)
        data.opening = hours.load(s, center)
        data.photos = [Photo(**vars(p)) for p in period_reads.photos(s, center, period.start, end)]
        _print_images(s, data.photos)
        data.indicator_profile = indicators.profile(indicator_profile).key
        data.indicators = indicators.measure(s, center, period.start, end, data.indicator_profile)
        data.catalogue = [CatalogueRow(e.item_number, e.responsible or data.center.name, e.title, e.day, e.pages,
                                       e.deleted, e.reason, e.kind) for e in catalogue.entries(s, center.id, period.start, end)]
        s.expunge_all()
    return data


def _print_images(s, photos: list[Photo]) -> None:
    """Each original read one at a time and reduced for print, so a year of photos never sits in memory."""
    done: dict[str, PrintImage | None] = {}
    for p in photos:
        if p.sha256 not in done:
            original = period_reads.original(s, p.sha256)
            done[p.sha256] = print_image(original, PHOTO_BOX_MM) if original else None
        p.printed = done[p.sha256]


__all__ = ["collect", "DossierData", "Photo", "CatalogueRow", "Closure"]
