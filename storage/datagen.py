"""Deterministic, seeded test datasets for benchmarks and the crash suite.

Sizes: S = the demo archive (``storage.demo``); M = one heavy year (2,000 activities, 1,000 equipment
items, up to 365 log days, 300 photos); L = ten years (50,000 activities, 5,000 equipment items, up to
3,650 log days, 5,000 small photos). Log days fall only on days the schedule opens and no closure is
posted for (about 308 a year), so the opening log never contradicts the schedule. Records go in with SQLAlchemy Core bulk inserts into an archive made by
``open_archive(create=True)`` + ``centers.create_center(own=True)``. Every generated record passes the
register's own ``clean_*`` validator; item numbers run 1..n per year with matching ``ItemCounter`` rows;
each record gets its "create" (or "accept") audit entry, inserted in bulk. Photos are small generated
JPEGs with thumbnails. ``village_bags`` makes N one-year village archives and exports their bags
(Kaiping has 315 villages). The same seed gives the same records (UUIDs included); only the center's
signing key is fresh per archive.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import uuid as uuidlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, insert, select

from . import (
    activities,
    attachments,
    audit,
    centers,
    demo,
    equipment,
    festivals,
    kinds,
    numbering,
    opening,
    paths,
    rules,
)
from .engine import Archive, open_archive
from .models import (
    AcceptanceStage,
    Activity,
    Attachment,
    AuditEntry,
    Blob,
    Closure,
    Equipment,
    EquipmentStatusChange,
    Facility,
    ItemCounter,
    OpeningLog,
    ScheduleSlot,
)

ACTOR = "数据生成器"
TOWNS = ("长沙街道", "三埠街道", "月山镇", "水口镇", "沙塘镇", "苍城镇", "龙胜镇", "大沙镇", "马冈镇", "塘口镇",
         "赤坎镇", "百合镇", "蚬冈镇", "金鸡镇", "赤水镇")


@dataclass(frozen=True)
class Spec:
    years: int
    activities: int
    equipment: int
    log_days: int
    photos: int
    photo_px: tuple[int, int] = (160, 120)


SIZES = {
    "M": Spec(years=1, activities=2000, equipment=1000, log_days=365, photos=300, photo_px=(320, 240)),
    "L": Spec(years=10, activities=50_000, equipment=5000, log_days=3650, photos=5000),
}
VILLAGE_YEAR = Spec(years=1, activities=40, equipment=10, log_days=300, photos=4, photo_px=(96, 72))
SIZE_NAMES = {"S": "示例档案（与 demo 相同）", "M": "一个繁忙的年度", "L": "十年"}


def first_year(spec: Spec, today: date | None = None) -> int:
    """The generated period ends with the last complete year, so every date is in the past."""
    return (today or date.today()).year - spec.years


def photo_bytes(rng: random.Random, label: str, size: tuple[int, int]) -> bytes:
    from PIL import Image, ImageDraw

    w, h = size
    img = Image.new("RGB", size, tuple(rng.randint(60, 220) for _ in range(3)))
    draw = ImageDraw.Draw(img)
    for _ in range(4):
        x, y = rng.randint(0, w), rng.randint(0, h)
        r = rng.randint(w // 12, w // 4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randint(0, 255) for _ in range(3)))
    draw.rectangle((0, h - 14, w, h), fill=(20, 20, 20))
    draw.text((3, h - 13), label, fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=75)
    return out.getvalue()


class _Bulk:
    """Collects rows per table with explicit ids and deterministic UUIDs, plus their audit entries."""

    def __init__(self, s, rng: random.Random):
        self.s, self.rng = s, rng
        self.rows: dict = {}
        self.next_id: dict = {}
        self.audit: list[dict] = []

    def uuid(self) -> str:
        return str(uuidlib.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, model, fields: dict, *, on: date, action: str | None = "create", item_number=None) -> dict:
        table = model.__table__
        if model not in self.next_id:
            self.next_id[model] = (self.s.scalar(select(func.max(table.c.id))) or 0) + 1
        stamp = datetime.combine(on, time(12, 0), timezone.utc) + timedelta(minutes=self.rng.randint(0, 600))
        row = {"id": self.next_id[model], "uuid": self.uuid(), "created_at": stamp, "updated_at": stamp,
               "created_by": ACTOR, **fields}
        if "deleted_at" in table.c:
            row.update(deleted_at=None, deleted_by=None, delete_reason=None)
        self.next_id[model] += 1
        self.rows.setdefault(model, []).append(row)
        if action:
            after = {k: audit.plain(v) for k, v in row.items() if k not in audit.SKIP}
            self.audit.append({"at": stamp, "actor": ACTOR, "action": action, "entity": table.name,
                               "entity_uuid": row["uuid"], "item_number": item_number, "before": None,
                               "after": json.dumps(after, ensure_ascii=False, sort_keys=True), "reason": None})
        return row

    def flush(self) -> None:
        order = [k.model for k in kinds.KINDS.values()]  # parents first
        unknown = set(self.rows) - set(order)
        if unknown:
            raise ValueError(f"not in storage.kinds: {unknown}")
        for model in order:
            rows = self.rows.get(model, [])
            for i in range(0, len(rows), 5000):
                self.s.execute(insert(model.__table__), rows[i:i + 5000])
        for i in range(0, len(self.audit), 5000):
            self.s.execute(insert(AuditEntry.__table__), self.audit[i:i + 5000])
        self.rows, self.audit = {}, []


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _schedule(b: _Bulk, center_id: int, start: date) -> None:
    plan = (("农家书屋", "阅览室", 60, (("09:00", "12:00"), ("14:30", "17:30"))),
            ("文化活动室", "多功能活动室", 120, (("14:30", "17:30"), ("19:00", "21:30"))),
            ("文体广场", "室外场地", 800, ()))
    for name, kind, area, slots in plan:
        fac = b.add(Facility, {"center_id": center_id, **centers.clean_facility(
            {"name": name, "kind": kind, "area_m2": area})}, on=start)
        for weekday in range(1, 7):
            for begin, end in slots:
                b.add(ScheduleSlot, {"facility_id": fac["id"], **opening.clean_slot(
                    {"weekday": weekday, "start_time": begin, "end_time": end, "effective_from": start})}, on=start)


def _numbered(b: _Bulk, model, kind: str, center: dict, dated: list[tuple[date, dict]]) -> list[dict]:
    """Give item numbers 1..n per year in date order; record the counters."""
    made, last = [], {}
    for day, fields in sorted(dated, key=lambda p: p[0]):
        seq = last.get(day.year, 0) + 1
        last[day.year] = seq
        number = numbering.format_number(center["code"], day.year, kind, seq)
        made.append(b.add(model, {"center_id": center["id"], "item_number": number, "year": day.year, "seq": seq,
                                  **fields}, on=day, item_number=number))
    for year, seq in last.items():
        b.rows.setdefault(ItemCounter, []).append({"center_id": center["id"], "kind": kind, "year": year,
                                                  "last_seq": seq})
    return made


def _activities(b: _Bulk, rng: random.Random, center: dict, days: list[date], n: int) -> list[dict]:
    dated = []
    for i in range(n):
        day = rng.choice(days)
        title, cat, fest, place, org, (lo, hi) = rng.choice(demo.ACTIVITY_TEMPLATES)
        begin = rng.choice([9, 14, 19])
        fields = activities.clean_activity({
            "start_date": day, "start_time": f"{begin:02d}:30", "end_time": f"{begin + 2:02d}:00",
            "title": f"{title}（第{i + 1}场）", "category": cat, "festival": fest, "location": place,
            "organizer": org, "participants": rng.randint(lo, hi) if rng.random() > 0.03 else None,
            "summary": f"{title}，村民踊跃参加。"})
        dated.append((day, fields))
    return _numbered(b, Activity, kinds.KINDS["activity"].number_code, center, dated)


def _equipment(b: _Bulk, rng: random.Random, center: dict, days: list[date], n: int, today: date) -> None:
    dated = []
    for _ in range(n):
        name, cat, spec, qty, price, _year = rng.choice(demo.EQUIPMENT)
        fields = equipment.clean_equipment({
            "name": name, "category": cat, "model_spec": spec, "quantity": qty, "unit_price": price,
            "funding_source": "省级基层综合性文化服务中心专项资金", "purchase_date": rng.choice(days),
            "supplier": "开平市文体器材有限公司", "location": "文化活动室", "custodian": rng.choice(demo.PEOPLE)})
        status = rng.choices(rules.EQUIPMENT_STATUSES, weights=(90, 4, 4, 2))[0]
        dated.append((fields["purchase_date"], {**fields, "status": status}))
    for item in _numbered(b, Equipment, kinds.KINDS["equipment"].number_code, center, dated):
        bought = item["purchase_date"]
        b.add(EquipmentStatusChange, {"equipment_id": item["id"], "status": item["status"], "changed_on": bought,
                                      "note": "购置入账"}, on=bought, action=None)
        day = bought
        for stage, people, (lo, hi) in (("town", "镇分管领导、镇财政所所长、镇文体服务中心主任", (10, 30)),
                                        ("city", "开平市文广新局检查组", (20, 60)),
                                        ("prefecture", "江门市文广新局检查组", (30, 90))):
            day = day + timedelta(days=rng.randint(lo, hi))
            if day >= today or rng.random() < 0.1:
                break
            result = "通过" if rng.random() > 0.05 else "整改"
            b.add(AcceptanceStage, {"equipment_id": item["id"], "stage": stage, "accepted_on": rules.as_date(
                day, "验收日期", "accepted_on"), "people": people, "result": result,
                "report_number": f"验〔{day.year}〕{item['seq']}号", "remarks": ""}, on=day, action="accept")
            if result != "通过":
                break


def _opening(b: _Bulk, rng: random.Random, center: dict, days: list[date], n: int) -> None:
    closed: set[date] = set()
    for year in sorted({d.year for d in days}):
        spring = festivals.festival_day("春节", year) + timedelta(days=1)
        for start, length, reason, notice in ((spring, 3, "春节假期闭馆", 10),
                                              (date(year, 8, 12), 2, "活动室线路检修", 8)):
            fields = opening.clean_closure({"kind": "closure", "start_date": start,
                                            "end_date": start + timedelta(days=length - 1), "reason": reason,
                                            "notice_date": start - timedelta(days=notice)})
            b.add(Closure, {"center_id": center["id"], **fields}, on=start - timedelta(days=notice))
            closed.update(start + timedelta(days=i) for i in range(length))
    # log only days the schedule opens (Tuesday to Sunday) and no closure is posted for
    open_days = [d for d in days if d.weekday() != 0 and d not in closed]
    for day in sorted(rng.sample(open_days, min(n, len(open_days)))):
        fields = opening.clean_log({"log_date": day, "opened_at": "09:00",
                                    "closed_at": rng.choice(["21:30", "21:30", "17:30"]),
                                    "visitors": rng.randint(8, 90), "on_duty": rng.choice(demo.PEOPLE)})
        b.add(OpeningLog, {"center_id": center["id"], **fields}, on=day)


def _photos(b: _Bulk, rng: random.Random, made: list[dict], n: int, px: tuple[int, int]) -> None:
    blobs = {}
    for act in rng.sample(made, min(n, len(made))):
        data = photo_bytes(rng, act["item_number"], px)
        digest = attachments.sha256(data)
        if digest not in blobs:
            blobs[digest] = {"sha256": digest, "size": len(data), "mime": "image/jpeg", "data": data,
                             "thumbnail": attachments.make_thumbnail(data),
                             "created_at": datetime.combine(act["start_date"], time(12), timezone.utc)}
        b.add(Attachment, {"sha256": digest, "filename": f"{act['item_number']}.jpg", "caption": act["title"],
                           "taken_on": act["start_date"], "owner_kind": "activity", "owner_id": act["id"]}, on=act["start_date"])
    b.s.execute(insert(Blob.__table__), list(blobs.values())) if blobs else None


def fill(archive: Archive, spec: Spec, seed: int, today: date | None = None) -> dict[str, int]:
    """Add a spec's records to the archive's own center (one transaction). Returns the counts."""
    today = today or date.today()
    rng = random.Random(seed)
    start = date(first_year(spec, today), 1, 1)
    days = _days(start, date(start.year + spec.years - 1, 12, 31))
    with archive.session() as s:
        own = centers.own_center(s)
        center = {"id": own.id, "code": own.code}
        b = _Bulk(s, rng)
        _schedule(b, own.id, start)
        made = _activities(b, rng, center, days, spec.activities)
        _equipment(b, rng, center, days, spec.equipment, today)
        _opening(b, rng, center, days, spec.log_days)
        _photos(b, rng, made, spec.photos, spec.photo_px)
        counts = {m.__tablename__: len(rows) for m, rows in b.rows.items()}
        counts["audit_log"] = len(b.audit)
        b.flush()
    return counts


def new_village(path: Path, *, code: str, town: str, village: str, seed: int, template: Path | None = None) -> Archive:
    """A fresh village archive with its own center. ``template`` (an empty migrated archive) saves the
    migration time when many archives are made."""
    path = Path(path)
    if template is not None:
        if path.exists():
            open_archive(path, create=True)  # raises the usual "already exists" refusal
        shutil.copyfile(template, path)
        archive = open_archive(path, actor=ACTOR, daily_backup=False)
    else:
        archive = open_archive(path, create=True, actor=ACTOR)
    rng = random.Random(seed)
    try:
        with archive.session() as s:
            centers.create_center(s, ACTOR, own=True, name=f"{town}{village}综合性文化服务中心", town=town,
                                  village=village, code=code, keeper=rng.choice(demo.PEOPLE),
                                  uuid=str(uuidlib.UUID(int=rng.getrandbits(128), version=4)))
            centers.set_role(s, "village")
    except BaseException:
        archive.close()
        raise
    return archive


def generate(path, size: str = "M", seed: int = 1, today: date | None = None) -> dict[str, int]:
    """Write a new archive of size S, M or L at ``path`` (never overwrites). Returns the record counts."""
    path = Path(path)
    size = size.upper()
    if size == "S":
        demo.create_demo(path, seed=seed)
        return {}
    if size not in SIZES:
        rules.fail("bad_size", f"数据规模只能是 S、M 或 L，不是“{size}”。", "size")
    archive = new_village(path, code=f"GEN{size}", town="苍城镇", village="城东村", seed=seed)
    try:
        return fill(archive, SIZES[size], seed, today)
    except BaseException:
        archive.close()
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), paths.lock_path(path)):
            p.unlink(missing_ok=True)
        raise
    finally:
        archive.close()


def placeholder_pdf() -> bytes:
    """A one-page PDF standing in for the dossier when a bag's PDF is not what is being measured."""
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(595, 842)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def village_bags(folder, count: int = 315, seed: int = 1, spec: Spec = VILLAGE_YEAR, dossier_pdf: bytes | None = None,
                 keep_archives: bool = False, progress=None) -> list[Path]:
    """``count`` one-year village archives (15 towns, codes KP001…), each exported as a signed bag into
    ``folder``. Uses the exchange engineer's ``export_bag``; the dossier is a placeholder unless given."""
    from .exchange.export import export_bag

    folder = Path(folder)
    work = folder / "archives"
    work.mkdir(parents=True, exist_ok=True)
    template = work / "template.db"
    if not template.exists():
        open_archive(template, create=True, actor=ACTOR).close()
    pdf = dossier_pdf or placeholder_pdf()
    bags = []
    for n in range(1, count + 1):
        town = TOWNS[(n - 1) % len(TOWNS)]
        path = work / f"KP{n:03d}.db"
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
        archive = new_village(path, code=f"KP{n:03d}", town=town, village=f"第{n}村", seed=seed * 100_000 + n,
                              template=template)
        try:
            fill(archive, spec, seed * 100_000 + n)
            bags.append(export_bag(archive, folder / f"KP{n:03d}.zip", dossier_pdf=pdf).path)
        finally:
            archive.close()
        if not keep_archives:
            for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), paths.lock_path(path)):
                p.unlink(missing_ok=True)
        if progress is not None:
            progress(n, count)
    if not keep_archives:
        template.unlink(missing_ok=True)
        paths.lock_path(template).unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    return bags


def new_station(path, *, code: str = "KPSTATION", town: str = "开平市") -> Archive:
    """A fresh station archive (镇街文体服务中心) ready to import village bags."""
    archive = open_archive(path, create=True, actor="镇街管理员")
    try:
        with archive.session() as s:
            centers.create_center(s, archive.actor, own=True, station=True, name=f"{town}文体服务中心", town=town,
                                  code=code)
            centers.set_role(s, "station")
    except BaseException:
        archive.close()
        raise
    return archive
