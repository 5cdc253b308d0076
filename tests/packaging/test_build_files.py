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


def _check_glibc(folder: Path, *limit: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(ROOT / "packaging" / "check-glibc.sh"), str(folder), *limit],
                          capture_output=True, text=True, timeout=120)


def test_check_glibc_names_the_newest_glibc_version_a_folder_needs(tmp_path):
    folder = tmp_path / "village-archive"
    (folder / "_internal").mkdir(parents=True)
    shutil.copy(shutil.which("true"), folder / "_internal" / "true")
    (folder / "_internal" / "notes.txt").write_text("不是程序", encoding="utf-8")
    measured = _check_glibc(folder)
    assert measured.returncode == 0, measured.stderr
    newest = measured.stdout.strip()
    assert newest.startswith("2.") and all(part.isdigit() for part in newest.split("."))

    assert _check_glibc(folder, newest).returncode == 0  # the limit itself is allowed
    too_old = _check_glibc(folder, "2.0")
    assert too_old.returncode == 1 and too_old.stdout.strip() == newest
    assert "_internal/true" in too_old.stderr and f"GLIBC_{newest}" in too_old.stderr
    assert sorted(p.name for p in (folder / "_internal").iterdir()) == ["notes.txt", "true"]  # only reads


def test_check_glibc_refuses_a_folder_without_programs(tmp_path):
    (tmp_path / "readme.txt").write_text("没有程序", encoding="utf-8")
    assert _check_glibc(tmp_path).returncode == 2
    assert _check_glibc(tmp_path / "missing").returncode == 2


def test_the_deb_depends_on_the_measured_glibc_and_the_compat_build_caps_it():
    build = (ROOT / "packaging" / "build-linux.sh").read_text(encoding="utf-8")
    assert 'libc6 (>= $glibc)' in build and "check-glibc.sh" in build and "2.36" not in build
    compat = (ROOT / "packaging" / "build-linux-compat.sh").read_text(encoding="utf-8")
    assert 'VA_GLIBC_MAX:-2.31' in compat and "bash packaging/build-linux.sh" in compat  # the same spec and checks
    assert "sha256sum -c" in compat and "PySide6-Addons==$pyside" in compat
