"""The exchange page: a village exports with progress; a station imports many files (dialog and drag and
drop), shows per-file results and the overview, and writes the town report."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from gui.context import AppContext
from gui.pages.exchange_page import ExchangePage
from storage import centers, records
from storage.engine import open_archive
from storage.exchange.export import export_bag
from storage.exchange.verify import verify_bag
from storage.settings import Settings


def _pdf() -> bytes:
    w = PdfWriter()
    w.add_blank_page(595, 842)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


@pytest.fixture
def village_bag(archive, tmp_path):
    from datetime import date

    from storage import activities

    with archive.session() as s:
        c = centers.own_center(s)
        a = activities.create_activity(s, archive.actor, c, start_date=date(2025, 5, 1), title="广场舞培训",
                                       category="体育健身", participants=40)
        activities.create_activity(s, archive.actor, c, start_date=date(2025, 6, 1), title="读书会",
                                   category="阅读服务", participants=20)
        records.delete(s, archive.actor, a, "重复录入")
    return export_bag(archive, tmp_path / "城东村.zip", dossier_pdf=_pdf()).path


@pytest.fixture
def station_ctx(tmp_path, qapp):
    a = open_archive(tmp_path / "station.db", create=True, actor="镇站")
    with a.session() as s:
        centers.create_center(s, a.actor, own=True, station=True, name="苍城镇文体服务中心", town="苍城镇", code="CC")
        centers.set_role(s, "station")
    context = AppContext(a, Settings(keeper_name="镇站"))
    yield context
    context.wait_idle()
    context.shutdown()
    a.close()


def test_village_exports_to_a_chosen_folder(ctx, qtbot, tmp_path, monkeypatch):
    page = ExchangePage(ctx)
    qtbot.addWidget(page)
    page.show()
    ctx.wait_idle()
    assert not page.tabs.isTabVisible(1)  # a village has no import tab
    assert "密钥指纹" in page.identity.text()
    folder = tmp_path / "U盘"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    page.year.setValue(2025)
    qtbot.mouseClick(page.export_button, Qt.LeftButton)
    ctx.wait_idle(60000)
    files = list(folder.glob("*.zip"))
    assert len(files) == 1 and "2025" in files[0].name
    assert verify_bag(files[0]).ok
    assert "已保存" in page.export_status.text() and page.last_export.fingerprint in page.export_status.text()
    assert page.export_button.isEnabled()


def test_station_imports_by_dialog_and_drop_and_writes_the_town_report(station_ctx, village_bag, qtbot, tmp_path,
                                                                       monkeypatch, messages):
    page = ExchangePage(station_ctx)
    qtbot.addWidget(page)
    page.show()
    station_ctx.wait_idle()
    assert page.tabs.isTabVisible(1) and page.table.rowCount() == 0
    junk = tmp_path / "坏文件.zip"
    junk.write_bytes(b"not a zip at all")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(village_bag), str(junk)], ""))
    qtbot.mouseClick(page.import_button, Qt.LeftButton)
    station_ctx.wait_idle(60000)
    assert page.results.rowCount() == 2
    assert page.results.item(0, 1).text() == "已导入" and "指纹" in page.results.item(0, 2).text()
    assert page.results.item(1, 1).text() == "已拒绝" and "坏文件.zip" in page.results.item(1, 2).text()
    station_ctx.wait_idle()
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "TEST"
    assert "已建成 0 个" in page.coverage.text()  # sending an archive file is not being built

    # the same file dropped onto the page: unchanged
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(village_bag))])
    drop = QDropEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    page.dropEvent(drop)
    station_ctx.wait_idle(60000)
    assert page.results.rowCount() == 1 and page.results.item(0, 1).text() == "无变化"

    out = tmp_path / "全镇汇总.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.overview_year.setValue(2025)
    station_ctx.wait_idle()
    qtbot.mouseClick(page.report_button, Qt.LeftButton)
    station_ctx.wait_idle(60000)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "全镇汇总报告" in text and "城东村" in text
    assert any("已保存" in m for _kind, m in messages)


def test_verify_button_shows_the_four_property_report(ctx, village_bag, qtbot, monkeypatch, messages, tmp_path):
    page = ExchangePage(ctx)
    qtbot.addWidget(page)
    bad = tmp_path / "改过.zip"
    raw = bytearray(village_bag.read_bytes())
    raw[len(raw) // 3] ^= 0xFF
    bad.write_bytes(bytes(raw))
    for path, kind in ((village_bag, "information"), (bad, "warning")):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, p=path, **k: (str(p), ""))
        qtbot.mouseClick(page.verify_button, Qt.LeftButton)
        ctx.wait_idle(60000)
        assert messages[-1][0] == kind and "结论" in messages[-1][1] and path.name in messages[-1][1]
