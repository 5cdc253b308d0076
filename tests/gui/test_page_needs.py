"""Each page's NEEDS lists every Qt-free module its module imports, so the GUI thread, importing the page
after the worker imported those, loads nothing but Qt and gui/ code (no SQLAlchemy, ReportLab, storage…)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gui.pages import NEEDS, PAGES, import_needs, needs_loaded

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("storage", "reports", "sqlalchemy", "reportlab", "PIL", "openpyxl", "cryptography", "pikepdf", "bagit",
         "alembic")
PROBE = """
import json, sys
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
import gui.app, gui.main_window, storage.engine, storage.centers  # loaded before any page is shown
from gui.pages import import_needs
import_needs(sys.argv[1])
before = set(sys.modules)
__import__(sys.argv[2])
print(json.dumps(sorted(set(sys.modules) - before)))
"""


@pytest.mark.parametrize("key,spec", [(key, spec) for key, _title, spec in PAGES])
def test_page_module_imports_nothing_heavy_beyond_its_needs(key, spec):
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", PROBE, key, spec.partition(":")[0]], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    heavy = [m for m in json.loads(out.splitlines()[-1]) if m.split(".")[0] in HEAVY]
    assert heavy == [], f"add these to NEEDS[{key!r}] in gui/pages/__init__.py"


def test_every_page_has_needs_and_they_load():
    assert set(NEEDS) == {key for key, _title, _spec in PAGES}
    for key in NEEDS:
        import_needs(key)
        assert needs_loaded(key)
