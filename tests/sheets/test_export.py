"""Export to .xlsx (headers, types, frozen header, atomic) and templates; export → import adds nothing."""

from datetime import date, datetime, time

import openpyxl
import pytest

from storage import activities, centers, equipment, opening
from storage.errors import DomainError
from storage.sheets import export_sheet, import_file, write_template

from .conftest import counts


@pytest.fixture
def filled(archive):
    with archive.session() as s:
        c = centers.own_center(s)
        activities.create_activity(s, archive.actor, c, start_date="2017-01-29", title="春节舞龙闹新春",
                                   category="民俗节庆", festival="春节", location="城东村文体广场", participants=600,
                                   start_time="09:00", end_time="11:30", summary="舞龙巡游，\n全村参与")
        activities.create_activity(s, archive.actor, c, start_date="2018-06-18", end_date="2018-06-19",
                                   title="端午龙舟赛", category="体育健身", festival="端午")
        led = equipment.create_equipment(s, archive.actor, c, name="LED 显示屏", category="音视频设备",
                                         model_spec="P3", quantity=2, unit_price="48000.10", purchase_date="2017-03-01")
        equipment.set_acceptance(s, archive.actor, led, "town", accepted_on="2017-04-10", result="通过")
        equipment.set_acceptance(s, archive.actor, led, "city", accepted_on="2017-05-02", result="整改")
        equipment.create_equipment(s, archive.actor, c, name="书架", quantity=12, unit_price="950",
                                   purchase_date="2018-01-02", status="闲置")
        opening.log_opening(s, archive.actor, c, log_date="2017-02-01", opened_at="08:30", closed_at="17:30",
                            visitors=35, on_duty="李秀英")
        opening.log_opening(s, archive.actor, c, log_date="2018-02-01", opened_at="09:00", closed_at="12:00")
    return archive


def test_activities_export_headers_and_types(filled, tmp_path):
    out = tmp_path / "活动.xlsx"
    assert export_sheet(filled, "activities", out) == 2
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header == ["档号", "日期", "结束日期", "开始时间", "结束时间", "活动名称", "类别", "节日", "地点", "组织者",
                      "参与人数", "内容摘要"]
    assert ws.freeze_panes == "A2"
    row = [c.value for c in ws[2]]
    assert row[0] == "TEST-2017-HD-0001" and row[1] == datetime(2017, 1, 29) and ws.cell(2, 2).is_date
    assert row[3] == time(9, 0) and row[10] == 600 and row[5] == "春节舞龙闹新春" and row[11] == "舞龙巡游，\n全村参与"
    assert ws.column_dimensions["F"].width >= 20
    assert not list(tmp_path.glob(".*.part"))


def test_equipment_export_money_as_numbers_and_stages(filled, tmp_path):
    out = tmp_path / "设备.xlsx"
    export_sheet(filled, "equipment", out)
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    row = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert header[:2] == ["档号", "设备名称"] and "单价(元)" in header and "镇街验收日期" in header
    assert row["单价(元)"] == pytest.approx(48000.10) and isinstance(row["单价(元)"], float)
    assert ws.cell(2, header.index("单价(元)") + 1).number_format == "#,##0.00"
    assert row["金额(元)"] == pytest.approx(96000.20)
    assert row["购置日期"] == datetime(2017, 3, 1) and row["镇街验收日期"] == datetime(2017, 4, 10)
    assert row["市级检查结论"] == "整改" and row["上级检查日期"] is None


def test_year_filter_and_opening_log(filled, tmp_path):
    out = tmp_path / "log.xlsx"
    assert export_sheet(filled, "opening-log", out, year=2018) == 1
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == ["序号", "日期", "开门时间", "关门时间", "接待人数", "值班人员", "备注"]
    assert [c.value for c in ws[2]][:4] == [1, datetime(2018, 2, 1), time(9, 0), time(12, 0)]
    assert export_sheet(filled, "activities", tmp_path / "a.xlsx", year=2016) == 0


@pytest.mark.parametrize("kind", ["activities", "equipment", "opening-log"])
def test_export_then_import_adds_nothing(filled, tmp_path, kind):
    out = tmp_path / f"{kind}.xlsx"
    export_sheet(filled, kind, out)
    before = counts(filled)
    report = import_file(filled, kind, out)
    assert not report.refused and report.rows_added == 0 and report.rows_existing == report.rows_total > 0
    after = counts(filled)
    assert {k: v for k, v in after.items() if k not in ("sheet_import", "audit_log")} == {
        k: v for k, v in before.items() if k not in ("sheet_import", "audit_log")}


@pytest.mark.parametrize("kind", ["activities", "equipment", "opening-log"])
def test_export_into_a_fresh_archive_round_trips(filled, tmp_path, kind):
    from storage.engine import open_archive

    out = tmp_path / f"{kind}.xlsx"
    export_sheet(filled, kind, out)
    fresh = open_archive(tmp_path / "new.db", create=True, actor="测试员")
    try:
        with fresh.session() as s:
            centers.create_center(s, fresh.actor, own=True, name="新中心", town="苍城镇", village="城东村", code="NEW")
        report = import_file(fresh, kind, out)
        assert report.rows_added == report.rows_total > 0, report.text()
        back = tmp_path / f"back-{kind}.xlsx"
        export_sheet(fresh, kind, back)
        a = [[c.value for c in r][1:] for r in openpyxl.load_workbook(out).active.iter_rows()]
        b = [[c.value for c in r][1:] for r in openpyxl.load_workbook(back).active.iter_rows()]
        assert a == b  # same contents apart from the item numbers
    finally:
        fresh.close()


def test_export_is_atomic_and_refuses_other_suffix(filled, tmp_path, monkeypatch):
    out = tmp_path / "活动.xlsx"
    (tmp_path / ".活动.xlsx.99999.part").write_bytes(b"left by a killed export")
    export_sheet(filled, "activities", out)
    assert not list(tmp_path.glob(".*.part"))
    out.write_bytes(b"old")
    with pytest.raises(DomainError):
        export_sheet(filled, "activities", tmp_path / "活动.csv")

    def broken_save(self, filename):
        with open(filename, "wb") as f:
            f.write(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(DomainError) as e:
        export_sheet(filled, "activities", out)
    assert e.value.code == "file_unwritable"
    assert out.read_bytes() == b"old" and not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("kind, lists", [
    ("activities", {"类别", "节日"}), ("equipment", {"状态", "镇街验收结论", "市级检查结论", "上级检查结论"}),
    ("opening-log", set()),
])
def test_templates_have_headers_example_and_dropdowns(tmp_path, kind, lists, archive):
    out = tmp_path / "模板.xlsx"
    write_template(kind, out)
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert "档号" not in header and ws.freeze_panes == "A2"
    assert ws.max_row == 2  # one example row
    dropdowns = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    with_list = {header[openpyxl.utils.column_index_from_string(str(dv.sqref).split(":")[0][0]) - 1]
                 for dv in dropdowns}
    assert with_list == lists
    if kind == "activities":
        (cat,) = [dv for dv in dropdowns if str(dv.sqref).startswith(chr(ord("A") + header.index("类别")))]
        assert "民俗节庆" in cat.formula1 and "文化娱乐" in cat.formula1
    # the template imports cleanly: the example row is recognised and skipped
    report = import_file(archive, kind, out)
    assert not report.refused and report.rows_added == 0 and "示例行" in report.text()


def test_template_example_dates_are_real_dates(tmp_path):
    out = tmp_path / "t.xlsx"
    write_template("equipment", out)
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    cell = ws.cell(2, header.index("购置日期") + 1)
    assert cell.is_date and cell.value.date() == date(2017, 3, 15)
