"""A past period's dossier states what was true on its last day (read back from the PDF)."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from reports.dossier import render_dossier
from storage.engine import open_archive

END = date(2017, 9, 30)


@pytest.fixture(scope="module")
def q3(demo_master, tmp_path_factory):
    path = tmp_path_factory.mktemp("q3") / "demo.db"
    shutil.copy2(demo_master, path)
    a = open_archive(path, readonly=True)
    try:
        pdf = render_dossier(a, start=date(2017, 7, 1), end=END, deterministic=True)
        with a.engine.connect() as conn:
            items = conn.execute(text("SELECT id FROM equipment WHERE deleted_at IS NULL AND purchase_date <= :d"),
                                 {"d": END.isoformat()}).scalars().all()
            passed = conn.execute(text(
                "SELECT equipment_id, stage FROM acceptance_stage WHERE result = '通过' AND accepted_on <= :d"),
                {"d": END.isoformat()}).all()
    finally:
        a.close()
    text_ = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return text_, items, passed


def test_acceptance_figures_are_those_of_the_last_day(q3):
    body, items, passed = q3
    by_item: dict[int, set] = {}
    for eid, stage in passed:
        by_item.setdefault(eid, set()).add(stage)
    all_three = sum(1 for i in items if by_item.get(i, set()) >= {"town", "city", "prefecture"})
    no_town = sum(1 for i in items if "town" not in by_item.get(i, set()))
    flat = re.sub(r"\s+", "", body)
    assert f"截至2017年9月30日：三级验收均已通过{all_three}项" in flat
    assert f"尚未通过镇街现场验收{no_town}项" in flat
    assert f"截至2017年9月30日在账设备{len(items)}项" in flat


def test_ledger_prints_later_stages_only_as_later(q3):
    body, _, _ = q3
    start = body.index("在账设备")  # the ledger's own note, past the contents page
    ledger = body[start:body.index("开放时间", start)]
    for day in re.findall(r"20\d\d-\d\d-\d\d", ledger):
        if date.fromisoformat(day) > END:
            assert re.search(rf"期末后于\s*{day}", ledger), day
    assert "期末后于" in ledger  # the demo has stages after the quarter: they are worded as later


def test_indicator_checklist_section_as_of_each_end(demo_master, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy2(demo_master, path)
    a = open_archive(path, readonly=True)
    try:
        pages = {q: render_dossier(a, start=s, end=e, sections="indicators", deterministic=True,
                                  indicator_profile="taojiang")
                 for q, s, e in ((3, date(2017, 7, 1), END), (4, date(2017, 10, 1), date(2017, 12, 31)))}
    finally:
        a.close()
    q3, q4 = (re.sub(r"\s+", "", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
              for pdf in (pages[3], pages[4]))
    assert "达标对照表" in q3 and "对照标准：桃江县标准" in q3 and "全年读书活动" in q3
    # the LED screen passed town acceptance on 2017-10-13: not in Q3's checklist, in Q4's
    assert "（截至2017-09-30）5/6项（83%）未达标未通过：KPCCCD-2017-SB-0001" in q3
    assert "（截至2017-12-31）6/6项（100%）达标KPCCCD-2017-SB-0001、0002" in q4


def test_profile_and_schedule_sections_as_of_each_end(archive):
    """A schedule replaced on 1 October and a keeper changed today: Q3 prints the old ones, Q4 the new schedule."""
    from storage import centers, opening

    with archive.session() as s:
        center = centers.own_center(s)
        hall = centers.add_facility(s, "测试员", center, name="文化活动室")
        for wd in range(1, 7):
            opening.add_slot(s, "测试员", hall, weekday=wd, start_time="08:10", end_time="11:50",
                             effective_from=date(2017, 1, 1), effective_to=date(2017, 9, 30))
            opening.add_slot(s, "测试员", hall, weekday=wd, start_time="13:20", end_time="20:40",
                             effective_from=date(2017, 10, 1))
        centers.update_center(s, "测试员", center, keeper="王小明")

    def text_of(start, end):
        pdf = render_dossier(archive, start=start, end=end, sections="profile,opening", deterministic=True)
        return re.sub(r"\s+", "", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))

    q3, q4 = text_of(date(2017, 7, 1), END), text_of(date(2017, 10, 1), date(2017, 12, 31))
    assert "08:10—11:50" in q3 and "13:20—20:40" not in q3
    assert "13:20—20:40" in q4 and "08:10—11:50" not in q4
    assert "李秀英" in q3 and "王小明" not in q3  # the keeper then; the change was recorded after 2017
    assert "以上为2017-09-30当天的情况。此后档案管理员有变更" in q3


def test_planted_contradictions_are_self_check_lines_of_the_dossier(archive):
    from storage import activities, centers, opening

    with archive.session() as s:
        center = centers.own_center(s)
        room = centers.add_facility(s, "测试员", center, name="农家书屋")
        for wd in range(1, 7):
            opening.add_slot(s, "测试员", room, weekday=wd, start_time="09:00", end_time="17:00",
                             effective_from=date(2017, 1, 1))
        opening.add_closure(s, "测试员", center, start_date=date(2017, 8, 12), reason="检修",
                            notice_date=date(2017, 8, 1))
        opening.log_opening(s, "测试员", center, log_date=date(2017, 8, 12), opened_at="09:00", closed_at="17:00",
                            visitors=12)
        opening.log_opening(s, "测试员", center, log_date=date(2017, 8, 14), opened_at="09:00", closed_at="17:00")
        activities.create_activity(s, "测试员", center, start_date=date(2017, 9, 10), title="中秋晚会",
                                   category="文化娱乐", festival="中秋")
    pdf = render_dossier(archive, start=date(2017, 7, 1), end=END, sections="selfcheck", deterministic=True)
    flat = re.sub(r"\s+", "", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    for line in ("闭馆期间有接待", "非开放日有开放登记", "节日活动日期不符", "2017年中秋是2017-10-04"):
        assert line in flat, line
