"""Shared fixtures. Qt runs offscreen; settings, logs and data dirs go to a temp folder per session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = Path(tempfile.mkdtemp(prefix="va-test-home-"))
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(_HOME / var.lower())
os.environ["VILLAGE_ARCHIVE_CONFIG"] = str(_HOME / "config")
os.environ.pop("VILLAGE_ARCHIVE", None)

import pytest  # noqa: E402

from storage import demo  # noqa: E402
from tests.archive_state import new_village  # noqa: E402


@pytest.fixture
def archive_path(tmp_path) -> Path:
    return tmp_path / "档案.db"


@pytest.fixture
def archive(archive_path):
    """A fresh village archive with one center (code TEST), open for writing."""
    a = new_village(archive_path)
    yield a
    a.close()


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory) -> Path:
    """The demo archive, built once per test run (about 3 s); copy it before writing to it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    demo.create_demo(path)
    return path


@pytest.fixture
def demo_path(demo_master, tmp_path) -> Path:
    """A private copy of the demo archive."""
    dest = tmp_path / "demo.db"
    shutil.copy2(demo_master, dest)
    return dest
