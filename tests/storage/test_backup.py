"""Backups: verified copies, rotation, once-a-day on open, restore with a safety copy."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage import activities, backup, centers
from storage.engine import open_archive, restore_archive
from storage.errors import ArchiveError
from storage.models import Activity


def add_activity(archive, title="读书会"):
    with archive.session() as s:
        activities.create_activity(s, archive.actor, centers.own_center(s), start_date="2020-05-01", title=title,
                                   category="阅读服务")


def titles(path: Path) -> list[str]:
    a = open_archive(path, readonly=True)
    with a, a.session() as s:
        return list(s.scalars(select(Activity.title).order_by(Activity.id)))


def test_backup_is_a_whole_consistent_copy(archive):
    add_activity(archive)
    made = archive.backup("manual")
    assert backup.is_good(made)
    assert titles(made) == ["读书会"]
    assert not list(made.parent.glob("*.part"))


def test_two_backups_in_one_second_do_not_overwrite(archive):
    when = datetime(2026, 1, 1, 8, 0, 0)
    a = backup.make_backup(archive.path, archive.backup_dir, "manual", now=when)
    b = backup.make_backup(archive.path, archive.backup_dir, "manual", now=when)
    assert a != b and a.exists() and b.exists()


def test_rotation_keeps_7_daily_4_weekly_12_monthly():
    start = datetime(2026, 11, 26, 9, 0)
    files = [backup.BackupFile(Path(f"b{i}.db"), start - timedelta(days=i), "daily") for i in range(400)]
    files += [backup.BackupFile(Path(f"m{i}.db"), start - timedelta(hours=i), "pre-migration") for i in range(15)]
    keep = backup.keep_set(files)
    daily = {f"b{i}.db" for i in range(7)}
    assert daily <= {p.name for p in keep}
    kept_daily = sorted(int(p.name[1:-3]) for p in keep if p.name.startswith("b"))
    assert len(kept_daily) <= 7 + 4 + 12 and kept_daily[-1] >= 300  # a year back is still covered
    assert len([p for p in keep if p.name.startswith("m")]) == backup.SAFETY_KEEP


def test_rotate_deletes_only_what_it_does_not_keep(tmp_path, archive):
    folder = tmp_path / "bk"
    base = datetime(2026, 11, 26, 9, 0)
    for i in range(40):
        backup.make_backup(archive.path, folder, "daily", now=base - timedelta(days=i))
    left = backup.list_backups(folder)
    assert 7 <= len(left) <= 23
    assert left[0].taken_at == base


def test_daily_backup_on_open_only_once_a_day(archive, archive_path):
    archive.close()
    for _ in range(2):
        open_archive(archive_path).close()
    kinds = [b.kind for b in backup.list_backups(archive.backup_dir)]
    assert kinds.count("daily") == 1


def test_restore_keeps_the_current_file_first(archive, archive_path):
    add_activity(archive, "第一次")
    saved = archive.backup("manual")
    add_activity(archive, "第二次")
    archive.close()
    safety = restore_archive(archive_path, saved)
    assert titles(archive_path) == ["第一次"]
    assert titles(safety) == ["第一次", "第二次"]
    reopened = open_archive(archive_path)  # and it opens for writing again
    reopened.close()


def test_restore_refuses_a_bad_backup_and_changes_nothing(tmp_path, archive, archive_path):
    add_activity(archive)
    archive.close()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 50)
    before = archive_path.read_bytes()
    with pytest.raises(ArchiveError) as e:
        restore_archive(archive_path, bad)
    assert e.value.code == "backup_bad"
    with pytest.raises(ArchiveError) as e:
        restore_archive(archive_path, tmp_path / "missing.db")
    assert e.value.code == "backup_missing"
    assert archive_path.read_bytes() == before


def test_restore_over_a_damaged_archive_keeps_the_damaged_bytes(archive, archive_path):
    add_activity(archive)
    saved = archive.backup("manual")
    archive.close()
    archive_path.write_bytes(b"\x00" * 4096)
    safety = restore_archive(archive_path, saved)
    assert safety.read_bytes() == b"\x00" * 4096
    a = open_archive(archive_path)
    with a, a.session() as s:
        assert s.scalar(select(func.count()).select_from(Activity)) == 1


def test_restore_refused_while_the_archive_is_open(archive, archive_path):
    saved = archive.backup("manual")
    with pytest.raises(ArchiveError) as e:
        restore_archive(archive_path, saved)
    assert e.value.code == "archive_locked"


def test_leftovers_of_a_killed_backup_or_restore_are_swept_on_open(archive, archive_path):
    from storage import paths

    archive.backup_dir.mkdir(exist_ok=True)
    part = archive.backup_dir / f".{archive_path.stem}-20260101-080000-manual.db.part"
    restoring = paths.temp_beside(archive_path, "4242.part")
    other = archive.backup_dir / ".someone-else.db.part"
    for p in (part, restoring, other):
        p.write_bytes(b"half written")
    archive.close()
    open_archive(archive_path, daily_backup=False).close()
    assert not part.exists() and not restoring.exists()
    assert other.exists()  # not ours: left alone
