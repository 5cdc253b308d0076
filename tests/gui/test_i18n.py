"""Every translation finished, and every tr() string in gui/ translated by some .ts in assets/i18n."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "assets" / "i18n"


def _messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            tr = message.find("translation")
            yield name, message.findtext("source"), tr


def test_every_ts_file_is_finished():
    files = sorted(I18N.glob("*.ts"))
    assert ROOT / "assets/i18n/gui_zh_CN.ts" in files
    problems = []
    for ts in files:
        for context, source, tr in _messages(ts):
            kind = tr.get("type") if tr is not None else "missing"
            if kind in ("vanished", "obsolete"):
                continue
            if tr is None or kind == "unfinished" or not (tr.text or "").strip():
                problems.append(f"{ts.name}: [{context}] {source!r}")
    assert problems == []


def test_every_gui_source_string_has_a_translation(tmp_path):
    lupdate = shutil.which("pyside6-lupdate")
    assert lupdate, "pyside6-lupdate ships with PySide6-Essentials"
    sources = sorted(str(p) for p in (ROOT / "gui").rglob("*.py"))
    scratch = tmp_path / "all.ts"
    subprocess.run([lupdate, *sources, "-ts", str(scratch)], check=True, capture_output=True, cwd=ROOT)
    found = {(c, s) for c, s, _tr in _messages(scratch)}
    assert len(found) > 250
    translated = set()
    for ts in I18N.glob("*.ts"):
        for c, s, tr in _messages(ts):
            if tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete") and (tr.text or "").strip():
                translated.add((c, s))
    assert sorted(found - translated) == []


def test_built_qm_matches_the_ts():
    qm = I18N / "gui_zh_CN.qm"
    ts = I18N / "gui_zh_CN.ts"
    tr = QTranslator()
    assert tr.load(str(qm))
    for context, source, translation in _messages(ts):
        if translation.get("type") in ("vanished", "obsolete"):
            continue
        assert tr.translate(context, source) == translation.text, (context, source)


def test_app_loads_every_qm_and_qtbase(qapp):
    from gui import i18n

    loaded = i18n.install_translators(qapp, "zh_CN")
    names = {p.name for p in loaded}
    assert {p.name for p in I18N.glob("*.qm")} <= names
    assert "qtbase_zh_CN.qm" in names
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("Pages", "Overview") == "概览"
