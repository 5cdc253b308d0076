"""Each register's table model on its own, without a window: rows, filters, SQL sorting, deleted rows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from gui.models.activity_model import ActivityTableModel
from gui.models.base import DELETED_ROLE, UUID_ROLE
from gui.models.closure_model import ClosureTableModel
from gui.models.equipment_model import EquipmentTableModel
from gui.models.log_model import OpeningLogTableModel
from storage import activities, centers, equipment, opening, records
from tests.gui.helpers import settle


def _column(model, header):
    for c in range(model.columnCount()):
        if model.headerData(c, Qt.Horizontal) == header:
            return c
    raise AssertionError(header)


def test_activity_model_filters_and_sorts_in_sql(archive, ctx):
    with archive.session() as s:
        center = centers.own_center(s)
        activities.create_activity(s, "t", center, start_date="2024-02-10", title="春节舞龙", category="民俗节庆",
                                   participants=300)
        activities.create_activity(s, "t", center, start_date="2024-05-01", title="广场舞培训", category="体育健身",
                                   participants=40)
        gone = activities.create_activity(s, "t", center, start_date="2023-09-01", title="重复的活动",
                                          category="其他")
        records.delete(s, "t", gone, "重复录入")
    model = ActivityTableModel(ctx)
    model.reload()
    settle()
    assert model.rowCount() == 2
    assert model.columnCount() == 9
    assert model.index(0, 0).data() == "TEST-2024-HD-0001"
    model.set_filters(year=2024, quarter=2)
    settle()
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == ["广场舞培训"]
    model.set_filters(category="民俗节庆")
    settle()
    assert model.rowCount() == 1 and model.index(0, 7).data() == "300"
    model.set_filters(text="舞")
    settle()
    assert model.rowCount() == 2
    model.sort(_column(model, "参与人数"), Qt.DescendingOrder)
    settle()
    assert [model.index(r, 7).data() for r in range(2)] == ["300", "40"]
    model.sort(_column(model, "参与人数"), Qt.AscendingOrder)
    settle()
    assert [model.index(r, 7).data() for r in range(2)] == ["40", "300"]
    model.set_filters(deleted_only=True)
    settle()
    assert model.rowCount() == 1
    assert model.index(0, 0).data(DELETED_ROLE) is True
    assert "重复录入" in model.index(0, 2).data(Qt.ToolTipRole)
    assert model.index(0, 2).data(Qt.FontRole).strikeOut()
    assert model.uuid_at(0) == model.index(0, 0).data(UUID_ROLE)
    assert model.row_of_uuid(gone.uuid) == 0


def test_equipment_model_shows_acceptance_stages_in_colour(archive, ctx):
    with archive.session() as s:
        center = centers.own_center(s)
        item = equipment.create_equipment(s, "t", center, name="功放音响", unit_price="12800.50",
                                          purchase_date="2023-03-01", quantity=2)
        equipment.set_acceptance(s, "t", item, "town", accepted_on="2023-03-20", result="通过")
        equipment.set_acceptance(s, "t", item, "city", accepted_on="2023-05-20", result="整改")
        equipment.create_equipment(s, "t", center, name="投影仪", purchase_date="2024-01-05", status="维修")
    model = EquipmentTableModel(ctx)
    model.reload()
    settle()
    assert model.rowCount() == 2
    town, city, pref = (_column(model, h) for h in ("镇街现场验收", "市局检查", "上级检查组验收"))
    assert model.index(0, _column(model, "单价（元）")).data() == "12,800.50"
    assert (model.index(0, town).data(), model.index(0, city).data(), model.index(0, pref).data()) == \
        ("通过", "整改", "未验收")
    assert model.index(0, town).data(Qt.BackgroundRole).color().name() == "#c8efc8"
    assert model.index(0, city).data(Qt.BackgroundRole).color().name() == "#ffe3a3"
    model.set_filters(status="维修")
    settle()
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["投影仪"]
    model.set_filters(year=2023)
    settle()
    assert model.rowCount() == 1
    model.set_filters()
    settle()
    model.sort(_column(model, "设备名称"), Qt.DescendingOrder)
    settle()
    assert model.index(0, 1).data() == "投影仪"


def test_log_model_lists_days_newest_first_with_hours(archive, ctx):
    with archive.session() as s:
        center = centers.own_center(s)
        opening.log_opening(s, "t", center, log_date="2024-03-01", opened_at="09:00", closed_at="12:30",
                            visitors=20, on_duty="李四")
        opening.log_opening(s, "t", center, log_date="2024-03-02", opened_at="14:00", closed_at="17:00",
                            visitors=5)
    model = OpeningLogTableModel(ctx)
    model.reload()
    settle()
    assert [model.index(r, 0).data() for r in range(2)] == ["2024-03-02", "2024-03-01"]
    assert model.index(1, 3).data() == "3.5"
    model.set_filters(text="李四")
    settle()
    assert model.rowCount() == 1 and model.index(0, 4).data() == "20"
    model.set_filters()
    settle()
    model.sort(4, Qt.AscendingOrder)
    settle()
    assert model.index(0, 4).data() == "5"


def test_closure_model_marks_late_notices(archive, ctx):
    with archive.session() as s:
        center = centers.own_center(s)
        opening.add_closure(s, "t", center, start_date="2024-08-12", end_date="2024-08-13", reason="线路检修",
                            notice_date="2024-08-09")
        opening.add_closure(s, "t", center, start_date="2024-01-26", end_date="2024-01-28", reason="春节闭馆",
                            notice_date="2024-01-10")
        opening.add_closure(s, "t", center, kind="extra", start_date="2024-10-02", start_time="08:00",
                            end_time="09:00", reason="提前开馆")
    model = ClosureTableModel(ctx)
    model.reload()
    settle()
    by_reason = {model.index(r, 5).data(): r for r in range(model.rowCount())}
    assert model.index(by_reason["线路检修"], 6).data() == "公告过晚（不足 7 天）"
    assert model.index(by_reason["线路检修"], 6).data(Qt.BackgroundRole) is not None
    assert model.index(by_reason["春节闭馆"], 6).data() == "按时公告"
    assert model.index(by_reason["提前开馆"], 0).data() == "加开"
    assert model.index(by_reason["提前开馆"], 3).data() == "08:00—09:00"
    model.set_filters(year=date(2024, 1, 1).year, quarter=1)
    settle()
    assert model.rowCount() == 1


def test_activity_model_loads_pages_while_scrolling(archive, ctx, monkeypatch):
    with archive.session() as s:
        center = centers.own_center(s)
        made = [activities.create_activity(s, "t", center, start_date=f"2024-03-{d:02d}", title=f"活动{d}",
                                           category="其他", participants=d) for d in range(1, 8)]
    monkeypatch.setattr(ActivityTableModel, "PAGE_SIZE", 3)
    model = ActivityTableModel(ctx)
    model.reload()
    settle()
    assert (model.rowCount(), model.total, model.canFetchMore()) == (3, 7, True)
    model.fetchMore()
    settle()
    assert model.rowCount() == 6
    assert model.row_of_uuid(made[6].uuid) == -1  # not loaded yet
    model.fetch_more(until_uuid=made[6].uuid)
    settle()
    assert model.row_of_uuid(made[6].uuid) == 6
    assert not model.canFetchMore()
    model.sort(7, Qt.DescendingOrder)  # sorting re-queries the first page in SQL
    settle()
    assert [model.index(r, 7).data() for r in range(model.rowCount())] == ["7", "6", "5"]
    model.set_filters(text="活动1")
    settle()
    assert (model.rowCount(), model.total) == (1, 1)
