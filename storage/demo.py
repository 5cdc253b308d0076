"""A demo archive built on the facts of the 2017 Kaiping report (see DOMAIN.md).

苍城镇城东村 from 2017 to this year: the report's Spring Festival dragon dance, a realistic year of
activities each year, equipment bought with special funds and accepted in layers, a posted
schedule, closures, the daily opening log and a few generated photos. Deterministic per seed.
"""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from pathlib import Path

from . import activities, attachments, centers, equipment, festivals, opening, records
from .engine import Archive, open_archive
from .models import Center

REPORT_EVENTS_2017 = [
    # The events the report names, as this village would have filed them.
    (date(2017, 1, 28), "春节舞龙闹新春", "民俗节庆", "春节", "城东村文体广场", "城东村委会", 600),
    (date(2017, 2, 11), "元宵文艺晚会", "文化娱乐", "元宵", "城东村文化活动室", "城东村委会", 260),
    (date(2017, 5, 30), "端午龙舟邀请赛观赛活动", "体育健身", "端午", "潭江城东河段", "城东村委会", 420),
    (date(2017, 10, 4), "中秋舞龙巡游", "民俗节庆", "中秋", "城东村各自然村", "城东村委会", 380),
]
ACTIVITY_TEMPLATES = [
    ("广场舞培训班", "体育健身", None, "城东村文体广场", "村文体协管员", (30, 80)),
    ("农家书屋读书分享会", "阅读服务", None, "农家书屋", "农家书屋管理员", (15, 40)),
    ("党员学习日：学习党的最新精神", "党员教育", None, "城东村文化活动室", "村党支部", (20, 45)),
    ("防诈骗宣传讲座", "宣传教育", None, "城东村文化活动室", "苍城派出所、村委会", (40, 120)),
    ("科普进村：安全用电知识", "科学普及", None, "城东村文化活动室", "镇科协", (30, 90)),
    ("长者健康讲座", "培训讲座", None, "城东村文化活动室", "镇卫生院", (25, 70)),
    ("粤曲私伙局演出", "文化娱乐", None, "城东村文化活动室", "城东曲艺队", (40, 150)),
    ("篮球友谊赛", "体育健身", None, "城东村文体广场", "村青年篮球队", (30, 200)),
    ("志愿者清洁家园行动", "志愿服务", None, "城东村各巷道", "村志愿服务队", (20, 60)),
    ("少儿暑期阅读班", "阅读服务", None, "农家书屋", "农家书屋管理员", (15, 35)),
    ("电影放映进村", "文化娱乐", None, "城东村文体广场", "市农村电影放映队", (80, 300)),
    ("技能培训：电商直播入门", "培训讲座", None, "城东村文化活动室", "镇人社服务中心", (20, 50)),
]
FESTIVAL_EVENTS = [
    # held on the festival's own day of each year (storage.festivals: lunar calendar, 清明 as a solar term)
    ("春节游园活动", "民俗节庆", "春节"), ("元宵猜灯谜", "文化娱乐", "元宵"),
    ("清明文明祭扫宣传", "宣传教育", "清明"), ("端午包粽子比赛", "民俗节庆", "端午"),
    ("中秋文艺晚会", "文化娱乐", "中秋"), ("重阳敬老宴", "民俗节庆", "重阳"),
    ("国庆升旗仪式", "宣传教育", "国庆"),
]
EQUIPMENT = [
    # name, category, spec, qty, unit price (yuan), year
    ("LED 显示屏", "音视频设备", "P3 室内全彩 4m×2m", 1, "48000.00", 2017),
    ("功放音响套装", "音视频设备", "专业舞台 2×500W", 1, "12800.00", 2017),
    ("无线话筒", "音视频设备", "UHF 一拖二", 4, "680.00", 2017),
    ("投影仪", "音视频设备", "5000 流明", 1, "6500.00", 2017),
    ("图书书架", "家具", "双面钢制 2m", 12, "950.00", 2017),
    ("阅览桌椅", "家具", "六人位", 6, "1800.00", 2017),
    ("电脑", "电子设备", "台式 i5/8G/512G", 3, "4200.00", 2018),
    ("乒乓球台", "体育器材", "标准室内", 2, "2600.00", 2018),
    ("户外健身路径", "体育器材", "12 件套", 1, "36000.00", 2018),
    ("舞龙道具", "文艺器材", "金龙 9 节", 2, "5200.00", 2018),
    ("醒狮道具", "文艺器材", "佛山狮头", 2, "3600.00", 2019),
    ("篮球架", "体育器材", "移动式", 2, "7800.00", 2019),
    ("空调", "电器", "3 匹柜机", 2, "5600.00", 2020),
    ("广播系统", "音视频设备", "村村通应急广播", 1, "15000.00", 2021),
    ("消毒柜", "电器", "立式", 1, "1500.00", 2022),
]
PEOPLE = ["陈志强", "李秀英", "黄伟明", "梁淑仪", "关国华", "谢美玲"]


def photo_bytes(rng: random.Random, label: str) -> bytes:
    """A small generated JPEG: a coloured scene with a caption strip (no real photos in the repo)."""
    from PIL import Image, ImageDraw

    w, h = 640, 420
    img = Image.new("RGB", (w, h), tuple(rng.randint(90, 200) for _ in range(3)))
    draw = ImageDraw.Draw(img)
    for _ in range(14):
        x, y = rng.randint(0, w), rng.randint(0, h)
        r = rng.randint(15, 90)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randint(0, 255) for _ in range(3)))
    draw.rectangle((0, h - 48, w, h), fill=(20, 20, 20))
    draw.text((16, h - 36), label, fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=82)
    return out.getvalue()


def _center(s, actor) -> Center:
    center = centers.create_center(
        s, actor, own=True, name="苍城镇城东村综合性文化服务中心", town="苍城镇", village="城东村",
        code="KPCCCD", address="广东省江门市开平市苍城镇城东村委会大院", keeper="李秀英", phone="0750-2600000",
        is_demonstration=True, weekly_standard_hours=42)
    centers.set_role(s, "village")
    return center


def _schedule(s, actor, center, start: date) -> None:
    library = centers.add_facility(s, actor, center, name="农家书屋", kind="阅览室", area_m2=60)
    hall = centers.add_facility(s, actor, center, name="文化活动室", kind="多功能活动室", area_m2=120)
    centers.add_facility(s, actor, center, name="文体广场", kind="室外场地", area_m2=800)
    for weekday in range(1, 7):  # Tuesday to Sunday; Monday is the rest day
        opening.add_slot(s, actor, library, weekday=weekday, start_time="09:00", end_time="12:00", effective_from=start)
        opening.add_slot(s, actor, library, weekday=weekday, start_time="14:30", end_time="17:30", effective_from=start)
        opening.add_slot(s, actor, hall, weekday=weekday, start_time="14:30", end_time="17:30", effective_from=start)
        opening.add_slot(s, actor, hall, weekday=weekday, start_time="19:00", end_time="21:30", effective_from=start)


def _activities(s, actor, center, rng, first_year: int, today: date) -> list:
    made = []
    for day, title, cat, fest, place, org, n in REPORT_EVENTS_2017:
        made.append(activities.create_activity(
            s, actor, center, start_date=day, start_time="09:00", end_time="12:00", title=title, category=cat,
            festival=fest, location=place, organizer=org, participants=n,
            summary=f"{title}，村民踊跃参加，丰富了群众文化生活。"))
    for year in range(first_year, today.year + 1):
        for title, cat, fest in FESTIVAL_EVENTS:
            day = festivals.festival_day(fest, year)
            if day < today and not (year == 2017 and fest in ("春节", "元宵", "端午", "中秋")):
                made.append(activities.create_activity(
                    s, actor, center, start_date=day, title=f"{year}年{title}", category=cat, festival=fest,
                    location="城东村文化活动室", organizer="城东村委会", participants=rng.randint(60, 300)))
        for month in range(1, 13):
            for _ in range(rng.randint(2, 4)):
                day = date(year, month, rng.randint(1, 28))
                if day >= today:
                    continue
                title, cat, fest, place, org, (lo, hi) = rng.choice(ACTIVITY_TEMPLATES)
                begin = rng.choice([9, 14, 19])
                made.append(activities.create_activity(
                    s, actor, center, start_date=day, start_time=f"{begin:02d}:30",
                    end_time=f"{begin + 2:02d}:00", title=title, category=cat, festival=fest,
                    location=place, organizer=org,
                    participants=rng.randint(lo, hi) if rng.random() > 0.03 else None))
    return made


def _equipment(s, actor, center, rng, today: date) -> None:
    for name, cat, spec, qty, price, year in EQUIPMENT:
        bought = date(year, rng.randint(3, 9), rng.randint(1, 28))
        if bought >= today:
            continue
        item = equipment.create_equipment(
            s, actor, center, name=name, category=cat, model_spec=spec, quantity=qty, unit_price=price,
            funding_source="省级基层综合性文化服务中心专项资金", purchase_date=bought,
            supplier="开平市文体器材有限公司", location="城东村文化活动室", custodian=rng.choice(PEOPLE))
        town_day = bought + timedelta(days=rng.randint(10, 30))
        if town_day < today:
            stage = equipment.set_acceptance(
                s, actor, item, "town", accepted_on=town_day, result="通过",
                people="镇分管领导、镇财政所所长、镇文体服务中心主任", report_number=f"苍文验〔{year}〕{item.seq}号")
            if item.seq == 1:
                attachments.add_attachment(s, actor, stage, photo_bytes(rng, f"acceptance {year}"),
                                           f"验收报告-{year}.jpg", caption="镇街现场验收报告", taken_on=town_day)
        city_day = town_day + timedelta(days=rng.randint(20, 60))
        if city_day < today and year < today.year:
            equipment.set_acceptance(s, actor, item, "city", accepted_on=city_day, result="通过",
                                     people="开平市文广新局检查组")
        pref_day = city_day + timedelta(days=rng.randint(30, 90))
        if pref_day < today and year <= 2019:
            equipment.set_acceptance(s, actor, item, "prefecture", accepted_on=pref_day,
                                     result="通过" if rng.random() > 0.1 else "整改", people="江门市文广新局检查组")
        if name == "投影仪":
            equipment.change_status(s, actor, item, "维修", date(2021, 6, 3), "灯泡损坏，送修")
            equipment.change_status(s, actor, item, "在用", date(2021, 6, 20), "修复")


def _opening(s, actor, center, rng, start: date, today: date) -> None:
    closed: set[date] = set()
    for year in range(start.year, today.year + 1):
        spring = festivals.festival_day("春节", year) + timedelta(days=1)  # 初二 to 初四
        if spring < today:
            opening.add_closure(s, actor, center, kind="closure", start_date=spring, end_date=spring + timedelta(days=2),
                                reason="春节假期闭馆", notice_date=spring - timedelta(days=10))
            closed.update(spring + timedelta(days=i) for i in range(3))
        repair = date(year, 8, 12)
        if repair < today:
            late = year % 3 == 0  # now and then a notice goes up late: the self-check flags it
            opening.add_closure(s, actor, center, kind="closure", start_date=repair, end_date=repair + timedelta(days=1),
                                reason="活动室线路检修", notice_date=repair - timedelta(days=3 if late else 8))
            closed.update(repair + timedelta(days=i) for i in range(2))
        extra = date(year, 10, 2)
        if extra < today:
            opening.add_closure(s, actor, center, kind="extra", start_date=extra, end_date=extra,
                                start_time="08:00", end_time="09:00", reason="国庆假期提前开馆")
    day = start
    while day < today:
        if day.weekday() != 0 and day not in closed:
            opening.log_opening(s, actor, center, log_date=day, opened_at="09:00",
                                closed_at=rng.choice(["21:30", "21:30", "17:30"]), visitors=rng.randint(8, 90),
                                on_duty=rng.choice(PEOPLE))
        day += timedelta(days=1)


def build(archive: Archive, seed: int = 2017, today: date | None = None) -> None:
    rng = random.Random(seed)
    today = today or date.today()
    actor = "李秀英"
    with archive.session() as s:
        center = _center(s, actor)
        start = date(2017, 1, 3)
        _schedule(s, actor, center, start)
        made = _activities(s, actor, center, rng, 2017, today)
        for activity in made[:4] + rng.sample(made[4:], min(8, len(made) - 4)):
            attachments.add_attachment(s, actor, activity, photo_bytes(rng, activity.item_number),
                                       f"{activity.item_number}.jpg", caption=activity.title,
                                       taken_on=activity.start_date)
        duplicate = activities.create_activity(
            s, actor, center, start_date=date(2017, 1, 28), title="春节舞龙闹新春", category="民俗节庆",
            festival="春节", location="城东村文体广场", organizer="城东村委会", participants=600)
        records.delete(s, actor, duplicate, "重复录入")
        _equipment(s, actor, center, rng, today)
        _opening(s, actor, center, rng, start, today)


def create_demo(path: Path, seed: int = 2017) -> None:
    archive = open_archive(path, create=True, actor="李秀英")
    try:
        build(archive, seed)
    except BaseException:
        archive.close()
        Path(path).unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    archive.close()
