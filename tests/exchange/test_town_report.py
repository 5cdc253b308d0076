"""The town report agrees with itself and with the archive as of the year's end."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timezone

from pypdf import PdfReader
from sqlalchemy import select, update

from reports.templates import short_fingerprint
from reports.town_report import render_town_report
from storage import centers, signing
from storage.exchange.importer import import_bags
from storage.exchange.overview import overview, register_center
from storage.models import BagImport

TODAY = date(2026, 1, 10)


def plan(station, code, status, on, quarter=None):
    with station.session() as s:
        register_center(s, station.actor, code=code, name=f"{code}村综合性文化服务中心", town="苍城镇", village=f"{code}村",
                        plan_status=status, status_on=on, target_quarter=quarter, today=TODAY)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_town_report_counts_overdue_footer_and_local_times(station, village_bag):
    import_bags(station, [village_bag], backup=False)
    with station.session() as s:  # received 2025-06-01 17:30 UTC = 2025-06-02 01:30 in the centers' zone
        s.execute(update(BagImport).values(created_at=datetime(2025, 6, 1, 17, 30, tzinfo=timezone.utc)))
    plan(station, "CD", "building", date(2025, 1, 3), "2025Q1")
    plan(station, "CD", "built", date(2025, 3, 20))
    plan(station, "YC", "building", date(2025, 1, 3), "2025Q2")  # due by 2025Q2, still building
    plan(station, "ZC", "built", date(2025, 5, 2), "2025Q3")
    plan(station, "ZC", "accepted", date(2025, 11, 2))
    plan(station, "WC", "planned", date(2025, 1, 3), "2026Q2")
    plan(station, "WC", "built", date(2026, 1, 5))  # after the year: not built in the 2025 report
    pdf = render_town_report(station, year=2025, deterministic=True)
    ov = overview(station, 2025, today=date(2025, 12, 31))
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    text = "\n".join(pages)

    assert ov.covered == 2 and ov.accepted == 1
    assert f"已建成 {ov.covered} 个，其中已验收 {ov.accepted} 个" in text
    table = text[text.rindex("二、各中心总览"):text.rindex("三、活动分类统计")]
    assert table.count("已建成") + table.count("已验收") == ov.covered
    assert "WC" in table and "规划中" in table

    attention = text[text.rindex("四、需要关注的中心"):text.rindex("五、档案文件接收记录")]
    assert "目标季度 2025Q2 已过，尚未建成（建设中）" in attention
    assert squash(attention).count("已过，尚未建成") == 1  # WC is due in 2026, ZC was built

    # the footer carries the report's own fingerprint, the cover the whole of it and of the signing key
    assert all(f"档案指纹 {short_fingerprint(ov.fingerprint)}" in p for p in pages[1:])
    with station.session() as s:
        key = centers.own_center(s).public_key
    cover = squash(pages[0])
    assert "档案指纹" + ov.fingerprint in cover  # as the footer prints it
    assert "密钥指纹" + squash(signing.full_fingerprint(key)) in cover
    assert squash(signing.full_fingerprint(key)).startswith(squash(signing.fingerprint(key)))

    received = squash(text[text.rindex("五、档案文件接收记录"):])  # a narrow column may wrap the time
    assert "2025-06-0201:30" in received and "2025-06-0117:30" not in received


def test_a_file_received_after_the_year_is_not_in_its_report(station, village_bag):
    import_bags(station, [village_bag], backup=False)
    with station.session() as s:  # 2025-12-31 20:00 UTC is already 2026-01-01 in the centers' zone
        s.execute(update(BagImport).values(created_at=datetime(2025, 12, 31, 20, 0, tzinfo=timezone.utc)))
        assert s.scalar(select(BagImport.id))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        render_town_report(station, year=2025, deterministic=True))).pages)
    assert "本年没有接收档案文件" in text[text.rindex("五、档案文件接收记录"):]


def test_indicator_checklist_per_village_is_stored_at_import_and_printed(station, village_bag):
    from storage import indicators
    from storage.exchange import checklists
    from storage.models import Center, CenterIndicator

    import_bags(station, [village_bag], backup=False)
    plan(station, "XC", "planned", date(2025, 1, 3), "2026Q2")
    profile = checklists.station_profile()
    with station.session() as s:
        cd = s.scalar(select(Center).where(Center.code == "CD"))
        stored = checklists.checklists_for(s, 2025, [cd.id], profile)[cd.id]
        live = checklists.measure(s, cd, 2025, date(2025, 12, 31), profile)
        assert stored == live and {ln.key for ln in stored} == {i.key for i in indicators.profile(profile).indicators}
        s.execute(CenterIndicator.__table__.delete())  # as an upgraded archive: measured when the report is made
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        render_town_report(station, year=2025, deterministic=True))).pages)
    table = text[text.rindex("六、各中心达标对照"):]
    assert indicators.profile(profile).name in squash(table)
    met = sum(ln.met is True for ln in live)
    judged = sum(ln.met is not None for ln in live)
    cd_line = next(line for line in table.splitlines() if line.startswith("CD "))
    assert cd_line.endswith(f"{met}/{judged}") and ("√" in cd_line or "×" in cd_line)
    assert "未报送" in next(line for line in table.splitlines() if line.startswith("XC "))
