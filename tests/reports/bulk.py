"""Fill an archive fast with a large, valid year (SQLAlchemy Core bulk inserts) for the big-dossier test and
the benchmark: activities, equipment with acceptance stages, a year of opening log, photos with thumbnails.

Item numbers run 1..n without gaps and the item counters match, so the self-check finds no number gaps.
"""

from __future__ import annotations

import io
import random
from datetime import date, time, timedelta

from sqlalchemy import insert, select

from storage import attachments, centers, opening, rules
from storage.models import (
    AcceptanceStage,
    Activity,
    Attachment,
    Blob,
    Center,
    Equipment,
    EquipmentStatusChange,
    ItemCounter,
    OpeningLog,
)

TITLES = ["广场舞培训班", "农家书屋读书分享会", "党员学习日：学习党的最新精神", "防诈骗宣传讲座", "科普进村：安全用电知识",
          "长者健康讲座", "粤曲私伙局演出", "篮球友谊赛", "志愿者清洁家园行动", "少儿暑期阅读班", "电影放映进村",
          "技能培训：电商直播入门（第二期，面向返乡青年和留守妇女）"]
PLACES = ["城东村文体广场", "农家书屋", "城东村文化活动室", "城东村各巷道"]
ORGANIZERS = ["村文体协管员", "农家书屋管理员", "村党支部", "苍城派出所、村委会", "镇科协", "镇卫生院"]
EQUIPMENT = [("LED 显示屏", "音视频设备", "P3 室内全彩 4m×2m"), ("功放音响套装", "音视频设备", "专业舞台 2×500W"),
             ("图书书架", "家具", "双面钢制 2m"), ("乒乓球台", "体育器材", "标准室内"), ("电脑", "电子设备", "台式 i5/8G/512G")]


def small_jpeg(rng: random.Random, label: str, size=(320, 220)) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, tuple(rng.randint(80, 220) for _ in range(3)))
    draw = ImageDraw.Draw(img)
    for _ in range(5):
        x, y, r = rng.randint(0, size[0]), rng.randint(0, size[1]), rng.randint(10, 60)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randint(0, 255) for _ in range(3)))
    draw.text((8, size[1] - 16), label, fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    return out.getvalue()


def fill_year(archive, year: int = 2017, *, activities: int = 2000, equipment: int = 1000, log_days: int = 365,
              photos: int = 300, seed: int = 7) -> None:
    rng = random.Random(seed)
    actor = archive.actor
    with archive.session() as s:
        center = centers.own_center(s)
        cid, code = center.id, center.code
        if not centers.facilities(s, center):
            hall = centers.add_facility(s, actor, center, name="文化活动室", kind="多功能活动室", area_m2=120)
            s.flush()
            for wd in range(1, 7):
                opening.add_slot(s, actor, hall, weekday=wd, start_time="09:00", end_time="12:00",
                                 effective_from=date(year, 1, 1))
                opening.add_slot(s, actor, hall, weekday=wd, start_time="14:00", end_time="21:30",
                                 effective_from=date(year, 1, 1))
    start = date(year, 1, 1)
    days = (date(year, 12, 31) - start).days + 1
    with archive.engine.begin() as conn:
        acts = []
        for i in range(1, activities + 1):
            day = start + timedelta(days=(i - 1) * days // activities)
            acts.append(dict(
                center_id=cid, item_number=f"{code}-{year}-HD-{i:04d}", year=year, seq=i, start_date=day,
                title=TITLES[i % len(TITLES)], category=rules.ACTIVITY_CATEGORIES[i % 9],
                festival=rules.FESTIVALS[i % 8] if i % 17 == 0 else None, location=PLACES[i % len(PLACES)],
                organizer=ORGANIZERS[i % len(ORGANIZERS)], participants=rng.randint(10, 300), summary="",
                created_by=actor))
        conn.execute(insert(Activity), acts)
        items = []
        for i in range(1, equipment + 1):
            name, cat, spec = EQUIPMENT[i % len(EQUIPMENT)]
            items.append(dict(
                center_id=cid, item_number=f"{code}-{year}-SB-{i:04d}", year=year, seq=i, name=name, category=cat,
                model_spec=spec, quantity=rng.randint(1, 5), unit_price_fen=rng.randint(1000, 5_000_000),
                funding_source="专项资金", purchase_date=start + timedelta(days=i * 300 // max(1, equipment)),
                supplier="开平市文体器材有限公司", location="文化活动室", custodian="李秀英", status="在用",
                created_by=actor))
        conn.execute(insert(Equipment), items)
        conn.execute(insert(ItemCounter), [dict(center_id=cid, kind="HD", year=year, last_seq=activities),
                                           dict(center_id=cid, kind="SB", year=year, last_seq=equipment)])
        rows = conn.execute(select(Equipment.id, Equipment.seq, Equipment.purchase_date)
                            .where(Equipment.center_id == cid)).all()
        stages, changes = [], []
        for eid, seq, bought in rows:
            changes.append(dict(equipment_id=eid, status="在用", changed_on=bought, note="购置入账", created_by=actor))
            if seq % 10 == 0:
                continue  # not yet accepted
            stages.append(dict(equipment_id=eid, stage="town", accepted_on=bought + timedelta(days=10), result="通过",
                               people="镇分管领导、镇财政所所长", report_number=f"苍文验〔{year}〕{seq}号", created_by=actor))
            if seq % 3:
                stages.append(dict(equipment_id=eid, stage="city", accepted_on=bought + timedelta(days=30),
                                   result="通过", people="市文广新局检查组", report_number="", created_by=actor))
        conn.execute(insert(EquipmentStatusChange), changes)
        if stages:
            conn.execute(insert(AcceptanceStage), stages)
        logs = [dict(center_id=cid, log_date=start + timedelta(days=d), opened_at=time(9, 0), closed_at=time(21, 30),
                     visitors=rng.randint(5, 90), on_duty="李秀英", notes="", created_by=actor)
                for d in range(min(log_days, days))]
        conn.execute(insert(OpeningLog), logs)
        act_ids = [r[0] for r in conn.execute(select(Activity.id).where(Activity.center_id == cid)
                                             .order_by(Activity.seq).limit(photos))]
        blobs, atts = [], []
        for n, aid in enumerate(act_ids):
            data = small_jpeg(rng, f"photo {n}")
            digest = attachments.sha256(data)
            blobs.append(dict(sha256=digest, size=len(data), mime="image/jpeg", data=data,
                              thumbnail=attachments.make_thumbnail(data)))
            atts.append(dict(sha256=digest, filename=f"photo-{n}.jpg", caption=f"活动照片 {n + 1}",
                             taken_on=None, owner_kind="activity", owner_id=aid, created_by=actor))
        if blobs:
            conn.execute(insert(Blob), blobs)
            conn.execute(insert(Attachment), atts)


def center_code(archive) -> str:
    with archive.session() as s:
        return s.scalar(select(Center.code).where(Center.id == centers.own_center(s).id))
