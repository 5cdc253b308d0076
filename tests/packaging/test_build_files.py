"""What can be checked on Linux of the Windows build: the NSIS script compiles against a stand-in folder, and
the PyInstaller spec bundles what the app loads by name or as files and leaves out what it never uses."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gui.pages import PAGES

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "packaging" / "village-archive.spec").read_text(encoding="utf-8")
pytestmark = pytest.mark.packaging


def test_the_installer_script_compiles(tmp_path):
    makensis = shutil.which("makensis")
    if makensis is None:
        if os.environ.get("CI"):
            pytest.fail("makensis missing: .ci/install installs nsis")
        pytest.skip("makensis not installed (Debian: apt-get install nsis)")
    stand_in = tmp_path / "village-archive"
    (stand_in / "_internal").mkdir(parents=True)
    (stand_in / "village-archive.exe").write_bytes(b"MZ stand-in")
    (stand_in / "village-archive-cli.exe").write_bytes(b"MZ stand-in")
    (stand_in / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    out = tmp_path / "village-archive-0.0.0-setup.exe"
    proc = subprocess.run([makensis, "-V2", "-DVERSION=0.0.0", f"-DSRCDIR={stand_in}", f"-DOUTFILE={out}",
                           "installer.nsi"], cwd=ROOT / "packaging" / "windows", capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes()[:2] == b"MZ"


def test_the_installer_is_per_user_and_keeps_the_data():
    nsi = (ROOT / "packaging" / "windows" / "installer.nsi").read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in nsi and "$LOCALAPPDATA\\Programs" in nsi and "HKLM" not in nsi
    assert '"$DESKTOP\\${APPNAME}.lnk"' in nsi and '"$SMPROGRAMS\\${APPNAME}' in nsi and '"村级文化档案"' in nsi
    uninstall = nsi[nsi.index('Section "Uninstall"'):]
    assert "RMDir /r \"$INSTDIR\"" not in uninstall and "APPDATA" not in uninstall


def test_the_spec_bundles_what_is_loaded_by_name_or_as_files():
    for package in ("cli", "gui", "storage", "reports", "assets"):
        assert f'"{package}"' in SPEC
    assert all(spec.split(":")[0].split(".")[0] == "gui" for _, _, spec in PAGES)  # inside collect_submodules("gui")
    for data in ('"assets" / "fonts"', '"assets" / "i18n"', '"migrations" / "env.py"', '"versions" / "*.py"',
                 '"script.py.mako"'):
        assert data in SPEC
    assert "alembic.op" in SPEC and "sqlalchemy.dialects.sqlite" in SPEC


def test_the_spec_is_one_folder_without_upx_and_without_unused_qt():
    assert "upx=False" in SPEC and "upx=True" not in SPEC
    assert "COLLECT(" in SPEC  # folder mode: a one-file build has no COLLECT
    for module in ("QtQml", "QtQuick", "QtWebEngineCore", "QtVirtualKeyboard", "QtMultimedia", "Qt3DCore"):
        assert f'"{module}"' in SPEC
