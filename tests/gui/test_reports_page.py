"""The reports page: generate the dossier off the GUI thread, preview it, save it, print it, reopen it."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from gui.pages import reports_page
from gui.pages.reports_page import ReportsPage


@pytest.fixture(autouse=True)
def private_data_dir(monkeypatch, tmp_path):
    """The "last dossier" lives in the user data folder: one per test."""
    monkeypatch.setattr(reports_page.paths, "data_dir", lambda: tmp_path / "data")


def only_sections(page: ReportsPage, *keys: str) -> None:
    for i in range(page.sections.count()):
        item = page.sections.item(i)
        item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in keys else Qt.Unchecked)


def generate(page, qtbot, ctx) -> None:
    qtbot.mouseClick(page.generate_button, Qt.LeftButton)
    ctx.wait_idle(60000)
    qtbot.waitUntil(lambda: page.document.status() == QPdfDocument.Status.Ready, timeout=10000)


def test_generate_preview_save_and_reopen(demo_ctx, qtbot, tmp_path, monkeypatch):
    page = ReportsPage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    assert not page.print_button.isEnabled() and not page.save_button.isEnabled()
    page.by_quarter.setChecked(True)
    page.year.setValue(2017)
    page.quarter.setCurrentIndex(0)
    only_sections(page, "summary", "activities")
    generate(page, qtbot, demo_ctx)
    assert page.document.pageCount() >= 4
    assert "2017年第1季度" in page.status.text()
    assert page.pdf_bytes.startswith(b"%PDF")
    assert page.print_button.isEnabled() and page.save_button.isEnabled()

    target = tmp_path / "out" / "检查档案汇编.pdf"
    target.parent.mkdir()
    asked = []

    def save_name(parent, title, start, filters):
        asked.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert target.read_bytes() == page.pdf_bytes
    assert "2017Q1" in asked[0]  # the suggested name carries the period
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "一、工作汇总" in text and "二、活动登记表" in text and "KPCCCD-2017-HD-0001" in text

    again = ReportsPage(demo_ctx)  # e.g. after a restart
    qtbot.addWidget(again)
    assert again.open_last_button.isEnabled()
    qtbot.mouseClick(again.open_last_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: again.document.status() == QPdfDocument.Status.Ready, timeout=10000)
    assert again.document.pageCount() == page.document.pageCount()
    assert again.pdf_bytes == page.pdf_bytes


def test_print_renders_every_page_on_the_printer(demo_ctx, qtbot, tmp_path, monkeypatch):
    page = ReportsPage(demo_ctx)
    qtbot.addWidget(page)
    page.year.setValue(2017)
    only_sections(page, "summary")
    generate(page, qtbot, demo_ctx)
    pages = page.document.pageCount()
    out = tmp_path / "printed.pdf"

    def printer():  # a PDF "printer" in landscape, as a user could choose in the dialog
        p = QPrinter(QPrinter.HighResolution)
        p.setOutputFormat(QPrinter.PdfFormat)
        p.setOutputFileName(str(out))
        p.setResolution(96)
        p.setPageOrientation(reports_page.QPageLayout.Landscape)
        return p

    shown = []
    monkeypatch.setattr(page, "make_printer", printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: shown.append(self.printer()) or QDialog.Accepted)
    qtbot.mouseClick(page.print_button, Qt.LeftButton)
    assert shown
    reader = PdfReader(out)
    assert len(reader.pages) == pages
    box = reader.pages[0].mediabox
    assert box.width > box.height  # the orientation chosen in the dialog is kept
    assert str(pages) in page.status.text()


def test_bad_period_is_refused_with_a_chinese_message(demo_ctx, qtbot, messages):
    page = ReportsPage(demo_ctx)
    qtbot.addWidget(page)
    page.by_range.setChecked(True)
    page.start.setDate(QDate(2017, 6, 1))
    page.end.setDate(QDate(2017, 1, 1))
    qtbot.mouseClick(page.generate_button, Qt.LeftButton)
    demo_ctx.wait_idle()
    assert messages and "不能晚于结束日期" in messages[-1][1]
    assert page.pdf_bytes is None and page.document.pageCount() == 0
    page.by_year.setChecked(True)
    only_sections(page)  # nothing chosen
    qtbot.mouseClick(page.generate_button, Qt.LeftButton)
    assert "请至少选择一个部分" in messages[-1][1]


def test_chinese_labels_and_period_controls(demo_ctx, qtbot):
    page = ReportsPage(demo_ctx)
    qtbot.addWidget(page)
    assert page.by_quarter.isChecked()  # the current quarter by default
    assert page.chosen_period().quarter == (date.today().month - 1) // 3 + 1
    assert page.generate_button.text() == "生成检查档案汇编"
    assert any(page.sections.item(i).text().endswith("中心概况与场地设施") for i in range(page.sections.count()))
    page.by_range.setChecked(True)
    assert page.start.isEnabled() and not page.quarter.isEnabled()
    page.by_quarter.setChecked(True)
    assert page.quarter.isEnabled() and not page.start.isEnabled()
    page.by_year.setChecked(True)
    assert page.chosen_period().start == date(page.year.value(), 1, 1)


def test_cancel_and_refusal_from_the_worker(demo_ctx, qtbot, messages, monkeypatch):
    from reports.templates import Cancelled
    from storage.errors import ArchiveError

    page = ReportsPage(demo_ctx)
    qtbot.addWidget(page)
    seen = []

    def cancelled_run(archive, period, *, sections, progress, cancelled):
        progress(1, 10, "正在读取档案……")
        seen.append(cancelled())
        raise Cancelled()

    monkeypatch.setattr(reports_page.dossier, "render_dossier_for", cancelled_run)
    qtbot.mouseClick(page.generate_button, Qt.LeftButton)
    demo_ctx.wait_idle()
    qtbot.waitUntil(lambda: page.generate_button.isEnabled())
    assert seen == [False]
    assert page.status.text() == "已取消。" and messages == [] and page.pdf_bytes is None

    def refused(archive, period, **kw):
        raise ArchiveError("archive_locked", "档案正在被另一个程序使用。")

    monkeypatch.setattr(reports_page.dossier, "render_dossier_for", refused)
    qtbot.mouseClick(page.generate_button, Qt.LeftButton)
    demo_ctx.wait_idle()
    qtbot.waitUntil(lambda: bool(messages))
    assert messages[-1] == ("warning", "档案正在被另一个程序使用。")
    assert page.generate_button.isEnabled() and not page.print_button.isEnabled()


def test_every_string_of_the_page_has_a_chinese_translation():
    import re
    import xml.etree.ElementTree as ET
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    source = (root / "gui" / "pages" / "reports_page.py").read_text(encoding="utf-8")
    used = set(re.findall(r'self\.tr\("((?:[^"\\]|\\.)*)"\)', source))
    assert len(used) > 30
    tree = ET.parse(root / "assets" / "i18n" / "reports_zh_CN.ts")
    translated = {m.findtext("source"): m.find("translation") for m in tree.iter("message")}
    for text in used:
        assert text in translated, f"{text!r} is not in reports_zh_CN.ts: run pyside6-lupdate"
        node = translated[text]
        assert node.get("type") != "unfinished" and (node.text or "").strip(), text
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(root / "assets" / "i18n" / "reports_zh_CN.qm"))
    for text in used:  # the built .qm matches the .ts
        assert translator.translate("ReportsPage", text) == translated[text].text, text


def test_a_change_to_the_archive_marks_the_preview_stale(demo_ctx, qtbot):
    page = ReportsPage(demo_ctx)
    qtbot.addWidget(page)
    page.year.setValue(2017)
    only_sections(page, "summary")
    generate(page, qtbot, demo_ctx)
    assert "已生成" in page.status.text()
    demo_ctx.changed.emit("activity")
    assert "请重新生成" in page.status.text()
