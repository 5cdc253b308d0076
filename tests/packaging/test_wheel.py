"""A regular (not editable) install of the wheel works from outside the checkout: the font, the translations
and the migrations travel as package data. Builds the wheel, installs it into a fresh venv (reusing the
installed dependencies, offline) and runs the commands a keeper or a station would, plus the app offscreen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.packaging


def clean_env(home: Path) -> dict:
    """No PYTHONPATH, a fresh HOME and data folders: nothing of the checkout or of the developer leaks in."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen"}
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    return env


def run(cmd, env, cwd, timeout=300) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout}\n{proc.stderr}"
    return proc


def build_wheel(out: Path) -> Path:
    # Without build isolation when setuptools and wheel are here (offline, quicker); pip's default otherwise.
    try:
        import wheel  # noqa: F401
        isolation = ["--no-build-isolation"]
    except ImportError:
        isolation = []
    src = out / "src"  # a copy, so the build leaves no build/ or egg-info in the checkout
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", "build", "dist",
                                                             "tests", "*.db", ".ruff_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *isolation, "-w", str(out), str(src)],
                   check=True, capture_output=True, timeout=300)
    return next(out.glob("village_archive-*.whl"))


def test_the_wheel_installs_and_runs_outside_the_checkout(tmp_path):
    wheel = build_wheel(tmp_path)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=False)
    py = env_dir / "bin" / "python"
    # The dependencies come from the machine's site-packages (offline); forced past the editable install there.
    run([sys.executable, "-m", "pip", "--python", py, "install", "-q", "--no-index", "--no-deps", "--force-reinstall",
         wheel], os.environ, tmp_path)

    work = tmp_path / "keeper"
    work.mkdir()
    env = clean_env(tmp_path / "home")
    where = run([py, "-c", "import storage, assets, cli, main; print(storage.__file__, assets.FONT.is_file())"],
                env, work).stdout
    assert str(env_dir) in where and where.split()[1] == "True", where

    cli = env_dir / "bin" / "village-archive-cli"
    assert run([cli, "--version"], env, work).stdout.strip().endswith(
        run([py, "-c", "import storage; print(storage.__version__)"], env, work).stdout.strip())
    run([cli, "demo", "--archive", "a.db"], env, work)
    report = run([cli, "report", "--archive", "a.db", "--year", "2017", "--out", "r.pdf"], env, work)
    assert (work / "r.pdf").stat().st_size > 10_000, report.stdout
    assert "完整性检查通过" in run([cli, "check", "--archive", "a.db"], env, work).stdout
    gui = run([env_dir / "bin" / "village-archive", "--archive", "a.db"],
              {**env, "VILLAGE_ARCHIVE_SMOKE_GUI": "60"}, work, timeout=120)
    assert "smoke-gui: MainWindow" in gui.stdout
