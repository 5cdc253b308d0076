"""The app around the registers: welcome screen, opening refusals, language and text size, dashboard,
status bar, help, long tasks, the exception hook and the screenshot command."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui import errors, i18n
from gui.app import Shell
from storage import centers, paths
from storage.engine import open_archive
from storage.errors import ValidationError
from storage.settings import Settings
from tests.gui.helpers import choose, settle, type_text


def _shell(qapp):
    return Shell(Settings(keeper_name="李秀英"))


def test_create_an_archive_on_the_welcome_screen(qapp, qtbot, tmp_path):
    shell = _shell(qapp)
    shell.start(None)
    assert shell.welcome is not None and shell.welcome.isVisible()
    choose(shell.welcome.language, "English")  # the welcome screen speaks English, then Chinese again
    assert shell.welcome.create_button.text() == "Create archive"
    choose(shell.welcome.language, "中文")
    welcome = shell.welcome
    assert welcome.create_button.text() == "新建档案"
    f = welcome.form.fields
    target = tmp_path / "城东村档案.db"
    type_text(welcome.path, str(target))
    # A missing town is refused next to the field, and no file is left behind.
    type_text(f["name"], "城东村综合性文化服务中心")
    type_text(f["village"], "城东村")
    qtbot.mouseClick(welcome.create_button, Qt.LeftButton)
    assert welcome.form.error_text("town") == "请填写所属镇(街)。"
    assert not target.exists()
    type_text(f["town"], "苍城镇")
    qtbot.keyClicks(f["code"], "KPCCCD")
    type_text(f["keeper"], "李秀英")
    qtbot.keyClicks(f["weekly_standard_hours"], "\b\b40")
    qtbot.mouseClick(welcome.create_button, Qt.LeftButton)
    assert shell.window is not None and shell.window.isVisible()
    assert shell.welcome is None
    assert shell.settings.last_archive == str(target)
    assert shell.window.current_key() == "overview"
    shell.ctx.wait_idle()
    shell.window.save_state = lambda: None
    shell.shutdown()
    with open_archive(target, readonly=True) as a, a.session() as s:
        c = centers.own_center(s)
        assert (c.name, c.town, c.village, c.code, c.keeper, c.weekly_standard_hours) == \
            ("城东村综合性文化服务中心", "苍城镇", "城东村", "KPCCCD", "李秀英", 40.0)


def test_open_the_demo_from_the_welcome_screen(qapp, qtbot, monkeypatch, tmp_path):
    shell = _shell(qapp)
    monkeypatch.setattr(shell, "demo_path", lambda: tmp_path / "demo.db")
    shell.show_welcome()
    qtbot.mouseClick(shell.welcome.demo_button, Qt.LeftButton)  # built off the GUI thread, then opened
    qtbot.waitUntil(lambda: shell.window is not None, timeout=60_000)
    with shell.ctx.archive.session() as s:
        assert centers.own_center(s).code == "KPCCCD"
    shell.ctx.wait_idle()
    shell.window.save_state = lambda: None
    shell.shutdown()


def test_open_refusals_locked_and_corrupt_with_restore(qapp, demo_path, messages, tmp_path):
    shell = _shell(qapp)
    holder = open_archive(demo_path, actor="x", daily_backup=False)
    try:
        assert shell.open_path(demo_path) is False
        assert messages[-1][0] == "warning" and "正在被另一个程序使用" in messages[-1][1]
        assert shell.window is None or shell.window._early_overview is None  # no figures flashed before it
    finally:
        holder.close()
    # Take a good backup, then damage the file: the app offers the backup and restores it.
    with open_archive(demo_path, actor="x", daily_backup=False) as a:
        a.backup("manual")
    demo_path.write_bytes(b"\x00" * 4096)
    assert shell.open_path(demo_path) is True
    assert any(kind == "question" and "已损坏" in text for kind, text in messages)
    with shell.ctx.archive.session() as s:
        assert centers.own_center(s).code == "KPCCCD"
    shell.ctx.wait_idle()
    shell.window.save_state = lambda: None
    shell.shutdown()
    # A missing file is explained, not a crash.
    other = _shell(qapp)
    assert other.open_path(tmp_path / "nope.db") is False
    assert "找不到档案" in messages[-1][1]
    other.shutdown()


def test_language_switch_and_large_text(window, ctx, qtbot):
    assert window.nav.item(0).text() == "概览"
    page = window.show_page("settings")
    settle()
    choose(page.form.fields["language"], "English")
    choose(page.form.fields["text_size"], "大字（方便老年人阅读）")
    shell_like = _Appearance(window)
    window.appearance_changed.connect(shell_like.apply)
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert ctx.settings.language == "en" and ctx.settings.text_size == "large"
    assert [window.nav.item(i).text() for i in range(window.nav.count())][:4] == \
        ["Overview", "Activities", "Equipment", "Opening hours"]
    assert QApplication.font().pointSize() == i18n.POINT_SIZES["large"]
    assert window.current_key() == "settings"
    assert window.pages["settings"].save_button.text() == "Save settings (Ctrl+S)"
    assert Settings.load().language == "en"
    page = window.pages["settings"]
    choose(page.form.fields["language"], "中文")
    choose(page.form.fields["text_size"], "Normal")
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert window.nav.item(0).text() == "概览"
    assert QApplication.font().pointSize() == i18n.POINT_SIZES["normal"]
    assert QApplication.font().family() == i18n.register_font()
    # Pages built before the switch are gone; a change after it reaches only the new ones.
    ctx.changed.emit("all")
    window.show_page("overview")
    settle()
    ctx.wait_idle()


def test_keyboard_goes_to_pages(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)
    assert window.current_key() == "activities"
    page = window.pages["activities"]
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    assert len(page.open_dialogs) == 1
    page.open_dialogs[0].reject()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.ctx.archive.set_meta("last_backup_at", "2026-02-03T04:05:06")
    qtbot.keyClick(window, Qt.Key_F5)
    assert window.backup_label.text() == "最近备份：2026-02-03 04:05"
    qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)
    assert window.current_key() == "equipment"
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key_Down)
    assert window.current_key() == "opening"


class _Appearance:
    """What the Shell does on ``appearance_changed``."""

    def __init__(self, window):
        self.window = window

    def apply(self):
        i18n.setup(QApplication.instance(), self.window.ctx.settings)
        self.window.build_ui()


def test_settings_standard_keeper_and_bad_value(window, ctx, qtbot):
    page = window.show_page("settings")
    settle()
    type_text(page.form.fields["weekly_standard_hours"], "500")
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert "1—168" in page.form.error_text("weekly_standard_hours")
    with ctx.archive.session() as s:
        assert centers.own_center(s).weekly_standard_hours == 42
    type_text(page.form.fields["weekly_standard_hours"], "35")
    qtbot.keyClick(page.form.fields["weekly_standard_hours"], Qt.Key_S, Qt.ControlModifier)
    with ctx.archive.session() as s:
        assert centers.own_center(s).weekly_standard_hours == 35
    assert "keeper_name" not in page.form.fields  # one keeper field: the center profile's


def test_dashboard_figures_findings_and_status_bar(demo_ctx, qtbot, messages):
    from gui.main_window import MainWindow

    w = MainWindow(demo_ctx)
    w.save_state = lambda: None
    qtbot.addWidget(w)
    w.show()
    overview = w.show_page("overview")
    settle()
    demo_ctx.wait_idle()
    assert overview.series.count() >= 3  # categories stacked per quarter
    assert int(overview.activities_card.value.text()) > 0
    assert "/ 15" in overview.equipment_card.value.text()
    assert overview.export_card.value.text() == "从未"
    assert overview.findings and overview.findings_list.count() == len(overview.findings)
    assert w.path_label.text().endswith(str(demo_ctx.archive.path))
    assert w.export_label.text() == "最近导出：从未"
    # Clicking an activity finding opens that record in the activity register.
    row = next(i for i, f in enumerate(overview.findings) if f.entity == "activity")
    overview.findings_list.itemClicked.emit(overview.findings_list.item(row))
    activities = w.pages["activities"]
    assert w.current_key() == "activities"
    dialog = activities.open_dialogs[-1]
    assert dialog.uuid == overview.findings[row].uuid
    dialog.reject()
    # F5 refreshes; Help and About.
    demo_ctx.archive.set_meta("last_export_at", "2026-01-05T10:00:00")
    w.refresh_action.trigger()
    demo_ctx.wait_idle()
    assert w.export_label.text() == "最近导出：2026-01-05 10:00"
    guide = w.show_guide()
    from PySide6.QtWidgets import QTextBrowser

    text = guide.findChild(QTextBrowser, "guide").toPlainText()
    assert "今日开放登记" in text and "打印" in text and "导出" in text
    guide.reject()
    import storage

    w.show_about()
    demo_ctx.wait_idle()
    about = messages[-1]
    assert about[0] == "about" and storage.APP_VERSION in about[1] and str(demo_ctx.archive.path) in about[1]


def test_run_task_progress_cancel_and_errors(ctx, qtbot, messages):
    results, seen_thread = [], []

    def work(task):
        seen_thread.append(threading.current_thread() is threading.main_thread())
        for i in range(3):
            task.progress(i, 3, "步骤")
        return "完成"

    ctx.run_task("测试", work, results.append)
    ctx.wait_idle()
    assert results == ["完成"] and seen_thread == [False]

    def refused(task):
        raise ValidationError("x", "这条记录已删除，请先恢复再修改。")

    ctx.run_task("测试", refused, results.append)
    ctx.wait_idle()
    assert messages[-1] == ("warning", "这条记录已删除，请先恢复再修改。")

    started = threading.Event()
    release = threading.Event()

    def long(task):
        started.set()
        release.wait(5)
        task.check()
        return "not cancelled"

    task = ctx.run_task("很长的任务", long, results.append)
    started.wait(5)
    task.cancel()
    release.set()
    ctx.wait_idle()
    assert results == ["完成"]  # cancelled: no result, no message
    assert messages[-1] == ("warning", "这条记录已删除，请先恢复再修改。")


def test_long_task_shows_progress_and_can_be_cancelled(ctx, qtbot):
    import time

    from PySide6.QtWidgets import QPushButton

    done = []

    def slow(task):
        for i in range(400):  # up to 20 s, stops as soon as the keeper cancels
            task.progress(i, 400, "正在备份…")
            if task.cancelled:
                return "cancelled"
            time.sleep(0.05)
        return "finished"

    task = ctx.run_task("备份档案", slow, done.append)
    assert task.dialog is not None and not task.dialog.isVisible()  # nothing flashes for short work
    qtbot.waitUntil(lambda: task.dialog.isVisible(), timeout=10_000)
    assert task.dialog.labelText() == "正在备份…"
    cancel = next(b for b in task.dialog.findChildren(QPushButton) if b.text() == "取消")
    qtbot.mouseClick(cancel, Qt.LeftButton)
    ctx.wait_idle()
    assert task.cancelled and done == ["cancelled"]


def test_exception_hook_logs_and_shows_a_plain_message(qapp, messages):
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        errors.excepthook(*sys.exc_info())
    kind, text = messages[-1]
    assert kind == "critical" and "出现了意外错误" in text and "Traceback" not in text
    log = paths.log_dir() / errors.LOG_NAME
    assert "ZeroDivisionError: boom" in log.read_text(encoding="utf-8")
    errors.excepthook(ValidationError, ValidationError("x", "请填写活动名称。"), None)
    assert messages[-1] == ("warning", "请填写活动名称。")


def test_screenshot_command_renders_every_page(qapp, demo_path, tmp_path):
    from gui import screenshots

    out = tmp_path / "shots"
    assert screenshots.main(["--archive", str(demo_path), "--out", str(out)]) == 0
    names = {p.name for p in out.glob("*.png")}
    assert {"overview.png", "activities.png", "equipment.png", "opening.png", "settings.png", "welcome.png"} <= names
    assert all(Path(out / n).stat().st_size > 10_000 for n in names)


def test_a_task_whose_page_is_gone_tells_nobody(ctx, qtbot, messages):
    from PySide6.QtWidgets import QWidget

    page = QWidget()
    called = []
    release = threading.Event()

    def work(task):
        release.wait(5)
        return 1

    ctx.run_task("t", work, called.append, parent=page, quiet=True)
    page.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(page))
    release.set()
    ctx.wait_idle()
    assert called == [] and messages == []


def test_backup_now_from_settings_and_menu(window, ctx, qtbot):
    from storage import backup as backups

    window.show_page("settings")
    settle()
    page = window.pages["settings"]
    qtbot.mouseClick(page.backup_button, Qt.LeftButton)
    ctx.wait_idle()
    made = [b for b in backups.list_backups(ctx.archive.backup_dir) if b.kind == "manual"]
    assert len(made) == 1 and backups.is_good(made[0].path)
    assert made[0].path.name in page.result.text()
    assert window.backup_label.text().startswith("最近备份：")  # the status bar heard about it
    window.backup_now()
    ctx.wait_idle()
    assert len([b for b in backups.list_backups(ctx.archive.backup_dir) if b.kind == "manual"]) == 2
    assert "备份" in window.statusBar().currentMessage()


def test_dashboard_shows_from_the_files_glance_while_the_archive_opens(qapp, qtbot, demo_path, monkeypatch):
    """Started on an archive, the overview appears with its figures read in plain sqlite3, buttons waiting;
    the same page is kept once the archive is open, the figures read again agree and the buttons work."""
    from gui.main_window import MainWindow

    seen = []
    original = MainWindow.show_glance

    def recording(self, figures):
        original(self, figures)
        page = self._early_overview
        if page is not None:
            seen.append((page, not self.page_keys, [b.isEnabled() for b in page.action_buttons.values()],
                         page.activities_card.value.text(), page.equipment_card.value.text()))

    monkeypatch.setattr(MainWindow, "show_glance", recording)
    shell = _shell(qapp)
    shell.settings.last_page = "overview"
    shell.start(demo_path)
    qtbot.waitUntil(lambda: shell.window is not None and bool(shell.window.page_keys), timeout=60_000)
    w = shell.window
    w.save_state = lambda: None
    overview = w.pages["overview"]
    qtbot.waitUntil(lambda: overview.findings_checked, timeout=60_000)
    shell.ctx.wait_idle()
    assert len(seen) == 1
    page, before_open, enabled, activities, equipment_text = seen[0]
    assert page is overview and before_open and enabled == [False] * 4
    assert all(b.isEnabled() for b in overview.action_buttons.values())
    assert overview.activities_card.value.text() == activities and overview.equipment_card.value.text() == equipment_text
    assert "/ 15" in equipment_text and overview.findings
    qtbot.mouseClick(overview.action_buttons["log_today"], Qt.LeftButton)
    qtbot.waitUntil(lambda: w.current_key() == "opening", timeout=30_000)
    shell.ctx.wait_idle()
    shell.shutdown()
