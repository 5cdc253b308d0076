"""A damaged archive file at open: detected, explained in Chinese, the newest good backup offered, and
restoring from it works (through the API and the CLI, with no traceback shown)."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

import main
from storage import activities, backup, centers, datagen
from storage.engine import open_archive, restore_archive
from storage.errors import ArchiveCorrupt, ArchiveError
from storage.models import Activity

from . import harness

SMALL = datagen.Spec(years=1, activities=30, equipment=5, log_days=60, photos=2, photo_px=(64, 48))


def _titles(path: Path) -> list[str]:
    a = open_archive(path, readonly=True)
    with a, a.session() as s:
        return sorted(s.scalars(select(Activity.title)))


@pytest.fixture
def damaged_setup(tmp_path):
    """An archive with two manual backups (the newer holds one more activity). Returns (path, newer backup)."""
    path = tmp_path / "档案.db"
    a = datagen.new_village(path, code="BAD", town="苍城镇", village="城东村", seed=5)
    try:
        datagen.fill(a, SMALL, 5)
        older = backup.make_backup(path, a.backup_dir, "manual", now=datetime(2026, 1, 1, 8, 0))
        with a.session() as s:
            activities.create_activity(s, a.actor, centers.own_center(s), start_date="2025-05-01",
                                       title="最后一次备份前的活动", category="其他")
        newer = backup.make_backup(path, a.backup_dir, "manual", now=datetime(2026, 1, 2, 8, 0))
    finally:
        a.close()
    assert older.exists() and newer.exists()
    return path, newer


def truncate_half(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.truncate(size // 2)


def truncate_tiny(path: Path) -> None:
    with open(path, "r+b") as f:
        f.truncate(10)


def empty(path: Path) -> None:
    path.write_bytes(b"")


def garbage(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(path.stat().st_size))


def garbage_after_header(path: Path) -> None:
    """Keeps SQLite's header page (so the file still looks like a database) and scrambles the rest."""
    data = bytearray(path.read_bytes())
    rng = random.Random(2)
    for i in range(4096, len(data)):
        data[i] = rng.randrange(256)
    path.write_bytes(bytes(data))


DAMAGES = [truncate_half, truncate_tiny, empty, garbage, garbage_after_header]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__)
def test_damaged_archive_is_refused_with_the_newest_good_backup(damaged_setup, damage):
    path, newer = damaged_setup
    for suffix in ("-wal", "-shm"):  # a closed archive has none; make sure the damage is all there is
        assert not Path(f"{path}{suffix}").exists()
    damage(path)
    with pytest.raises(ArchiveCorrupt) as info:
        open_archive(path)
    err = info.value
    assert err.backups and err.backups[0] == newer
    assert "已损坏" in err.message and str(newer) in err.message

    safety = restore_archive(path, err.backups[0])
    assert safety is not None and safety.exists()  # the damaged file is kept for rescue
    harness.integrity(path)
    assert "最后一次备份前的活动" in _titles(path)
    a = open_archive(path, daily_backup=False)  # and it opens for writing again
    a.close()


def test_a_damaged_newest_backup_is_passed_over(damaged_setup):
    path, newer = damaged_setup
    older = sorted(newer.parent.glob("*-manual.db"))[0]
    truncate_half(newer)
    garbage(path)
    with pytest.raises(ArchiveCorrupt) as info:
        open_archive(path)
    assert info.value.backups == [older]
    with pytest.raises(ArchiveError) as refused:
        restore_archive(path, newer)
    assert refused.value.code == "backup_bad"
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"  # a refused restore changed nothing


def test_no_good_backup_says_whom_to_ask(tmp_path):
    path = tmp_path / "孤本.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(ArchiveCorrupt) as info:
        open_archive(path)
    assert info.value.backups == []
    assert "没有找到可用的备份" in info.value.message


def test_foreign_sqlite_file_is_not_called_ours(tmp_path):
    path = tmp_path / "别的.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(ArchiveError) as info:
        open_archive(path)
    assert info.value.code == "archive_foreign"


@pytest.mark.parametrize("command", ["stats", "check", "backup"])
def test_cli_in_process_explains_without_traceback(damaged_setup, capsys, command):
    path, newer = damaged_setup
    truncate_half(path)
    code = main.main([command, "--archive", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "已损坏" in err and str(newer) in err
    assert "Traceback" not in out + err


def test_cli_subprocess_refuses_then_restores(damaged_setup):
    path, newer = damaged_setup
    garbage(path)
    env = dict(os.environ, PYTHONIOENCODING="utf-8")

    def run(*args):
        return subprocess.run([sys.executable, "main.py", *args], cwd=harness.ROOT, capture_output=True,
                              text=True, encoding="utf-8", env=env, timeout=120)

    bad = run("stats", "--archive", str(path))
    assert bad.returncode == 1, bad
    assert "已损坏" in bad.stderr and "恢复" in bad.stderr and str(newer) in bad.stderr
    assert "Traceback" not in bad.stdout + bad.stderr
    restored = run("restore", "--archive", str(path), "--from", str(newer))
    assert restored.returncode == 0, restored.stderr
    good = run("stats", "--archive", str(path), "--json")
    assert good.returncode == 0, good.stderr
    assert '"activity": 31' in good.stdout
