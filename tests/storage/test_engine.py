"""Opening an archive: pragmas, the single-writer lock, damaged and too-new files, migrations."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from storage import backup, centers
from storage.engine import current_revision, head_revision, make_engine, open_archive, upgrade
from storage.errors import ArchiveCorrupt, ArchiveError, ArchiveLocked

ROOT = Path(__file__).resolve().parents[2]


def test_pragmas_on_every_connection(archive):
    with archive.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_chinese_path_and_head_revision(archive, archive_path):
    assert "档案" in archive_path.name
    assert current_revision(archive.engine) == head_revision()


def test_second_writer_is_refused_even_in_another_process(archive, archive_path):
    with pytest.raises(ArchiveLocked) as e:
        open_archive(archive_path)
    assert "另一个程序" in e.value.message
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from storage.engine import open_archive
        from storage.errors import ArchiveLocked
        try:
            open_archive({str(archive_path)!r})
        except ArchiveLocked:
            sys.exit(3)
    """)
    assert subprocess.run([sys.executable, "-c", code]).returncode == 3
    reader = open_archive(archive_path, readonly=True)  # readers are welcome
    reader.close()


def test_lock_is_released_on_close(archive, archive_path):
    archive.close()
    again = open_archive(archive_path)
    again.close()


def test_missing_and_existing(tmp_path, archive, archive_path):
    with pytest.raises(ArchiveError) as e:
        open_archive(tmp_path / "nope.db")
    assert e.value.code == "archive_missing"
    with pytest.raises(ArchiveError) as e:
        open_archive(archive_path, create=True)
    assert e.value.code == "archive_exists"


@pytest.mark.parametrize("content", [b"", b"garbage" * 100, None])
def test_damaged_file_is_detected_and_a_backup_offered(archive, archive_path, content):
    good = archive.backup("manual")
    archive.close()
    data = archive_path.read_bytes()
    Path(str(archive_path) + "-wal").unlink(missing_ok=True)
    archive_path.write_bytes(content if content is not None else data[: len(data) // 3])
    with pytest.raises(ArchiveCorrupt) as e:
        open_archive(archive_path)
    assert e.value.backups and e.value.backups[0] == good
    assert "已损坏" in e.value.message and good.name in e.value.message


def test_archive_from_a_newer_version_is_refused(archive, archive_path):
    with archive.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    archive.close()
    with pytest.raises(ArchiveError) as e:
        open_archive(archive_path)
    assert e.value.code == "archive_too_new" and "更新版本" in e.value.message


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    engine = make_engine(path)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x)"))
    engine.dispose()
    with pytest.raises(ArchiveError) as e:
        open_archive(path)
    assert e.value.code == "archive_foreign"


def test_upgrade_from_first_revision_keeps_everything(tmp_path):
    """An archive made at revision 0001, filled, then opened by this version: upgraded, nothing lost."""
    path = tmp_path / "old.db"
    engine = make_engine(path)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO center (id, uuid, code, name, town, village, address, keeper, phone, is_demonstration,"
            " weekly_standard_hours, created_at, updated_at, created_by)"
            " VALUES (1, 'c-1', 'OLD', '旧中心', '苍城镇', '城东村', '', '李秀英', '', 1, 42, '2017-01-01 00:00:00',"
            " '2017-01-01 00:00:00', '李秀英')"))
        conn.execute(text("INSERT INTO archive_meta (key, value) VALUES ('own_center_uuid', 'c-1')"))
        conn.execute(text("INSERT INTO item_counter VALUES (1, 'HD', 2017, 1)"))
        conn.execute(text(
            "INSERT INTO activity (id, uuid, center_id, item_number, year, seq, start_date, title, category,"
            " location, organizer, participants, summary, created_at, updated_at, created_by)"
            " VALUES (1, 'a-1', 1, 'OLD-2017-HD-0001', 2017, 1, '2017-01-29', '春节舞龙', '民俗节庆', '广场', '村委会',"
            " 600, '', '2017-01-29 00:00:00', '2017-01-29 00:00:00', '李秀英')"))
        conn.execute(text(
            "INSERT INTO audit_log (at, actor, action, entity, entity_uuid) VALUES"
            " ('2017-01-29 00:00:00', '李秀英', 'create', 'activity', 'a-1')"))
    engine.dispose()
    archive = open_archive(path)
    try:
        assert current_revision(archive.engine) == head_revision()
        kinds = [b.kind for b in backup.list_backups(archive.backup_dir)]
        assert "pre-migration" in kinds
        with archive.session() as s:
            center = centers.own_center(s)
            assert center.name == "旧中心" and center.plan_status == "built"
        with archive.engine.connect() as conn:
            assert conn.execute(text("SELECT title, participants FROM activity")).all() == [("春节舞龙", 600)]
            assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar() == 1
        with pytest.raises(Exception, match="append-only"), archive.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_log"))
        # the backup taken before the upgrade is still the old revision, and whole
        pre = [b.path for b in backup.list_backups(archive.backup_dir) if b.kind == "pre-migration"][0]
        assert current_revision(make_engine(pre)) == "0001"
    finally:
        archive.close()


def test_schema_head_constant_matches_the_migration_scripts():
    from storage import migrator

    assert migrator.SCHEMA_HEAD == migrator.alembic_head()


def test_damage_inside_the_file_is_caught_by_the_daily_check(archive, archive_path):
    from storage import activities

    with archive.session() as s:
        center = centers.own_center(s)
        for i in range(300):
            activities.create_activity(s, archive.actor, center, start_date="2020-05-01", title=f"活动{i}" * 20,
                                       category="其他")
    good = archive.backup("manual")
    archive.close()
    data = bytearray(archive_path.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page):  # scribble over every page past the schema
        data[offset + 100: offset + 400] = b"\xa5" * 300
    archive_path.write_bytes(bytes(data))
    with pytest.raises(ArchiveCorrupt) as e:
        open_archive(archive_path)
    assert e.value.backups[0] == good


def test_models_and_migrations_agree(archive):
    """Autogenerate finds nothing to do: the migrations build exactly the schema the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from storage.models import Base

    with archive.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata) == []


def test_odd_folder_and_file_names_work_end_to_end(tmp_path):
    """'#', '%', spaces and Chinese in folder and file names: open, back up, restore, read-only open."""
    from storage.engine import restore_archive

    folder = tmp_path / "城东村 #1 100%"
    folder.mkdir()
    path = folder / "档案 #2.db"
    a = open_archive(path, create=True)
    with a.session() as s:
        centers.create_center(s, a.actor, own=True, name="中心", town="苍城镇", village="城东村")
    saved = a.backup("manual")
    a.close()
    assert backup.is_good(path) and backup.is_good(saved)
    assert restore_archive(path, saved).parent == saved.parent
    reader = open_archive(path, readonly=True)
    with reader, reader.session() as s:
        assert centers.own_center(s).village == "城东村"
    assert not (tmp_path / "城东村 ").exists()  # nothing written at a path cut at '#'
