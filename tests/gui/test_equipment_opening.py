"""Equipment with its acceptance stages and status changes; opening hours: facility, schedule slots,
the weekly total against the standard, a closure posted late, and today's log entry."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from storage import centers, equipment, hours, queries, records
from storage.models import Closure, Equipment, OpeningLog
from tests.gui.helpers import choose, settle, type_date, type_text


def test_equipment_with_acceptance_stages_and_status(window, ctx, qtbot):
    window.show_page("equipment")
    settle()
    page = window.pages["equipment"]
    dialog = window.new_record()
    settle()
    f = dialog.form.fields
    type_text(f["name"], "功放音响套装")
    type_text(f["category"], "音视频设备")
    qtbot.keyClicks(f["quantity"], "\b2")
    qtbot.keyClicks(f["unit_price"], "12800.50")
    type_date(f["purchase_date"], "2024-03-01")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    with ctx.archive.session() as s:
        item = s.query(Equipment).one()
        assert (item.item_number, item.name, item.quantity, item.unit_price_fen, item.status) == \
            ("TEST-2024-SB-0001", "功放音响套装", 2, 1280050, "在用")
    assert page.selected_uuid() == item.uuid

    # One place edits the stages: the item's dialog. The city check before the town one is refused
    # beside the city's date, with the rule's message, and nothing is saved.
    dialog = page.edit_selected()
    settle()
    f = dialog.form.fields
    assert not f["city_accepted_on"].isEnabled()  # unrecorded until ticked
    qtbot.mouseClick(dialog.stage_boxes["city"], Qt.LeftButton)
    type_date(f["city_accepted_on"], "2024-04-10")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.form.error_text("city_accepted_on") == "请先登记镇街现场验收，再登记市局检查。"
    qtbot.mouseClick(dialog.stage_boxes["town"], Qt.LeftButton)
    type_date(f["town_accepted_on"], "2024-03-20")
    type_text(f["town_people"], "镇分管领导、财政所所长")
    type_text(f["town_report_number"], "苍文验〔2024〕1号")
    choose(f["city_result"], "整改")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    with ctx.archive.session() as s:
        stages = equipment.stage_map(s, s.query(Equipment).one())
    assert {k: (str(v.accepted_on), v.result) for k, v in stages.items()} == {
        "town": ("2024-03-20", "通过"), "city": ("2024-04-10", "整改")}
    assert stages["town"].report_number == "苍文验〔2024〕1号"
    # The table shows the results in colour.
    assert page.model.index(0, 8).data() == "通过" and page.model.index(0, 9).data() == "整改"
    assert page.model.index(0, 9).data(Qt.BackgroundRole).color().name() == "#ffe3a3"

    # A status change keeps its date; a date before purchase is refused next to the date.
    dialog = page.edit_selected()
    settle()
    f = dialog.form.fields
    assert dialog.stage_boxes["town"].isChecked() and not dialog.stage_boxes["town"].isEnabled()
    choose(f["status"], "维修")
    type_date(f["changed_on"], "2023-12-01")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert "不能早于购置日期" in dialog.form.error_text("changed_on")
    type_date(f["changed_on"], "2024-06-03")
    type_text(f["status_note"], "功放烧坏，送修")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    with ctx.archive.session() as s:
        item = s.query(Equipment).one()
        assert item.status == "维修"
        history = queries.status_history_rows(s, item.id)
    assert [(str(d), st, n) for d, st, n in history] == [("2024-03-01", "在用", "购置入账"),
                                                         ("2024-06-03", "维修", "功放烧坏，送修")]
    assert page.model.index(0, 7).data() == "维修"
    dialog = page.edit_selected()
    settle()
    assert dialog.history.count() == 2
    dialog.reject()


def test_schedule_slots_closure_and_todays_log(window, ctx, qtbot, answer_text):
    window.show_page("opening")
    settle()
    page = window.pages["opening"]
    editor = page.schedule
    answer_text("农家书屋")
    qtbot.mouseClick(editor.add_facility_button, Qt.LeftButton)
    assert editor.facility.currentText() == "农家书屋"
    monday = date.today() - timedelta(days=date.today().weekday())
    f = editor.form.fields
    type_date(f["effective_from"], (monday - timedelta(days=7)).isoformat())
    today_slot = None
    for weekday in range(7):
        choose(f["weekday"], ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")[weekday])
        qtbot.keyClicks(f["start_time"], "09:00")
        qtbot.keyClicks(f["end_time"], "12:00")
        qtbot.mouseClick(editor.add_button, Qt.LeftButton)
        if weekday == date.today().weekday():
            today_slot = "09:00"
    assert editor.slots.rowCount() == 7
    assert editor.total.property("meets_standard") is False  # 21 h < 42 h: red
    assert "21" in editor.total.text()
    # An overlapping slot is refused next to its time and nothing is added.
    choose(f["weekday"], "星期一")
    qtbot.keyClicks(f["start_time"], "11:00")
    qtbot.keyClicks(f["end_time"], "13:00")
    qtbot.mouseClick(editor.add_button, Qt.LeftButton)
    assert "重叠" in editor.form.error_text("start_time")
    assert editor.slots.rowCount() == 7
    for weekday in range(7):
        choose(f["weekday"], ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")[weekday])
        type_text(f["start_time"], "14:00")
        type_text(f["end_time"], "17:00")
        qtbot.mouseClick(editor.add_button, Qt.LeftButton)
    assert editor.total.property("meets_standard") is True  # 42 h: green
    with ctx.archive.session() as s:
        assert hours.scheduled_week_hours(s, centers.own_center(s)) == 42
    assert editor.week.item(0, 0).text() == "09:00—12:00，14:00—17:00"
    assert today_slot
    # Changed hours: the Monday afternoon slot ends yesterday; it still counts for past weeks.
    row = next(r for r in range(editor.slots.rowCount())
               if editor.slots.item(r, 0).text() == "星期一" and editor.slots.item(r, 1).text() == "14:00")
    editor.slots.selectRow(row)
    yesterday = date.today() - timedelta(days=1)
    answer_text(yesterday.isoformat())
    qtbot.mouseClick(editor.end_button, Qt.LeftButton)
    assert editor.slots.item(row, 4).text() == yesterday.isoformat()
    with ctx.archive.session() as s:
        data = hours.load(s, centers.own_center(s))
        assert hours.weekly_hours(data, monday - timedelta(days=7)) == 42
        assert hours.weekly_hours(data, monday + timedelta(days=7)) == 39

    # A closure posted 3 days ahead: the warning shows while typing; it can still be saved.
    page.tabs.setCurrentWidget(page.closures)
    dialog = window.new_record()
    settle()
    start = date.today() + timedelta(days=3)
    type_date(dialog.form.fields["start_date"], start.isoformat())
    type_date(dialog.form.fields["end_date"], (start + timedelta(days=1)).isoformat())
    assert dialog.warning.isVisibleTo(dialog)
    type_date(dialog.form.fields["notice_date"], (start - timedelta(days=8)).isoformat())
    assert not dialog.warning.isVisibleTo(dialog)
    type_date(dialog.form.fields["notice_date"], date.today().isoformat())
    assert dialog.warning.isVisibleTo(dialog)
    type_text(dialog.form.fields["reason"], "活动室线路检修")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    with ctx.archive.session() as s:
        c = s.query(Closure).one()
        assert (c.start_date, c.notice_date, c.reason) == (start, date.today(), "活动室线路检修")
    assert page.closures.model.index(0, 6).data() == "公告过晚（不足 7 天）"

    # 今日开放登记: one click opens today's entry filled from the schedule; type the visitors and save.
    page.tabs.setCurrentWidget(page.log)
    qtbot.mouseClick(page.log.today_button, Qt.LeftButton)
    log_dialog = page.log.open_dialogs[-1]
    lf = log_dialog.form.fields
    assert lf["log_date"].date().toString("yyyy-MM-dd") == date.today().isoformat()
    assert (lf["opened_at"].text(), lf["closed_at"].text(), lf["on_duty"].text()) == ("09:00", "17:00", "李秀英")  # the profile's keeper
    qtbot.keyClicks(lf["visitors"], "36")
    qtbot.keyClick(lf["visitors"], Qt.Key_Return)
    assert not log_dialog.isVisible()
    with ctx.archive.session() as s:
        entry = s.query(OpeningLog).one()
        assert (entry.log_date, entry.visitors, entry.on_duty) == (date.today(), 36, "李秀英")
    # A second click opens the same day again, to correct it.
    qtbot.mouseClick(page.log.today_button, Qt.LeftButton)
    again = page.log.open_dialogs[-1]
    assert again.uuid == entry.uuid
    again.reject()


def test_bad_log_entry_saves_nothing(window, ctx, qtbot):
    window.show_page("opening")
    settle()
    page = window.pages["opening"]
    page.tabs.setCurrentWidget(page.log)
    dialog = window.new_record()
    settle()
    type_text(dialog.form.fields["opened_at"], "17:00")
    type_text(dialog.form.fields["closed_at"], "09:00")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.form.error_text("closed_at") == "关门时间（09:00）必须晚于开门时间（17:00）。"
    with ctx.archive.session() as s:
        assert s.query(OpeningLog).count() == 0


def test_equipment_delete_and_restore(window, ctx, qtbot, answer_text):
    with ctx.archive.session() as s:
        item = equipment.create_equipment(s, "t", centers.own_center(s), name="投影仪", purchase_date="2024-01-05")
        uuid = item.uuid
    window.show_page("equipment")
    settle()
    page = window.pages["equipment"]
    page.refresh()
    settle()
    page.table.selectRow(0)
    answer_text("信息有误")
    qtbot.mouseClick(page.delete_button, Qt.LeftButton)
    with ctx.archive.session() as s:
        assert records.get(s, Equipment, uuid).delete_reason == "信息有误"
    choose(page.show_deleted, "全部记录")
    page.select_uuid(uuid)
    assert not page.edit_button.isEnabled()
    qtbot.mouseClick(page.restore_button, Qt.LeftButton)
    with ctx.archive.session() as s:
        assert records.get(s, Equipment, uuid).deleted_at is None


def test_equipment_category_filter_and_history_labels(window, ctx, qtbot):
    with ctx.archive.session() as s:
        center = centers.own_center(s)
        item = equipment.create_equipment(s, "t", center, name="投影仪", category="音视频设备",
                                          purchase_date="2024-01-05")
        equipment.create_equipment(s, "t", center, name="书架", category="家具", purchase_date="2024-02-05")
        equipment.update_equipment(s, "t", item, quantity=3)
    page = window.show_page("equipment")
    settle()
    page.refresh()
    settle()
    assert [page.category.itemText(i) for i in range(page.category.count())] == ["全部类别", "家具", "音视频设备"]
    choose(page.category, "家具")
    assert [page.model.index(r, 1).data() for r in range(page.model.rowCount())] == ["书架"]
    choose(page.category, "全部类别")
    page.select_uuid(item.uuid)
    history = page.history_selected()
    settle()
    assert history.actions() == ["新建", "修改"]
    assert history.table.item(1, 3).text() == "数量：1 → 3"


def test_sheet_buttons_call_the_sheet_actions(window, ctx, qtbot, monkeypatch):
    import gui.sheet_actions as sheet_actions

    calls = []
    monkeypatch.setattr(sheet_actions, "import_sheet", lambda c, kind, parent: calls.append(("import", kind)))
    monkeypatch.setattr(sheet_actions, "export_sheet", lambda c, kind, parent: calls.append(("export", kind)))
    activities_page = window.show_page("activities")
    settle()
    qtbot.mouseClick(activities_page.import_button, Qt.LeftButton)
    qtbot.mouseClick(activities_page.export_button, Qt.LeftButton)
    equipment_page = window.show_page("equipment")
    settle()
    qtbot.mouseClick(equipment_page.export_button, Qt.LeftButton)
    opening_page = window.show_page("opening")
    settle()
    qtbot.mouseClick(opening_page.log.import_button, Qt.LeftButton)
    assert calls == [("import", "activity"), ("export", "activity"), ("export", "equipment"),
                     ("import", "opening_log")]
