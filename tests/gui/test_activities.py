"""The activity register through the window: add, edit, delete with a reason, restore, history,
attachments, and a bad entry that shows its message and saves nothing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from storage import demo, records
from storage.models import Activity, Attachment
from tests.gui.helpers import choose, settle, type_date, type_text


def _page(window):
    window.show_page("activities")
    settle()
    return window.pages["activities"]


def _activities(archive):
    with archive.session() as s:
        return [(a.item_number, a.title, a.category, a.participants, a.deleted_at is not None, a.delete_reason)
                for a in s.query(Activity).order_by(Activity.id)]


def test_add_edit_delete_restore_an_activity(window, ctx, qtbot, answer_text):
    page = _page(window)
    dialog = window.new_record()  # Ctrl+N on the activities page
    settle()
    assert dialog is not None and dialog.isVisible()
    f = dialog.form.fields
    assert f["item_number"].isReadOnly()
    type_date(f["start_date"], "2024-09-17")
    type_text(f["title"], "中秋文艺晚会")
    choose(f["category"], "文化娱乐")
    choose(f["festival"], "中秋")
    type_text(f["location"], "城东村文化活动室")
    qtbot.keyClicks(f["participants"], "180")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert _activities(ctx.archive) == [("TEST-2024-HD-0001", "中秋文艺晚会", "文化娱乐", 180, False, None)]
    settle()  # saved in 2024 while the register shows this year: it switches to all years to show it
    assert page.year.currentData() is None
    assert page.model.rowCount() == 1
    assert page.selected_uuid() == dialog.saved_uuid

    # A double-click opens the record once.
    rect = page.table.visualRect(page.model.index(0, 2))
    qtbot.mouseClick(page.table.viewport(), Qt.LeftButton, pos=rect.center())  # a real double-click
    qtbot.mouseDClick(page.table.viewport(), Qt.LeftButton, pos=rect.center())  # starts with a click
    assert len(page.open_dialogs) == 1
    page.open_dialogs[0].reject()
    assert page.open_dialogs == []

    # Edit: Enter on the selected row opens it; change the title.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Return)
    edit = page.open_dialogs[-1]
    assert edit.form.fields["item_number"].text() == "TEST-2024-HD-0001"
    type_text(edit.form.fields["title"], "中秋游园晚会")
    qtbot.keyClick(edit, Qt.Key_S, Qt.ControlModifier)
    assert not edit.isVisible()
    assert _activities(ctx.archive)[0][1] == "中秋游园晚会"

    # Delete with a reason (the Delete key on the table), then find it among deleted records and restore.
    asked = answer_text("重复录入")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Delete)
    assert asked and "TEST-2024-HD-0001" in asked[0]
    assert _activities(ctx.archive)[0][4:] == (True, "重复录入")
    assert page.model.rowCount() == 0
    choose(page.show_deleted, "已删除记录")
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    assert page.restore_button.isEnabled() and not page.edit_button.isEnabled()
    qtbot.mouseClick(page.restore_button, Qt.LeftButton)
    assert _activities(ctx.archive)[0][4:] == (False, None)

    # The history tells the whole story.
    choose(page.show_deleted, "在册记录")
    page.table.selectRow(0)
    history = page.history_selected()
    settle()
    assert history.actions() == ["新建", "修改", "删除", "恢复"]
    assert "测试员" in history.table.item(0, 1).text()


def test_a_bad_entry_shows_its_message_and_saves_nothing(window, ctx, qtbot):
    _page(window)
    dialog = window.new_record()
    settle()
    type_text(dialog.form.fields["title"], "广场舞培训")
    qtbot.keyClicks(dialog.form.fields["participants"], "abc")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.isVisible()
    assert dialog.form.error_text("participants") == "参与人数“abc”不是整数。"
    assert dialog.form.fields["participants"].hasFocus()
    assert _activities(ctx.archive) == []

    # An empty title is refused next to the title field; fixing both saves.
    type_text(dialog.form.fields["title"], "")
    type_text(dialog.form.fields["participants"], "45")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.form.error_text("title") == "请填写活动名称。"
    assert dialog.form.error_text("participants") == ""
    assert _activities(ctx.archive) == []
    type_text(dialog.form.fields["title"], "广场舞培训")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert [a[1] for a in _activities(ctx.archive)] == ["广场舞培训"]


def test_delete_needs_a_reason(window, ctx, qtbot, answer_text, messages):
    page = _page(window)
    dialog = window.new_record()
    settle()
    type_text(dialog.form.fields["title"], "读书分享会")
    dialog.save()
    settle()
    page.table.selectRow(0)
    answer_text("   ")
    qtbot.mouseClick(page.delete_button, Qt.LeftButton)
    assert messages[-1][0] == "warning" and "删除必须填写原因" in messages[-1][1]
    assert _activities(ctx.archive)[0][4] is False


def test_attachments_by_file_dialog_drop_caption_and_open(window, ctx, qtbot, tmp_path, monkeypatch, answer_text):
    import random

    photo = tmp_path / "舞龙.jpg"
    photo.write_bytes(demo.photo_bytes(random.Random(1), "dragon"))
    second = tmp_path / "签到表.png"
    second.write_bytes(demo.photo_bytes(random.Random(2), "sign-in"))
    page = _page(window)
    dialog = window.new_record()
    settle()
    type_text(dialog.form.fields["title"], "春节舞龙")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
    qtbot.mouseClick(dialog.attachments.add_button, Qt.LeftButton)
    assert dialog.attachments.count() == 1  # waits for the record to be saved
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    with ctx.archive.session() as s:
        a = records.get(s, Activity, dialog.saved_uuid)
        names = [x.filename for x in s.query(Attachment).filter(Attachment.owner_kind == "activity", Attachment.owner_id == a.id)]
    assert names == ["舞龙.jpg"]

    # Reopen: thumbnail shown; drop a second file on the panel; caption it; open the original.
    page.table.selectRow(0)
    edit = page.edit_selected()
    settle()
    panel = edit.attachments
    assert panel.count() == 1 and not panel.list.item(0).icon().isNull()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(second))])
    drop = QDropEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    panel.dragEnterEvent(drop)
    assert drop.isAccepted()
    panel.dropEvent(drop)
    settle()
    assert panel.count() == 2
    panel.list.setCurrentRow(1)
    answer_text("村民签到表")
    qtbot.mouseClick(panel.caption_button, Qt.LeftButton)
    assert panel.list.item(1).text() == "村民签到表"
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.open_button, Qt.LeftButton)
    assert opened and opened[0].endswith("舞龙.jpg")
    with open(opened[0], "rb") as f:
        assert f.read() == photo.read_bytes()
    with ctx.archive.session() as s:
        captions = sorted(x.caption for x in s.query(Attachment))
    assert captions == ["", "村民签到表"]
    assert page.model.index(0, 8).data() == "2"

    # Remove the second file: a reason is asked; without one nothing changes; the record stays in the trail.
    panel.list.setCurrentRow(1)
    answer_text("   ")
    qtbot.mouseClick(panel.remove_button, Qt.LeftButton)
    assert panel.count() == 2 and panel.message.isVisibleTo(panel) and "原因" in panel.message.text()
    panel.list.setCurrentRow(1)
    answer_text("照片放错了")
    qtbot.mouseClick(panel.remove_button, Qt.LeftButton)
    assert panel.count() == 1
    with ctx.archive.session() as s:
        removed = s.query(Attachment).filter(Attachment.caption == "村民签到表").one()
        assert removed.deleted_at is not None and removed.delete_reason == "照片放错了"
    page.refresh()
    settle()
    assert page.model.index(0, 8).data() == "1"


def test_search_and_filters(window, ctx, qtbot):
    from storage import activities, centers

    with ctx.archive.session() as s:
        center = centers.own_center(s)
        for day, title, cat in (("2023-02-01", "春节游园", "民俗节庆"), ("2024-02-03", "春节舞龙", "民俗节庆"),
                                ("2024-07-10", "暑期阅读班", "阅读服务")):
            activities.create_activity(s, "t", center, start_date=day, title=title, category=cat)
    page = _page(window)
    page.refresh()
    settle()
    assert page.year.currentData() == date.today().year  # registers open on the current year
    page.year.setCurrentIndex(0)  # 全部年度
    settle()
    assert page.model.rowCount() == 3
    assert [page.model.index(r, 1).data() for r in range(3)] == ["2024-07-10", "2024-02-03", "2023-02-01"]
    window.focus_search()
    assert page.search.hasFocus()
    type_text(page.search, "春节")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    choose(page.year, "2024")
    assert page.model.rowCount() == 1
    type_text(page.search, "")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    choose(page.quarter, "第 3 季度")
    assert [page.model.index(r, 2).data() for r in range(page.model.rowCount())] == ["暑期阅读班"]
    choose(page.quarter, "全部季度")
    choose(page.category, "民俗节庆")
    assert page.model.rowCount() == 1
    assert page.count_label.text() == "共 1 条"
