"""The one place that opens an archive: engine, pragmas, lock, migrations, backups on open.

All SQLite-specific SQL lives here; everything else is portable to PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import filelock
from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from . import atomicfile, backup, keeper, oserrors, paths
from .errors import ArchiveCorrupt, ArchiveError, ArchiveLocked, ArchiveWriteProtected
from .migrator import current_revision, head_revision, is_known, upgrade
from .models import ArchiveMeta

__all__ = ["Archive", "open_archive", "restore_archive", "make_engine", "current_revision", "head_revision",
           "upgrade", "integrity_problems", "archive_role"]



def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _readonly_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA query_only=ON")  # a write is refused by SQLite itself, whatever the caller does
    cur.close()


def make_engine_readonly(path: Path, immutable: bool = False) -> Engine:
    """For reading a file that is not ours to change (a backup to restore, an archive opened read-only)."""
    # URL.create, not a URL string: the parser would unquote the URI's %-escapes ('#', spaces, Chinese).
    engine = create_engine(URL.create("sqlite", database=paths.sqlite_readonly_uri(path, immutable),
                                      query={"uri": "true"}))
    event.listen(engine, "connect", _readonly_pragmas)
    return engine


def make_engine(path: Path) -> Engine:
    engine = create_engine(URL.create("sqlite", database=str(path)))  # no URL parsing of odd file names
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def default_actor() -> str:
    """The computer's user name: only for when no keeper name is known (see ``keeper.resolve_actor``)."""
    return keeper.os_user()


class Archive:
    """An open archive file. Use ``with archive.session() as s:`` for one transaction."""

    def __init__(self, path: Path, engine: Engine, lock: filelock.BaseFileLock | None, actor: str | None,
                 backup_dir: Path, write_protected: bool = False):
        self.path = path
        self.engine = engine
        self._lock = lock
        self._actor = actor or None  # an explicit name (``--actor``); otherwise the center's keeper
        self._keeper: str | None = None  # read on demand, forgotten after every commit
        self.backup_dir = backup_dir
        self.write_protected = write_protected  # opened read-only because its place cannot be written
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def actor(self) -> str:
        """The "who" of audit rows written through this archive (``keeper.resolve_actor``)."""
        if self._actor:
            return self._actor
        if self._keeper is None:
            with self._sessions() as s:
                self._keeper = keeper.resolve_actor(s)
        return self._keeper

    @actor.setter
    def actor(self, value: str | None) -> None:
        self._actor = (value or "").strip() or None

    @property
    def readonly(self) -> bool:
        return self._lock is None

    @contextmanager
    def session(self):
        s: Session = self._sessions()
        try:
            yield s
            s.commit()
            self._keeper = None  # the keeper may have been renamed in this transaction
        except OperationalError as e:
            s.rollback()
            raise self._write_refused(e) from e
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def _write_refused(self, e: OperationalError) -> Exception:
        """A write that SQLite refused, in the keeper's words: never raw SQL."""
        if self.write_protected:
            return ArchiveWriteProtected(self.path)
        if self.readonly and oserrors.is_write_protected(e):
            return ArchiveError("archive_readonly", f"档案 {self.path} 是以只读方式打开的（查看、统计、打印），不能修改。")
        if oserrors.is_write_protected(e) or oserrors.is_disk_full(e):
            return ArchiveError("archive_unwritable", oserrors.explain(e, "保存到档案", self.path))
        return e

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self.session() as s:
            return meta_value(s, key, default)

    def set_meta(self, key: str, value: str) -> None:
        with self.session() as s:
            row = s.get(ArchiveMeta, key)
            if row:
                row.value = value
            else:
                s.add(ArchiveMeta(key=key, value=value))

    def backup(self, kind: str = "manual", dest: Path | None = None) -> Path:
        if dest is not None:
            backup.copy_database(self.path, dest)
            made = dest
        else:
            made = backup.make_backup(self.path, self.backup_dir, kind)
        if not self.readonly:
            self.set_meta("last_backup_at", datetime.now().isoformat(timespec="seconds"))
        return made

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def acquire_lock(path: Path) -> filelock.BaseFileLock:
    """The archive's lock; ArchiveWriteProtected when the lock file cannot be made there."""
    lock = filelock.FileLock(str(paths.lock_path(path)), timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout as e:
        raise ArchiveLocked(path) from e
    except OSError as e:
        if oserrors.is_write_protected(e):
            raise ArchiveWriteProtected(path) from e
        raise ArchiveError("archive_unwritable", oserrors.explain(e, "打开档案（建立锁文件）", path)) from e
    paths.hide(paths.lock_path(path))
    return lock


def _place_writable(path: Path) -> bool:
    """Asked of the OS without writing (a reader must not leave files behind): the folder and the file."""
    return os.access(path.parent, os.W_OK) and os.access(path, os.W_OK)


def _file_writable(path: Path) -> bool:
    """Opening for writing changes nothing; a read-only file (or attribute) refuses it."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError as e:
        if oserrors.is_write_protected(e):
            return False
        raise ArchiveError("archive_unreadable", oserrors.explain(e, "打开档案文件", path)) from e
    os.close(fd)
    return True


def open_archive(path, *, create: bool = False, readonly: bool = False, actor: str | None = None,
                 backup_dir: Path | None = None, daily_backup: bool = True,
                 readonly_fallback: bool = False) -> Archive:
    """Open (or with ``create`` make) an archive, upgrading its schema with a backup first.

    ``readonly`` takes no lock and writes nothing (stats, check, verify can run beside the GUI). An
    archive in a write-protected place raises ArchiveWriteProtected when opened for writing, or with
    ``readonly_fallback`` (the GUI) opens read-only with ``write_protected`` set.
    """
    path = Path(path)
    backup_dir = Path(backup_dir) if backup_dir else paths.default_backup_dir(path)
    if create and path.exists():
        raise ArchiveError("archive_exists", f"档案 {path} 已经存在，不能覆盖。请换一个文件名，或直接打开它。")
    if not create and not path.exists():
        raise ArchiveError(
            "archive_missing", f"找不到档案 {path}。请检查路径，或先用 init 新建档案（或 demo 生成示例档案）。"
        )
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ArchiveError("archive_unwritable", oserrors.explain(e, "创建档案", path.parent)) from e
    lock, write_protected = None, False
    if not readonly:
        try:
            lock = acquire_lock(path)
            if not create and not _file_writable(path):
                lock.release()
                lock = None
                raise ArchiveWriteProtected(path)
        except ArchiveWriteProtected:
            if not readonly_fallback or create:
                raise
            readonly = write_protected = True
    engine = None
    try:
        if lock is not None:
            paths.sweep_temp_files(path, backup_dir)
        immutable = False if create else backup.check_readable(path, backup_dir)
        write_protected = write_protected or immutable or (readonly and not _place_writable(path))
        engine = make_engine_readonly(path, immutable) if readonly else make_engine(path)
        archive = Archive(path, engine, lock, actor, backup_dir, write_protected)
        _migrate(archive, create, readonly)
        if daily_backup and not readonly and not create:
            _daily_backup(archive)
        return archive
    except BaseException:
        if engine is not None:
            engine.dispose()
        if lock is not None:
            lock.release()
        raise


def _migrate(archive: Archive, create: bool, readonly: bool) -> None:
    head = head_revision()
    current = current_revision(archive.engine)
    if current == head:
        return
    if current is not None and not is_known(current):
        raise ArchiveError(
            "archive_too_new",
            f"档案 {archive.path} 是用更新版本的软件建立的（结构版本 {current}）。请先升级本软件再打开。",
        )
    if archive.write_protected:
        raise ArchiveError("archive_needs_upgrade", f"档案 {archive.path} 需要升级结构，而它所在的位置是写保护的（只读）。"
                           "请把档案复制到电脑上可以写入的文件夹，用本软件打开一次后再用。")
    if readonly:
        raise ArchiveError("archive_needs_upgrade", f"档案 {archive.path} 需要升级结构，请先用正常方式打开它一次。")
    if current is not None:
        archive.backup("pre-migration")
    elif not create:
        with archive.engine.connect() as conn:
            tables = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type='table'").scalar()
        if tables:
            raise ArchiveError("archive_foreign", f"{archive.path} 不是本软件的档案文件。")
    upgrade(archive.engine)


def _daily_backup(archive: Archive) -> None:
    last = archive.meta("last_auto_backup")
    today = date.today().isoformat()
    if last == today:
        return
    if not backup.is_good(archive.path):  # the full check, once a day
        raise ArchiveCorrupt(archive.path, "数据库校验未通过", backup.good_backups(archive.backup_dir))
    archive.backup("daily")
    archive.set_meta("last_auto_backup", today)


def meta_value(s: Session, key: str, default: str | None = None) -> str | None:
    """One archive-level setting (last backup, last export…) inside a session."""
    row = s.get(ArchiveMeta, key)
    return row.value if row else default


def archive_role(s: Session) -> str:
    row = s.scalar(select(ArchiveMeta).where(ArchiveMeta.key == "role"))
    return row.value if row else "village"


def integrity_problems(engine: Engine) -> list[str]:
    """SQLite's own checks: page structure and foreign keys. Empty list when the file is sound."""
    problems = []
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            return problems
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems += [f"integrity_check: {r}" for r in rows[:20]]
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            problems.append(f"foreign_key_check: {table} 第 {rowid} 行引用了不存在的 {parent}")
    return problems


def _schema_code(con) -> set[tuple[str, str, str]]:
    return {(t, n, " ".join((sql or "").split())) for t, n, sql in
            con.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')")}


def _foreign_code(source: Path, immutable: bool) -> list[str]:
    """Triggers and views in ``source`` that the migrations would not create: a restored file must not
    bring code that runs on every later write. Compared with a fresh archive at the head revision."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        ref_path = Path(tmp) / "reference.db"
        ref = make_engine(ref_path)
        try:
            upgrade(ref)
        finally:
            ref.dispose()
        con = sqlite3.connect(ref_path)
        try:
            expected = _schema_code(con)
        finally:
            con.close()
    con = sqlite3.connect(paths.sqlite_readonly_uri(source, immutable), uri=True)
    try:
        found = _schema_code(con)
    finally:
        con.close()
    names = {(t, n) for t, n, _sql in expected}
    unknown = [(t, n) for t, n, sql in found if (t, n, sql) not in expected]
    if unknown and all(key in names for key in unknown) and not _is_head(source, immutable):
        return []  # an older revision carries older versions of our own triggers (upgraded on open)
    return sorted(n for _t, n in unknown)


def _is_head(source: Path, immutable: bool) -> bool:
    probe = make_engine_readonly(source, immutable)
    try:
        return current_revision(probe) == head_revision()
    finally:
        probe.dispose()


ROLE_NAMES = {"village": "村(社区)档案", "station": "镇街档案", "city": "市局档案"}


def archive_identity(path: Path) -> tuple[str, str, str, str] | None:
    """(center uuid, center name, center code, role) of an archive file, read without changing it;
    None when it cannot be read (a damaged file has no identity to compare)."""
    try:
        con, _immutable = backup.connect_readonly(path)
    except (sqlite3.Error, ArchiveError):
        return None
    try:
        meta = dict(con.execute("SELECT key, value FROM archive_meta WHERE key IN ('own_center_uuid', 'role')"))
        row = con.execute("SELECT name, code FROM center WHERE uuid = ?", (meta.get("own_center_uuid"),)).fetchone()
        name, code = row if row else ("（未知中心）", "")
        return meta.get("own_center_uuid") or "", name, code or "", meta.get("role") or "village"
    except sqlite3.Error:
        return None
    finally:
        con.close()


class RestoreOtherArchive(ArchiveError):
    """The backup belongs to another center or role than the archive it would replace."""

    def __init__(self, source: Path, theirs: tuple, ours: tuple):
        def who(ident):
            return f"“{ident[1]}”（编码 {ident[2] or '无'}，{ROLE_NAMES.get(ident[3], ident[3])}）"

        self.theirs, self.ours = theirs, ours
        super().__init__("restore_other_archive",
                         f"备份文件 {source} 属于{who(theirs)}，而要被替换的档案属于{who(ours)}。恢复会用另一个中心"
                         "（或另一类）的档案整个替换本档案。如确实要这样做，请确认后再恢复（命令行加 --force）。")


def restore_archive(path, source, backup_dir: Path | None = None, *, force: bool = False) -> Path | None:
    """Replace the archive with a backup. The current file is kept first (even a damaged one).

    Returns the safety copy's path. Refuses a source that is damaged, foreign or too new, and — unless
    ``force`` — one of another center or role than the current (readable) archive.
    """
    path, source = Path(path), Path(source)
    backup_dir = Path(backup_dir) if backup_dir else paths.default_backup_dir(path)
    if not source.is_file():
        raise ArchiveError("backup_missing", f"找不到备份文件 {source}。")
    if not backup.is_good(source):
        raise ArchiveError("backup_bad", f"备份文件 {source} 已损坏或不是档案文件，不能用来恢复。请换一个备份。")
    con, immutable = backup.connect_readonly(source)
    con.close()
    probe = make_engine_readonly(source, immutable)
    try:
        known = is_known(current_revision(probe))
    finally:
        probe.dispose()
    if not known:
        raise ArchiveError("backup_foreign", f"{source} 不是本软件（或本版本）可以读取的档案备份。")
    strange = _foreign_code(source, immutable)
    if strange:
        raise ArchiveError("backup_foreign_code", f"备份文件 {source} 含有本软件不会建立的触发器或视图（{'、'.join(strange[:5])}），"
                           "它们会在每次保存时自动运行别人写的指令，不能用来恢复。请换一个备份。")
    if not force and path.exists():
        theirs, ours = archive_identity(source), archive_identity(path)
        if theirs is not None and ours is not None and (theirs[0], theirs[3]) != (ours[0], ours[3]):
            raise RestoreOtherArchive(source, theirs, ours)
    lock = acquire_lock(path) if path.exists() else None
    try:
        safety = None
        if path.exists():
            if backup.is_good(path):
                safety = backup.make_backup(path, backup_dir, "pre-restore")
            else:  # keep the damaged file byte for byte: someone may still rescue records from it
                backup_dir.mkdir(parents=True, exist_ok=True)
                safety = backup_dir / f"{path.stem}-{datetime.now():%Y%m%d-%H%M%S}-damaged.bin"
                shutil.copy2(path, safety)
        with atomicfile.replacing(path) as tmp:
            backup.sqlite_copy(source, tmp)
            for suffix in ("-wal", "-shm"):  # the old file's journal must not be replayed into the new one
                Path(str(path) + suffix).unlink(missing_ok=True)
        return safety
    finally:
        if lock is not None:
            lock.release()
