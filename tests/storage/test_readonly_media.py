"""An archive on a write-protected stick or folder: read, counted, checked and printed; never changed;
every refusal says "write-protected", never "damaged", never SQL or an English OS error."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from storage import stats
from storage.engine import open_archive
from storage.errors import ArchiveWriteProtected, DomainError
from tests.archive_state import table_digest
from tests.readonly_place import immutable, run_on_full_disk, run_on_readonly_mount

ROOT = Path(__file__).resolve().parents[2]
BAD_WORDS = ("损坏", "Traceback", "Error", "SQL", "UPDATE", "Permission", "Read-only file system", "Excel")


@pytest.fixture
def stick(demo_master, tmp_path):
    folder = tmp_path / "U盘"
    folder.mkdir()
    path = folder / "档案.db"
    shutil.copy2(demo_master, path)
    return path


def _counts(path):
    with open_archive(path, readonly=True) as a, a.session() as s:
        return stats.counts(s), table_digest(a)


def test_write_protected_folder_opens_read_only_and_refuses_every_write(stick):
    before = _counts(stick)
    with immutable(stick.parent, stick):
        with pytest.raises(ArchiveWriteProtected) as e:
            open_archive(stick)
        assert "写保护" in e.value.message and "损坏" not in e.value.message
        with open_archive(stick, readonly=True) as a, a.session() as s:
            assert a.write_protected and stats.counts(s) == before[0]
        a = open_archive(stick, readonly_fallback=True)
        try:
            assert a.readonly and a.write_protected
            with pytest.raises(ArchiveWriteProtected) as e:
                a.set_meta("probe", "x")
            assert "写保护" in e.value.message
            with pytest.raises(DomainError) as e:
                a.backup("manual")  # the backup folder beside it is write-protected too
            assert "只读" in e.value.message or "权限" in e.value.message
        finally:
            a.close()
        assert not any(p.name.endswith(".lock") for p in stick.parent.iterdir())  # not even a lock file
    assert _counts(stick) == before


def test_read_only_file_in_a_writable_folder(stick):
    before = _counts(stick)
    with immutable(stick):
        with pytest.raises(ArchiveWriteProtected):
            open_archive(stick)
        with open_archive(stick, readonly_fallback=True) as a:
            assert a.readonly and a.write_protected
            with pytest.raises(ArchiveWriteProtected):
                a.set_meta("probe", "x")
    assert _counts(stick) == before


def _main(*argv):
    return [sys.executable, str(ROOT / "main.py"), *map(str, argv)]


def _env(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("VILLAGE_ARCHIVE", None)
    return env


def test_cli_on_a_read_only_stick(stick, tmp_path):
    """A real read-only mount (EROFS, as a USB stick with its switch set): reading commands work,
    writing ones say write-protected; the archive is byte for byte unchanged."""
    before = stick.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    env = _env(tmp_path)
    reading = [("stats",), ("check",), ("export-sheet", "--kind", "activities", "--out", out / "活动.xlsx"),
               ("report", "--year", "2024", "--out", out / "汇编.pdf")]
    for cmd in reading:
        r = run_on_readonly_mount(stick.parent, _main(*cmd, "--archive", stick), env=env)
        assert r.returncode == 0, (cmd, r.stderr)
    assert (out / "活动.xlsx").stat().st_size > 0 and (out / "汇编.pdf").stat().st_size > 0
    writing = [("backup",), ("import-sheet", "--kind", "activities", out / "活动.xlsx"),
               ("export-sheet", "--kind", "activities", "--out", stick.parent / "x.xlsx")]
    for cmd in writing:
        r = run_on_readonly_mount(stick.parent, _main(*cmd, "--archive", stick), env=env)
        assert r.returncode == 1, (cmd, r.stdout, r.stderr)
        assert "写保护" in r.stderr or "只读" in r.stderr, (cmd, r.stderr)
        assert not any(w in r.stderr for w in BAD_WORDS), (cmd, r.stderr)
    assert stick.read_bytes() == before
    assert sorted(p.name for p in stick.parent.iterdir()) == ["档案.db"]


def test_disk_full_is_named(demo_master, tmp_path):
    full = tmp_path / "满"
    full.mkdir()
    r = run_on_full_disk(full, _main("export-sheet", "--kind", "activities", "--out", full / "活动.xlsx",
                                     "--archive", demo_master), size="20k", env=_env(tmp_path))
    assert r.returncode == 1 and "磁盘空间已满" in r.stderr, r.stderr
    assert not any(w in r.stderr for w in BAD_WORDS), r.stderr


def test_unmerged_journal_on_a_write_protected_stick_is_named(stick):
    """Reading it immutable would silently skip the journal's changes: say so instead."""
    import sqlite3

    con = sqlite3.connect(stick)  # a copy taken while the app was open: changes still in the -wal file
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("INSERT INTO archive_meta (key, value) VALUES ('probe', 'x')")
    con.commit()
    wal = stick.with_name(stick.name + "-wal")
    kept = wal.read_bytes()
    con.close()
    wal.write_bytes(kept)
    stick.with_name(stick.name + "-shm").unlink(missing_ok=True)
    with immutable(stick.parent, stick, wal):
        with pytest.raises(DomainError) as e:
            open_archive(stick, readonly=True)
    assert "未合并的日志文件" in e.value.message and "损坏" not in e.value.message
