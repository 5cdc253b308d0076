"""The inspection dossier: content read back with pypdf, fonts, metadata, determinism, deleted items."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from reports.dossier import parse_sections, render_dossier, render_dossier_for
from reports.templates import Cancelled
from storage import activities, equipment, opening, records
from storage.errors import ValidationError
from storage.models import Activity
from storage.period import Period
from storage.queries import activity_rows

from .conftest import page_texts, section_pages

YEAR = (date(2017, 1, 1), date(2017, 12, 31))


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def all_fonts(pdf: bytes) -> list:
    """Every font dictionary used on any page, in page resources and in form XObjects."""
    fonts, seen = [], set()

    def walk(resources):
        resources = _resolve(resources) or {}
        for font in (_resolve(resources.get("/Font")) or {}).values():
            ref = getattr(font, "idnum", None)
            font = _resolve(font)
            if ref not in seen or ref is None:
                seen.add(ref)
                fonts.append(font)
        for xobj in (_resolve(resources.get("/XObject")) or {}).values():
            xobj = _resolve(xobj)
            if "/Resources" in xobj:
                walk(xobj["/Resources"])

    for page in PdfReader(io.BytesIO(pdf)).pages:
        walk(page.get("/Resources"))
    return fonts


def test_demo_dossier_reads_back(demo_2017_pdf, demo_archive):
    texts = page_texts(demo_2017_pdf)
    reader = PdfReader(io.BytesIO(demo_2017_pdf))
    whole = "\n".join(texts)
    # cover and every section title, in Chinese
    assert re.search(r"目\s*录", whole)
    for title in ("检查档案汇编", "一、归档文件目录", "二、中心概况与场地设施", "三、工作汇总", "四、活动登记表",
                  "五、设备台账", "六、开放时间", "七、照片附录", "八、完整性自查", "九、达标对照表",
                  "备考表", "立卷人", "检查人", "单位盖章"):
        assert title in whole, title
    # page count in every footer matches the file
    n = len(reader.pages)
    for i, text in enumerate(texts, 1):
        assert f"第 {i} 页 / 共 {n} 页" in text
        assert "苍城镇城东村综合性文化服务中心" in text and "检查档案汇编（2017年）" in text  # header
    # every live 2017 activity's item number is in the register
    with demo_archive.session() as s:
        center_id = s.query(Activity.center_id).first()[0]
        numbers = [r.item_number for r in activity_rows(s, center_id, year=2017)]
    register = "\n".join(section_pages(texts, "四、活动登记表", "五、设备台账"))
    assert len(numbers) > 40
    for number in numbers:
        assert number in register
    # metadata
    meta = reader.metadata
    assert meta.title == "检查档案汇编（2017年）"
    assert meta.author == "苍城镇城东村综合性文化服务中心"
    assert "2017年" in meta.subject
    assert meta.creation_date is not None
    # no encryption, no JavaScript, no actions
    assert not reader.is_encrypted
    raw = demo_2017_pdf
    assert b"/JavaScript" not in raw and b"/JS" not in raw and b"/Encrypt" not in raw


def test_contents_page_numbers_point_at_the_sections(demo_2017_pdf):
    texts = page_texts(demo_2017_pdf)
    toc = texts[1]
    for title in ("四、活动登记表", "一、归档文件目录", "备考表"):
        m = re.search(re.escape(title) + r"\s*(\d+)", toc)
        assert m, title
        page = int(m.group(1))
        assert texts[page - 1].lstrip().startswith(title)


def test_every_font_is_embedded_truetype(demo_2017_pdf, big_pdf):
    for pdf in (demo_2017_pdf, big_pdf):
        fonts = all_fonts(pdf)
        assert fonts
        for font in fonts:
            if font.get("/Subtype") == "/Type0":
                font = _resolve(font["/DescendantFonts"][0])
            descriptor = _resolve(font.get("/FontDescriptor"))
            assert descriptor is not None, f"{font.get('/BaseFont')} has no descriptor (not embedded)"
            assert "/FontFile2" in descriptor, f"{font.get('/BaseFont')} is not an embedded TrueType font"
            # the Song body face (AR PL SungtiL GB) and the Hei heading face; never the Mono face
            assert re.search(r"\+(BousungEG-Light-GB|WenQuanYiMicroHei(-0)?)$", str(font.get("/BaseFont"))), \
                font.get("/BaseFont")


def test_repeated_table_headers_on_a_year_of_2000_activities(big_pdf, big_archive_path):
    texts = page_texts(big_pdf)
    assert len(texts) > 60
    register = section_pages(texts, "四、活动登记表", "五、设备台账")
    assert len(register) >= 20
    for page in register:  # the header row is repeated on every page of the register
        head = page.split("BIG-2017-HD-")[0]
        for col in ("档号", "日期", "题名", "类别", "组织者", "照片"):
            assert col in head
    text = "\n".join(register)
    for seq in (1, 2, 999, 1000, 1999, 2000):
        assert f"BIG-2017-HD-{seq:04d}" in text
    ledger = section_pages(texts, "五、设备台账", "六、开放时间")
    assert len(ledger) > 10
    for page in ledger:
        assert "验收（镇街、市局、上级" in page
    assert "BIG-2017-SB-1000" in "\n".join(ledger)
    catalogue = section_pages(texts, "一、归档文件目录", "二、中心概况与场地设施")
    for page in catalogue:
        head = re.split(r"BIG-2017-\s*(HD|SB)-", page)[0]
        if head != page:
            for col in ("件号", "责任者", "文号", "题名", "日期", "页数", "密级", "保管期限", "备注"):
                assert col in re.sub(r"\s", "", head), col
    assert "本期共 3000 件" in "\n".join(catalogue)


def test_deterministic_bytes_and_fingerprint_follows_content(demo_archive):
    one = render_dossier(demo_archive, start=date(2017, 1, 1), end=date(2017, 3, 31), deterministic=True,
                         sections=["summary", "catalogue"])
    two = render_dossier(demo_archive, start=date(2017, 1, 1), end=date(2017, 3, 31), deterministic=True,
                         sections=["summary", "catalogue"])
    assert one == two
    fp_one = PdfReader(io.BytesIO(one)).metadata["/Keywords"].split("档案指纹 ")[1]
    with demo_archive.session() as s:
        a = s.query(Activity).filter(Activity.item_number == "KPCCCD-2017-HD-0001").one()
        activities.update_activity(s, "测试员", a, title="春节舞龙闹新春（更正）")
    three = render_dossier(demo_archive, start=date(2017, 1, 1), end=date(2017, 3, 31), deterministic=True,
                           sections=["summary", "catalogue"])
    fp_three = PdfReader(io.BytesIO(three)).metadata["/Keywords"].split("档案指纹 ")[1]
    assert fp_one != fp_three
    assert f"档案指纹 {fp_three[:4]} {fp_three[4:8]}" in page_texts(three)[0]


def test_deleted_items_in_catalogue_not_in_register(archive):
    with archive.session() as s:
        from storage import centers

        c = centers.own_center(s)
        made = [activities.create_activity(s, "测试员", c, start_date=date(2017, 3, d), title=f"读书会{d}",
                                           category="阅读服务", location="农家书屋", organizer="村委会", participants=20)
                for d in (1, 2, 3)]
        item = equipment.create_equipment(s, "测试员", c, name="投影仪", unit_price="6500.00",
                                          purchase_date=date(2017, 3, 5))
        records.delete(s, "测试员", made[1], "重复录入")
        records.delete(s, "测试员", item, "登记错误")
    pdf = render_dossier(archive, start=date(2017, 1, 1), end=date(2017, 12, 31), deterministic=True)
    texts = page_texts(pdf)
    register = "\n".join(section_pages(texts, "四、活动登记表", "五、设备台账"))
    ledger = "\n".join(section_pages(texts, "五、设备台账", "六、开放时间"))
    catalogue = "\n".join(section_pages(texts, "一、归档文件目录", "二、中心概况与场地设施")).replace("-\n", "-")
    assert "TEST-2017-HD-0001" in register and "TEST-2017-HD-0003" in register
    assert "TEST-2017-HD-0002" not in register
    assert "TEST-2017-SB-0001" not in ledger
    for number in ("TEST-2017-HD-0001", "TEST-2017-HD-0002", "TEST-2017-HD-0003", "TEST-2017-SB-0001"):
        assert number in catalogue
    flat = catalogue.replace("\n", "")
    assert "已删除：重复录入" in flat and "已删除：登记错误" in flat
    assert "本期共 4 件 4 页，其中已删除 2 件" in catalogue


def test_summary_money_is_exact_and_late_closures_are_flagged(archive):
    with archive.session() as s:
        from storage import centers

        c = centers.own_center(s)
        equipment.create_equipment(s, "测试员", c, name="话筒", quantity=3, unit_price="0.10",
                                   purchase_date=date(2017, 2, 1))
        equipment.create_equipment(s, "测试员", c, name="音箱", quantity=1, unit_price="1280.55",
                                   purchase_date=date(2017, 2, 1))
        opening.add_closure(s, "测试员", c, kind="closure", start_date=date(2017, 5, 10), end_date=date(2017, 5, 10),
                            reason="线路检修", notice_date=date(2017, 5, 8))
        opening.add_closure(s, "测试员", c, kind="closure", start_date=date(2017, 6, 10), end_date=date(2017, 6, 11),
                            reason="春季消杀", notice_date=date(2017, 6, 1))
    pdf = render_dossier(archive, start=date(2017, 1, 1), end=date(2017, 12, 31),
                         sections=["summary", "opening"], deterministic=True)
    texts = page_texts(pdf)
    summary = "\n".join(section_pages(texts, "一、工作汇总", "二、开放时间"))
    assert "原值合计 1,280.85 元" in summary  # 3 × 0.10 + 1280.55, no float rounding
    hours = "\n".join(section_pages(texts, "二、开放时间", None))
    late = hours.split("线路检修", 1)[1].split("春季消杀", 1)[0]
    on_time = hours.split("春季消杀", 1)[1][:60]
    assert "2 天" in late and "公告不及时" in late  # posted 2 days ahead: flagged
    assert "9 天" in on_time and "按时公告" in on_time


def test_quarter_period_and_section_choice(demo_archive):
    pdf = render_dossier_for(demo_archive, Period.of(year=2017, quarter=1), sections="activities", deterministic=True)
    texts = page_texts(pdf)
    whole = "\n".join(texts)
    assert "检查档案汇编（2017年第1季度）" in whole
    assert "一、活动登记表" in whole and "、设备台账" not in whole and "、归档文件目录" not in whole
    dates = re.findall(r"2017-(\d\d)-\d\d", "\n".join(section_pages(texts, "一、活动登记表", None)))
    assert dates and all(int(m) <= 3 for m in dates)


def test_progress_reports_and_cancel_stops(demo_archive):
    seen = []
    render_dossier(demo_archive, start=date(2017, 1, 1), end=date(2017, 6, 30), sections=["summary"],
                   progress=lambda done, total, text: seen.append((done, total, text)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert all(0 <= d <= t for d, t, _ in seen)
    calls = {"n": 0}

    def cancelled():
        calls["n"] += 1
        return calls["n"] > 3

    with pytest.raises(Cancelled):
        render_dossier(demo_archive, start=date(2017, 1, 1), end=date(2017, 12, 31), cancelled=cancelled)


@pytest.mark.parametrize("kwargs, code", [
    (dict(year=2017, quarter=5), "bad_quarter"),
    (dict(year=2017, quarter=0), "bad_quarter"),
    (dict(start="2017-05-01", end="2017-01-01"), "end_before_start"),
    (dict(quarter=2), "quarter_without_year"),
    (dict(start="2017-05-01"), "no_period"),
    (dict(year=2017, start="2017-01-01", end="2017-02-01"), "period_conflict"),
    (dict(start="2017-02-30", end="2017-03-01"), "bad_date"),
])
def test_bad_periods_are_refused_in_chinese(kwargs, code):
    with pytest.raises(ValidationError) as e:
        Period.of(**kwargs)
    assert e.value.code == code
    assert re.search(r"[\u4e00-\u9fff]", e.value.message)


def test_unknown_section_is_refused(demo_archive):
    assert parse_sections("summary, catalogue") == ("catalogue", "summary")  # DA/T 22: the catalogue first
    with pytest.raises(ValidationError) as e:
        render_dossier(demo_archive, start=date(2017, 1, 1), end=date(2017, 12, 31), sections=["summary", "charts"])
    assert e.value.code == "unknown_section" and "charts" in e.value.message
    with pytest.raises(ValidationError):
        render_dossier(demo_archive, start=date(2017, 3, 1), end=date(2017, 1, 1))


def test_empty_archive_still_gives_a_complete_dossier(archive):
    pdf = render_dossier(archive, start=date(2017, 1, 1), end=date(2017, 12, 31), deterministic=True)
    texts = page_texts(pdf)
    whole = "\n".join(texts)
    assert "本期没有登记活动。" in whole and "没有登记设备。" in whole and "本期没有照片。" in whole
    assert all(t.strip() for t in texts)  # no empty page


@pytest.mark.parametrize("year", [1948, 2201, 9998])
def test_period_years_share_one_range_with_bags(year):
    from storage import rules
    from storage.exchange.schema import RANGES
    assert RANGES["year"] == (rules.FIRST_YEAR, rules.LAST_YEAR)
    with pytest.raises(ValidationError) as e:
        Period.of(year=year)
    assert e.value.code == "bad_year"


def test_the_same_bytes_whether_fingerprint_and_selfcheck_are_read_by_a_helper_or_here(big_archive_path, big_pdf):
    """reports.side_reads: a helper process reads the fingerprint and the self-check on a big year (the
    default with two cores); forced either way, the document is the same to the byte."""
    from storage.engine import open_archive

    a = open_archive(big_archive_path, readonly=True)
    try:
        year = dict(start=date(2017, 1, 1), end=date(2017, 12, 31), deterministic=True)
        here = render_dossier(a, parallel=False, **year)
        helper = render_dossier(a, parallel=True, **year)
        quarter = dict(start=date(2017, 4, 1), end=date(2017, 6, 30), deterministic=True,
                       sections="summary,catalogue")  # no self-check section: the helper reads the fingerprint only
        q_here = render_dossier(a, parallel=False, **quarter)
        q_helper = render_dossier(a, parallel=True, **quarter)
    finally:
        a.close()
    assert here == helper == big_pdf
    assert q_here == q_helper


def test_a_helper_that_fails_or_does_not_match_is_replaced_by_reading_here(demo_archive, tmp_path):
    from reports import side_reads

    period = (date(2017, 1, 1), date(2017, 12, 31))
    expected = side_reads.read(demo_archive, None, *period, True)
    broken = side_reads.start(tmp_path / "no-such-archive.db", None, *period, True, parallel=True)
    assert broken.in_helper
    assert broken.result(demo_archive) == expected  # the helper sent nothing: read with the open archive
    broken.close()
    other = side_reads.start(demo_archive.path, None, date(2016, 1, 1), date(2016, 12, 31), True, parallel=True)
    assert not other.matches(demo_archive.path, None, *period, True)
    reference = render_dossier(demo_archive, start=period[0], end=period[1], deterministic=True, parallel=False)
    got = render_dossier(demo_archive, start=period[0], end=period[1], deterministic=True, prefetched=other)
    assert got == reference


def test_rendering_leaves_the_garbage_collector_as_it_found_it(demo_archive):
    import gc

    before = gc.get_threshold(), gc.get_freeze_count()
    render_dossier(demo_archive, start=date(2017, 1, 1), end=date(2017, 3, 31), sections=["summary"])
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_a_busy_or_single_core_machine_reads_in_the_same_process(monkeypatch, demo_archive):
    from reports import side_reads

    monkeypatch.delenv(side_reads.ENV, raising=False)
    monkeypatch.setattr(side_reads.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(side_reads, "runnable_others", lambda: None)  # no /proc: the load average decides
    monkeypatch.setattr(side_reads.os, "getloadavg", lambda: (3.5, 3.0, 2.0), raising=False)
    assert not side_reads.idle_core()
    monkeypatch.setattr(side_reads.os, "getloadavg", lambda: (0.4, 0.3, 0.2), raising=False)
    assert side_reads.idle_core()
    # Just after other work: the load average still says busy, but nothing else is runnable now.
    monkeypatch.setattr(side_reads.os, "getloadavg", lambda: (1.6, 1.0, 0.5), raising=False)
    monkeypatch.setattr(side_reads, "runnable_others", lambda: 0)
    assert side_reads.idle_core()
    monkeypatch.setattr(side_reads, "runnable_others", lambda: 1)  # another task on the other core
    assert not side_reads.idle_core()
    monkeypatch.setattr(side_reads.os, "cpu_count", lambda: 1)
    assert not side_reads.idle_core()
    side = side_reads.start(demo_archive.path, None, date(2017, 1, 1), date(2017, 12, 31), True)
    assert not side.in_helper
    monkeypatch.setenv(side_reads.ENV, "1")
    assert side_reads.idle_core()
    monkeypatch.setenv(side_reads.ENV, "0")
    monkeypatch.setattr(side_reads.os, "cpu_count", lambda: 8)
    assert not side_reads.idle_core()
