"""A window rebuilt for another language or text size keeps the dossier preview; in English the overview
names the self-check's findings in English (storage's Chinese sentence stays as the tooltip)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from gui import i18n, labels
from gui.pages import reports_page
from storage.settings import Settings
from tests.gui.helpers import settle


@pytest.fixture
def demo_window(demo_ctx, qtbot, monkeypatch, tmp_path):
    from gui.main_window import MainWindow

    monkeypatch.setattr(reports_page.paths, "data_dir", lambda: tmp_path / "data")
    w = MainWindow(demo_ctx)
    w.save_state = lambda: None
    qtbot.addWidget(w)
    w.show()
    settle()
    yield w
    demo_ctx.settings.language, demo_ctx.settings.text_size = "zh_CN", "normal"
    i18n.setup(QApplication.instance(), Settings())  # the other tests read Chinese


def switch(window, language: str, text_size: str) -> None:
    """What the settings page and the Shell do on 保存设置 with another language or text size."""
    window.ctx.settings.language, window.ctx.settings.text_size = language, text_size
    i18n.setup(QApplication.instance(), window.ctx.settings)
    window.build_ui()
    settle()


def test_the_dossier_preview_survives_language_and_text_size(demo_window, demo_ctx, qtbot):
    page = demo_window.show_page("reports")
    page.by_year.setChecked(True)
    page.year.setValue(2024)
    for i in range(page.sections.count()):
        item = page.sections.item(i)
        item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in ("profile", "activities") else Qt.Unchecked)
    qtbot.mouseClick(page.generate_button, Qt.LeftButton)
    demo_ctx.wait_idle(60000)
    qtbot.waitUntil(lambda: page.document.status() == QPdfDocument.Status.Ready, timeout=10000)
    pdf, pages = page.pdf_bytes, page.document.pageCount()
    assert pdf and pages > 1

    switch(demo_window, "en", "large")
    new = demo_window.show_page("reports")
    assert new is not page and new.pdf_bytes == pdf
    qtbot.waitUntil(lambda: new.document.status() == QPdfDocument.Status.Ready, timeout=10000)
    assert new.document.pageCount() == pages
    assert new.print_button.isEnabled() and new.save_button.isEnabled()
    assert new.status.text() == f"Dossier for {new.period.label}: {pages} pages. Print it or save it."
    assert new.by_year.isChecked() and new.year.value() == 2024
    assert new.chosen_sections() == ["profile", "activities"]

    demo_ctx.announce("activity")  # then the archive changes: the note that it is stale comes back too
    switch(demo_window, "zh_CN", "normal")
    again = demo_window.show_page("reports")
    assert again.pdf_bytes == pdf and again.stale
    assert again.status.text() == "生成这份汇编之后档案又有改动，打印前请重新生成。"


def test_english_overview_names_findings_in_english(demo_window, demo_ctx):
    switch(demo_window, "en", "normal")
    overview = demo_window.show_page("overview")
    settle()
    demo_ctx.wait_idle()
    assert overview.findings
    english = set(labels.FINDINGS.values())
    for row, finding in enumerate(overview.findings[:50]):
        item = overview.findings_list.item(row)
        assert item.text().split(":")[0] in english, item.text()
        assert item.toolTip() == finding.message  # storage's sentence, names and dates as typed
        if finding.item_number:
            assert item.text().endswith(finding.item_number)
