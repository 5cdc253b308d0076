"""The spreadsheet import wizard and export: file dialogs patched, preview with problems, confirm."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import func, select

from gui import sheet_actions
from gui.context import AppContext, Change
from storage.models import Activity
from storage.settings import Settings

HEADER = ["日期", "活动名称", "类别", "地点"]


@pytest.fixture
def ctx(qtbot, archive):
    context = AppContext(archive, Settings())
    yield context
    context.wait_idle()
    context.shutdown()


@pytest.fixture
def boxes(monkeypatch):
    shown = []
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: shown.append((_n, a)) or QMessageBox.Ok)
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(("open", self.text(), self.detailedText())))
    return shown


def sheet(tmp_path, rows, name="活动.xlsx"):
    path = tmp_path / name
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def activity_count(archive) -> int:
    with archive.session() as s:
        return s.scalar(select(func.count(Activity.id)))


def open_file(monkeypatch, qtbot, ctx, path, kind="activity"):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog = sheet_actions.import_sheet(ctx, kind, None)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    ctx.wait_idle()
    return dialog


def test_bad_rows_are_highlighted_and_import_needs_explicit_choice(qtbot, monkeypatch, ctx, archive, tmp_path,
                                                                    boxes):
    path = sheet(tmp_path, [HEADER, ["2017-01-29", "春节舞龙闹新春", "民俗节庆", "广场"],
                            ["2017-02-30", "元宵晚会", "跳舞", ""], ["2017/3/1", "读书会", "阅读服务", ""]])
    dialog = open_file(monkeypatch, qtbot, ctx, path)
    model = dialog.model
    assert model.rowCount() == 3 and model.columnCount() == 4
    assert [model.headerData(i, Qt.Horizontal) for i in range(4)] == HEADER
    bad_date = model.index(1, 0)
    assert model.data(bad_date, Qt.BackgroundRole) is not None and "日期" in model.data(bad_date, Qt.ToolTipRole)
    assert model.data(model.index(1, 2), Qt.BackgroundRole) is not None  # 类别 “跳舞”
    assert model.data(model.index(0, 0), Qt.BackgroundRole) is None
    assert dialog.problem_list.count() >= 2 and "第 3 行" in dialog.problem_list.item(0).text()
    dialog.problem_list.setCurrentRow(1)
    assert dialog.table.currentIndex().row() == 1
    assert not dialog.import_button.isEnabled() and dialog.only_valid.isEnabled()

    dialog.only_valid.setChecked(True)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    ctx.wait_idle()
    assert activity_count(archive) == 2
    assert dialog.report.rows_added == 2 and dialog.report.rows_invalid == 1
    assert boxes and boxes[-1][0] == "open" and "新增 2 行" in boxes[-1][2]


def test_clean_sheet_imports_and_emits_changed(qtbot, monkeypatch, ctx, archive, tmp_path, boxes):
    path = sheet(tmp_path, [HEADER, ["2017-01-29", "春节舞龙闹新春", "民俗节庆", "广场"]])
    dialog = open_file(monkeypatch, qtbot, ctx, path)
    assert dialog.import_button.isEnabled() and not dialog.only_valid.isEnabled()
    with qtbot.waitSignal(ctx.changed, timeout=10000) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
        ctx.wait_idle()
    assert signal.args == [{Change.ACTIVITY}] and activity_count(archive) == 1


def test_changing_the_kind_rechecks_and_unreadable_file_is_explained(qtbot, monkeypatch, ctx, archive, tmp_path,
                                                                     boxes):
    path = sheet(tmp_path, [HEADER, ["2017-01-29", "春节舞龙闹新春", "民俗节庆", "广场"]])
    dialog = open_file(monkeypatch, qtbot, ctx, path)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("equipment"))
    ctx.wait_idle()
    assert not dialog.import_button.isEnabled() and "设备名称" in dialog.problem_list.item(0).text()
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    ctx.wait_idle()
    assert "无法作为 Excel 文件打开" in dialog.summary.text() and not dialog.import_button.isEnabled()
    assert activity_count(archive) == 0


def test_export_writes_the_chosen_file(qtbot, monkeypatch, ctx, archive, tmp_path, boxes):
    from storage import activities, centers

    with archive.session() as s:
        activities.create_activity(s, archive.actor, centers.own_center(s), start_date="2017-01-29",
                                   title="春节舞龙闹新春", category="民俗节庆")
    target = tmp_path / "导出"  # no suffix: .xlsx is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    sheet_actions.export_sheet(ctx, "activity", None)
    ctx.wait_idle()
    out = tmp_path / "导出.xlsx"
    ws = openpyxl.load_workbook(out).active
    assert ws.cell(2, 1).value == "TEST-2017-HD-0001"
    assert boxes[-1][0] == "information"


def test_export_cancelled_in_the_dialog_does_nothing(qtbot, monkeypatch, ctx, tmp_path, boxes):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert sheet_actions.export_sheet(ctx, "equipment", None) is None
    assert not boxes and not list(tmp_path.glob("*.xlsx"))


def test_template_button_saves_a_template(qtbot, monkeypatch, ctx, tmp_path, boxes):
    target = tmp_path / "模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = sheet_actions.import_sheet(ctx, "opening_log", None)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.template_button, Qt.LeftButton)
    assert [c.value for c in openpyxl.load_workbook(target).active[1]][:3] == ["日期", "开门时间", "关门时间"]


def test_chinese_translation_is_built_and_complete(qtbot, ctx):
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QTranslator

    root = Path(__file__).resolve().parents[2] / "assets" / "i18n"
    ts = (root / "sheets_zh_CN.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts
    translator = QTranslator()
    assert translator.load(str(root / "sheets_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        assert sheet_actions.kind_names()["opening_log"] == "开放登记"
        dialog = sheet_actions.ImportSheetDialog(ctx, "activity")
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "从表格导入" and dialog.import_button.text() == "导入"
    finally:
        QCoreApplication.removeTranslator(translator)
