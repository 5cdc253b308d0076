"""Importing activities, equipment and the opening log: all or nothing, nothing twice, audited."""

import json
from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from storage import audit, equipment
from storage.models import AcceptanceStage, Activity, AuditEntry, Equipment, OpeningLog, SheetImport
from storage.sheets import import_file

from .conftest import counts, fingerprint

ACT_HEADER = ["日期", "结束日期", "活动名称", "类别", "节日", "地点", "组织者", "参与人数", "内容摘要"]
ACT_ROWS = [
    [datetime(2017, 1, 29), None, "春节舞龙闹新春", "民俗节庆", "春节", "城东村文体广场", "城东村委会", 600, "舞龙"],
    ["2017/2/11", "2017/2/11", "元宵文艺晚会", "文化娱乐", "元宵", "城东村文化活动室", "城东村委会", "1,260", ""],
    ["2017.5.30", None, "端午龙舟邀请赛观赛活动", "体育健身", "端午", "潭江城东河段", "城东村委会", 420, None],
    ["2017年10月4日", None, "中秋舞龙巡游", "民俗节庆", "中秋", "城东村各自然村", "城东村委会", None, None],
    [42800, None, "农家书屋读书分享会", "阅读服务", None, "农家书屋", "农家书屋管理员", 20, None],
]


def activities(archive):
    with archive.session() as s:
        return list(s.scalars(select(Activity).order_by(Activity.id)))


def test_xlsx_activities_import_with_every_date_form(archive, xlsx):
    report = import_file(archive, "activities", xlsx([ACT_HEADER, *ACT_ROWS]))
    assert not report.refused and report.rows_added == 5 and report.rows_total == 5
    rows = activities(archive)
    assert [a.start_date for a in rows] == [date(2017, 1, 29), date(2017, 2, 11), date(2017, 5, 30),
                                            date(2017, 10, 4), date(2017, 3, 6)]
    assert [a.item_number for a in rows] == [f"TEST-2017-HD-{n:04d}" for n in range(1, 6)]
    assert rows[1].participants == 1260 and rows[1].end_date == date(2017, 2, 11)
    assert rows[3].participants is None and rows[4].festival is None
    assert rows[0].title == "春节舞龙闹新春" and rows[0].category == "民俗节庆"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding_imports_correct_chinese(archive, csvfile, encoding):
    rows = [[cell.strftime("%Y-%m-%d") if isinstance(cell, datetime) else cell for cell in row] for row in ACT_ROWS]
    report = import_file(archive, "activities", csvfile([ACT_HEADER, *rows], encoding))
    assert report.rows_added == 5, report.text()
    assert {a.title for a in activities(archive)} == {r[2] for r in ACT_ROWS}
    assert {a.location for a in activities(archive)} >= {"城东村文体广场", "潭江城东河段"}


def test_english_aliases_any_order_absent_optional_columns(archive, csvfile):
    path = csvfile([["Title", "Category", "Date", "Participants", "Venue"],
                    ["Dragon dance", "民俗节庆", "2017-01-29", "1,200", "广场"]])
    report = import_file(archive, "activities", path)
    assert report.rows_added == 1
    (a,) = activities(archive)
    assert (a.title, a.start_date, a.participants, a.location, a.summary) == (
        "Dragon dance", date(2017, 1, 29), 1200, "广场", "")


def test_bad_rows_are_all_reported_and_nothing_changes(archive, xlsx):
    before = fingerprint(archive)
    rows = [ACT_HEADER,
            ACT_ROWS[0],
            ["2017-13-01", None, "", "跳舞", None, None, None, "很多", None],  # three problems in one row
            ["2017-03-01", "2017-02-01", "晚会", "文化娱乐", "圣诞", None, None, -3, None],
            ACT_ROWS[2]]
    report = import_file(archive, "activities", xlsx(rows))
    assert report.refused and report.rows_added == 0
    where = {(p.row, p.column) for p in report.problems}
    assert {(3, "日期"), (3, "活动名称"), (3, "类别"), (3, "参与人数"), (4, "结束日期"), (4, "节日"),
            (4, "参与人数")} <= where
    assert not any(p.row in (2, 5) for p in report.problems)
    values = {(p.row, p.column): p.value for p in report.problems}
    assert values[(3, "日期")] == "2017-13-01" and values[(3, "类别")] == "跳舞"
    text = report.text()
    assert "第 3 行" in text and "没有导入任何数据" in text
    assert fingerprint(archive) == before


def test_only_valid_rows_when_chosen(archive, xlsx):
    rows = [ACT_HEADER, ACT_ROWS[0], ["2017-13-01", None, "坏行", "民俗节庆"], ACT_ROWS[2]]
    report = import_file(archive, "activities", xlsx(rows), only_valid=True)
    assert not report.refused and report.rows_added == 2 and report.rows_invalid == 1 and report.rows_skipped == 1
    assert len(activities(archive)) == 2
    with archive.session() as s:
        log = s.scalar(select(SheetImport))
        assert (log.rows_total, log.rows_added, log.rows_skipped) == (3, 2, 1)


def test_same_file_twice_adds_nothing_and_both_imports_are_audited(archive, xlsx):
    path = xlsx([ACT_HEADER, *ACT_ROWS])
    first = import_file(archive, "activities", path)
    after_first = counts(archive)
    second = import_file(archive, "activities", path)
    assert first.rows_added == 5 and second.rows_added == 0 and second.rows_existing == 5
    assert second.earlier_imports and "已经导入过" in second.text()
    now = counts(archive)
    assert now["activity"] == after_first["activity"] and now["sheet_import"] == 2
    with archive.session() as s:
        imports = list(s.scalars(select(SheetImport).order_by(SheetImport.id)))
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "import")))
        creates = s.scalars(select(AuditEntry).where(AuditEntry.action == "create",
                                                     AuditEntry.entity == "activity")).all()
    assert [i.source_sha256 for i in imports] == [first.sha256] * 2
    assert len(entries) == 2 and all(path.name in e.reason and first.sha256 in e.reason for e in entries)
    assert len(creates) == 5 and {c.item_number for c in creates} == {f"TEST-2017-HD-{n:04d}" for n in range(1, 6)}


def test_a_different_file_with_the_same_records_adds_nothing(archive, xlsx, csvfile):
    import_file(archive, "activities", xlsx([ACT_HEADER, *ACT_ROWS]))
    rows = [[c.strftime("%Y年%m月%d日") if isinstance(c, datetime) else c for c in r] for r in ACT_ROWS]
    report = import_file(archive, "activities", csvfile([ACT_HEADER, *rows, rows[0]], "gb18030"))
    assert report.rows_added == 0 and report.rows_existing == 6


def test_duplicate_rows_in_one_file_are_imported_once(archive, xlsx):
    report = import_file(archive, "activities", xlsx([ACT_HEADER, ACT_ROWS[0], ACT_ROWS[0]]))
    assert report.rows_added == 1 and report.rows_existing == 1


def test_bulk_path_numbers_and_audits_every_record(archive, xlsx):
    rows = [[date(2017 + i % 3, 1 + i % 12, 1 + i % 28), None, f"活动{i}", "文化娱乐"] for i in range(60)]
    with archive.session() as s:
        from storage import activities as acts
        from storage import centers
        acts.create_activity(s, archive.actor, centers.own_center(s), start_date="2018-01-01", title="已有",
                             category="其他")
    report = import_file(archive, "activities", xlsx([["日期", "结束日期", "活动名称", "类别"], *rows]))
    assert report.rows_added == 60
    rows = activities(archive)
    by_year = {}
    for a in rows:
        by_year.setdefault(a.year, []).append(a.seq)
    assert all(sorted(seqs) == list(range(1, len(seqs) + 1)) for seqs in by_year.values())
    assert len({a.item_number for a in rows}) == 61
    with archive.session() as s:
        existing = s.scalar(select(Activity).where(Activity.title == "已有"))
        (by_writer,) = audit.history(s, existing.uuid)
        for a in s.scalars(select(Activity).where(Activity.title != "已有")):
            (entry,) = audit.history(s, a.uuid)
            # the bulk path writes exactly what audit.record writes for a record made by create_activity
            assert (entry.action, entry.entity, entry.item_number, entry.actor, entry.before, entry.reason) == (
                by_writer.action, by_writer.entity, a.item_number, by_writer.actor, None, None)
            assert json.loads(entry.after) == audit.snapshot(a)
            assert set(json.loads(entry.after)) == set(json.loads(by_writer.after))


def test_title_row_above_header_unknown_columns_and_example_row(archive, xlsx):
    report = import_file(archive, "activities", xlsx([
        ["2017年城东村活动登记表"],
        ["序号", "日期", "活动名称", "类别", "照片张数"],
        [1, "2017-01-29", "春节舞龙闹新春", "民俗节庆", 12],
        [2, "2017-01-30", "示例", "其他", None, None, None, None, None],
    ]))
    assert report.rows_added == 2
    assert any("照片张数" in n for n in report.notices)


def test_template_example_row_is_skipped(archive, xlsx):
    report = import_file(archive, "activities", xlsx([ACT_HEADER, ["2017-01-29", None, "示例", "其他", None, None,
                                                                   None, None, "【示例】这是示例行，请删除后填写"]]))
    assert report.rows_added == 0 and report.rows_total == 0 and "示例行" in report.text()


def test_missing_required_column_and_doubled_column_refuse_the_file(archive, csvfile):
    before = fingerprint(archive)
    report = import_file(archive, "activities", csvfile([["日期", "地点"], ["2017-01-29", "广场"]]))
    assert report.refused and {p.column for p in report.problems} >= {"活动名称", "类别"}
    report = import_file(archive, "activities", csvfile([["日期", "活动日期", "活动名称", "类别"],
                                                         ["2017-01-29", "2017-01-29", "x", "其他"]]))
    assert report.refused and "两次" in report.text()
    report = import_file(archive, "activities", csvfile([["甲", "乙"], ["1", "2"]]))
    assert report.refused and "找不到表头" in report.text()
    assert fingerprint(archive) == before


EQ_HEADER = ["设备名称", "类别", "规格型号", "数量", "单价(元)", "资金来源", "购置日期", "供应商", "存放地点", "保管人", "状态",
             "镇街验收日期", "市级检查日期", "上级检查日期"]


def test_equipment_with_acceptance_stages(archive, xlsx):
    rows = [EQ_HEADER,
            ["LED 显示屏", "音视频设备", "P3 4m×2m", 1, 48000, "专项资金", "2017-03-01", "某公司", "活动室", "李秀英",
             "在用", "2017-04-10", "2017年5月2日", date(2017, 6, 1)],
            ["无线话筒", "音视频设备", "UHF", "4", "1,280.50", "", "2017/3/1", "", "", "", "", "2017.4.10", None, None],
            ["书架", "家具", "", None, 950.1, "", "2018-01-02", "", "", "", "维修", None, None, None]]
    report = import_file(archive, "equipment", xlsx(rows))
    assert report.rows_added == 3, report.text()
    with archive.session() as s:
        items = list(s.scalars(select(Equipment).order_by(Equipment.id)))
        stages = {(st.equipment_id, st.stage): st for st in s.scalars(select(AcceptanceStage))}
        assert [e.unit_price_fen for e in items] == [4_800_000, 128_050, 95_010]
        assert [e.quantity for e in items] == [1, 4, 1]
        assert [e.status for e in items] == ["在用", "在用", "维修"]
        assert [e.item_number for e in items] == ["TEST-2017-SB-0001", "TEST-2017-SB-0002", "TEST-2018-SB-0001"]
        led = items[0]
        assert {k[1]: (v.accepted_on, v.result) for k, v in stages.items() if k[0] == led.id} == {
            "town": (date(2017, 4, 10), "通过"), "city": (date(2017, 5, 2), "通过"),
            "prefecture": (date(2017, 6, 1), "通过")}
        assert equipment.acceptance_level(equipment.stage_map(s, led)) == "prefecture"
        assert equipment.acceptance_level(equipment.stage_map(s, items[1])) == "town"
        assert equipment.stage_map(s, items[2]) == {}


def test_equipment_stage_order_rules_refuse_the_sheet(archive, xlsx):
    before = fingerprint(archive)
    rows = [EQ_HEADER + ["市级检查结论"],
            ["投影仪", "", "", 1, 6500, "", "2017-03-01", "", "", "", "", None, "2017-05-01", None, None],  # no town
            ["电脑", "", "", 1, 4200, "", "2017-03-01", "", "", "", "", "2017-06-01", "2017-05-01", None, None],
            ["音响", "", "", 1, 100, "", "2017-03-01", "", "", "", "坏了", "2017-02-01", None, None, "不通过"],
            ["空调", "", "", 0, "12.345", "", "", "", "", "", "", None, None, None, None]]
    report = import_file(archive, "equipment", xlsx(rows))
    assert report.refused
    got = {(p.row, p.column) for p in report.problems}
    assert {(2, "市级检查日期"), (3, "市级检查日期"), (4, "状态"), (4, "镇街验收日期"), (4, "市级检查结论"),
            (5, "数量"), (5, "单价(元)"), (5, "购置日期")} <= got
    assert fingerprint(archive) == before


LOG_HEADER = ["日期", "开门时间", "关门时间", "接待人数", "值班人员", "备注"]


def test_opening_log(archive, xlsx, csvfile):
    rows = [LOG_HEADER,
            [date(2017, 2, 1), time(8, 30), time(17, 30), 35, "李秀英", ""],
            ["2017/2/2", "8:30", "17:00", "1,020", "陈志强", "春节游园"],
            ["2017年2月3日", 0.375, 0.75, None, None, None]]
    report = import_file(archive, "opening-log", xlsx(rows))
    assert report.rows_added == 3, report.text()
    with archive.session() as s:
        logs = list(s.scalars(select(OpeningLog).order_by(OpeningLog.log_date)))
    assert [(g.log_date, g.opened_at, g.closed_at, g.visitors) for g in logs] == [
        (date(2017, 2, 1), time(8, 30), time(17, 30), 35), (date(2017, 2, 2), time(8, 30), time(17, 0), 1020),
        (date(2017, 2, 3), time(9, 0), time(18, 0), 0)]
    again = import_file(archive, "opening-log", csvfile([LOG_HEADER, ["2017-02-01", "09:00", "12:00", 1, "", ""]]))
    assert again.rows_added == 0 and again.rows_existing == 1
    bad = import_file(archive, "opening-log", csvfile([LOG_HEADER, ["2017-02-05", "18:00", "09:00", 1, "", ""],
                                                      [date.today().replace(year=date.today().year + 1).isoformat(),
                                                       "09:00", "10:00", "", "", ""]]))
    assert bad.refused and {(p.row, p.column) for p in bad.problems} == {(2, "关门时间"), (3, "日期")}


def test_cancel_rolls_back(archive, xlsx):
    from storage.errors import DomainError

    before = fingerprint(archive)
    seen = []
    rows = [[date(2017, 1, 1 + i % 28), None, f"活动{i}", "其他"] for i in range(450)]
    with pytest.raises(DomainError) as e:
        import_file(archive, "activities", xlsx([ACT_HEADER[:4], *rows]), cancelled=lambda: bool(seen),
                    progress=lambda *a: seen.append(a))
    assert e.value.code == "cancelled" and seen == [(200, 450, seen[0][2])]
    assert fingerprint(archive) == before


def test_only_the_first_sheet_is_read_and_the_others_are_named(archive, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "2017年"
    wb.active.append(ACT_HEADER)
    wb.active.append(ACT_ROWS[0])
    other = wb.create_sheet("2018年")
    other.append(ACT_HEADER)
    other.append(["2018-01-01", None, "另一个表", "其他"])
    path = tmp_path / "多表.xlsx"
    wb.save(path)
    report = import_file(archive, "activities", path)
    assert report.rows_added == 1 and any("2018年" in n and "没有读取" in n for n in report.notices)


def test_bulk_opening_log_is_audited_like_log_opening(archive, xlsx):
    from datetime import timedelta

    from storage import centers, opening

    with archive.session() as s:
        opening.log_opening(s, archive.actor, centers.own_center(s), log_date="2017-01-01", opened_at="09:00",
                            closed_at="17:00")
    rows = [[date(2017, 1, 1) + timedelta(days=i), "09:00", "17:00", i, "李秀英", ""] for i in range(40)]
    report = import_file(archive, "opening-log", xlsx([LOG_HEADER, *rows]))
    assert report.rows_added == 39 and report.rows_existing == 1
    with archive.session() as s:
        logs = list(s.scalars(select(OpeningLog).order_by(OpeningLog.log_date)))
        assert len(logs) == 40 and len({g.log_date for g in logs}) == 40
        (by_writer,) = audit.history(s, logs[0].uuid)
        for g in logs[1:]:
            (entry,) = audit.history(s, g.uuid)
            assert (entry.action, entry.entity, entry.item_number) == ("create", "opening_log", None)
            assert json.loads(entry.after) == audit.snapshot(g)
            assert set(json.loads(entry.after)) == set(json.loads(by_writer.after))
