"""The keeper's screen: everything reachable on a 1366×768 laptop in large text, the first screen's
today actions, honest chart axes and acceptance wording, and the welcome screen for a new path."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from gui import i18n
from gui.main_window import FRAME_ALLOWANCE, MainWindow
from gui.pages.overview_page import axis_ticks
from storage.settings import Settings
from tests.gui.helpers import settle, type_text

SCREEN = (1366, 768)


@pytest.fixture
def large_text(qapp):
    i18n.setup(qapp, Settings(text_size="large"))
    yield
    i18n.setup(qapp, Settings())


def _laptop_window(ctx, qtbot) -> MainWindow:
    w = MainWindow(ctx)
    w.save_state = lambda: None
    qtbot.addWidget(w)
    w.resize(SCREEN[0], SCREEN[1] - FRAME_ALLOWANCE)
    w.show()
    settle()
    return w


def _on_screen(w: MainWindow, widget) -> bool:
    """Shown, not clipped by a parent, and inside the window the laptop screen leaves."""
    if not widget.isVisible() or widget.visibleRegion().isEmpty():
        return False
    top_left = widget.mapTo(w, widget.rect().topLeft())
    rect = QRect(top_left, widget.size())
    inside = QRect(0, 0, SCREEN[0], SCREEN[1] - FRAME_ALLOWANCE)
    return inside.contains(rect) and widget.visibleRegion().boundingRect().size() == widget.size()


def _main_actions(w, key):
    page = w.pages[key]
    if key == "overview":
        return list(page.action_buttons.values())
    if key in ("activities", "equipment"):
        return [page.search, page.year, page.new_button, page.edit_button, page.delete_button, page.import_button,
                page.export_button, page.count_label]
    if key == "opening":
        page.tabs.setCurrentWidget(page.log)
        settle()
        log = page.log
        return [log.today_button, log.new_button, log.edit_button, log.import_button, log.export_button]
    if key == "reports":
        return [page.by_quarter, page.quarter, page.generate_button, page.print_button, page.save_button]
    if key == "exchange":
        return [page.export_button, page.verify_button]
    if key == "settings":
        return [page.save_button, page.profile.fields["keeper"]]
    return []


def test_every_page_fits_a_1366x768_laptop_in_large_text(demo_ctx, qtbot, large_text):
    w = _laptop_window(demo_ctx, qtbot)
    assert QApplication.font().pointSize() == i18n.POINT_SIZES["large"]
    assert w.nav.font().pointSizeF() > QApplication.font().pointSizeF()  # the menu is large too
    for key in w.page_keys:
        w.show_page(key)
        settle()
        assert w.width() <= SCREEN[0] and w.height() <= SCREEN[1] - FRAME_ALLOWANCE, key
        assert w.minimumSizeHint().width() <= SCREEN[0] and w.minimumSizeHint().height() <= SCREEN[1], key
        page = w.pages[key]
        if key == "settings":  # a long form scrolls: its controls are reached by scrolling to them
            from PySide6.QtWidgets import QScrollArea

            scroll = page.findChild(QScrollArea)
            for widget in _main_actions(w, key):
                scroll.ensureWidgetVisible(widget)
                settle()
                assert _on_screen(w, widget), (key, widget.text() if hasattr(widget, "text") else widget)
            continue
        for widget in _main_actions(w, key):
            assert _on_screen(w, widget), (key, widget.text() if hasattr(widget, "text") else widget)
    assert _on_screen(w, w.statusBar())


def test_overview_strip_starts_the_days_work(demo_ctx, qtbot, monkeypatch, large_text):
    w = _laptop_window(demo_ctx, qtbot)
    overview = w.show_page("overview")
    settle()
    strip = overview.action_buttons
    assert [b.text() for b in strip.values()][:2] == ["记录今天的活动", "今日开放登记"]
    quarter = (date.today().month - 1) // 3 + 1
    assert f"第{quarter}季度" in strip["print_quarter"].text()

    qtbot.mouseClick(strip["record_activity"], Qt.LeftButton)
    activities = w.pages["activities"]
    dialog = activities.open_dialogs[-1]
    assert w.current_key() == "activities" and dialog.isVisible()
    assert dialog.form.fields["start_date"].date().toPython() == date.today()
    type_text(dialog.form.fields["title"], "广场舞培训班")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()

    w.show_page("overview")
    qtbot.mouseClick(strip["log_today"], Qt.LeftButton)
    opening = w.pages["opening"]
    assert opening.tabs.currentWidget() is opening.log
    log_dialog = opening.log.open_dialogs[-1]
    assert log_dialog.form.fields["log_date"].date().toPython() == date.today()
    log_dialog.reject()

    printed = []
    monkeypatch.setattr(type(w.page("reports")), "print_dossier", lambda page: printed.append(page.period))
    w.show_page("overview")
    qtbot.mouseClick(strip["print_quarter"], Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(printed), timeout=60_000)
    assert (printed[0].year, printed[0].quarter) == (date.today().year, quarter)

    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: asked.append(a) or "")
    w.show_page("overview")
    qtbot.mouseClick(strip["export"], Qt.LeftButton)
    assert w.current_key() == "exchange" and asked


def test_chart_ticks_are_whole_numbers_and_the_cards_say_what_is(demo_ctx, qtbot):
    assert axis_ticks(10) == (10, 2) and axis_ticks(9) == (10, 2) and axis_ticks(3) == (3, 1)
    assert axis_ticks(23) == (25, 5) and axis_ticks(0) == (1, 1)
    for top in range(1, 300):
        upper, step = axis_ticks(top)
        assert upper >= top and upper % step == 0 and upper // step + 1 <= 6
    w = _laptop_window(demo_ctx, qtbot)
    overview = w.show_page("overview")
    settle()
    axis = overview.axis_y
    assert axis.min() == 0 and axis.max() % axis.tickInterval() == 0 and axis.tickInterval() == int(axis.tickInterval())
    per_quarter = overview.activities_card.detail.text()
    assert str(int(overview.activities_card.value.text())) and "一季度" in per_quarter
    card = overview.equipment_card
    # The demo has one item whose prefecture stage is 整改: it is not counted as accepted.
    assert "项三级验收全部通过" in card.detail.text() and "1 项待整改" in card.detail.text()
    passed, total = (int(x) for x in card.value.text().split(" / "))
    assert passed < total


def test_a_new_path_given_on_the_command_line_is_created_there(qapp, qtbot, tmp_path, messages):
    from gui.app import Shell

    target = tmp_path / "新建" / "城西村.db"
    shell = Shell(Settings())
    shell.start(target)
    welcome = shell.welcome
    assert welcome is not None and welcome.isVisible()
    assert messages == []  # no warning, and nothing about CLI commands
    assert welcome.path.text() == str(target) and str(target) in welcome.new_path_note.text()
    f = welcome.form.fields
    type_text(f["name"], "城西村综合性文化服务中心")
    type_text(f["town"], "苍城镇")
    type_text(f["village"], "城西村")
    type_text(f["keeper"], "王芳")
    qtbot.mouseClick(welcome.create_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=30_000)
    assert target.exists() and shell.ctx.archive.path == target
    shell.ctx.wait_idle()
    shell.window.save_state = lambda: None
    shell.shutdown()


def test_english_mode_shows_stored_codes_in_english_and_qt_dialogs_speak_chinese(demo_ctx, qtbot, qapp):
    import sys

    from PySide6.QtWidgets import QDialogButtonBox

    from gui import labels
    from gui.models.equipment_model import EquipmentTableModel

    i18n.setup(qapp, Settings(language="en"))
    try:
        assert labels.category("民俗节庆") == "Folk festival" and labels.result("整改") == "To be rectified"
        assert labels.status("在用") == "In use" and labels.stage("prefecture") == "Prefecture inspection"
        model = EquipmentTableModel(demo_ctx)
        model.reload()
        settle()
        texts = {model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())}
        assert "In use" in texts and "Passed" in texts and "在用" not in texts and "通过" not in texts
    finally:
        i18n.setup(qapp, Settings())
    assert labels.category("民俗节庆") == "民俗节庆"  # Chinese mode: the stored word itself
    if sys.platform.startswith("linux"):
        assert qapp.testAttribute(Qt.AA_DontUseNativeDialogs)
    dialog = QFileDialog()
    buttons = dialog.findChild(QDialogButtonBox)
    assert any(b.text().startswith(("打开", "取消")) for b in buttons.buttons())
    dialog.deleteLater()


def test_the_register_names_are_never_squeezed_and_the_status_bar_fits(demo_ctx, qtbot, large_text):
    """The columns of a register are wider than a 1366 screen: the rightmost scroll into view, while the name
    (the stretch column) keeps what its text needs; a long archive path gives way in the status bar."""
    w = _laptop_window(demo_ctx, qtbot)
    for key, column in (("equipment", "name"), ("activities", "title")):
        page = w.show_page(key)
        settle()
        header = page.table.horizontalHeader()
        c = page.model.column_of(column)
        names = [page.model.index(r, c).data() for r in range(page.model.rowCount())]
        needed = max(page.fontMetrics().horizontalAdvance(n) for n in names if n)
        assert header.sectionSize(c) >= min(needed, page.fontMetrics().horizontalAdvance("中") * 14), key
        assert header.length() > page.table.viewport().width()  # wider than the view: the rest scrolls
        assert page.table.horizontalScrollBar().maximum() > 0
        w.resize(SCREEN[0] * 2, SCREEN[1] - FRAME_ALLOWANCE)  # a wide screen: the name takes the spare width
        settle()
        assert header.length() == page.table.viewport().width() and header.sectionSize(c) > needed, key
        w.resize(SCREEN[0], SCREEN[1] - FRAME_ALLOWANCE)
        settle()
    w.path_label.setText("档案：" + "/很长的文件夹名" * 40 + "/archive.db")
    settle()
    assert _on_screen(w, w.export_label) and _on_screen(w, w.backup_label)
    assert w.path_label.toolTip().endswith("/archive.db")  # the whole path is one hover away


def test_registers_fit_1024x768_in_large_text(demo_ctx, qtbot, large_text):
    """On a 1024-pixel screen in large text the sheet buttons and the count move below the record buttons
    instead of widening the window past the screen."""
    w = MainWindow(demo_ctx)
    w.save_state = lambda: None
    qtbot.addWidget(w)
    w.resize(1024, 768 - FRAME_ALLOWANCE)
    w.show()
    settle()
    inside = QRect(0, 0, 1024, 768 - FRAME_ALLOWANCE)
    for key in ("activities", "equipment"):
        page = w.show_page(key)
        settle()
        assert w.width() <= 1024 and w.minimumSizeHint().width() <= 1024, key
        for widget in (page.new_button, page.history_button, page.import_button, page.export_button, page.count_label):
            rect = QRect(widget.mapTo(w, widget.rect().topLeft()), widget.size())
            assert widget.isVisible() and inside.contains(rect), (key, widget.text())
        assert page.import_button.y() > page.new_button.y() or page.import_button.parentWidget().y() > \
            page.new_button.parentWidget().y()  # a row of their own
    w.resize(*SCREEN)  # on a wider screen they come back beside the record buttons
    settle()
    page = w.pages["equipment"]
    assert page.import_button.mapTo(w, page.import_button.rect().topLeft()).y() == \
        page.new_button.mapTo(w, page.new_button.rect().topLeft()).y()
