"""Backups with SQLite's online backup API, verified, written atomically, rotated.

Kept: the newest per day for 7 days, per ISO week for 4 weeks, per month for 12 months;
plus the 10 newest copies the keeper asked for or made before a migration, restore or import.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from . import atomicfile, oserrors, paths
from .errors import ArchiveCorrupt, ArchiveError

STAMP = "%Y%m%d-%H%M%S"
KINDS = ("daily", "manual", "pre-migration", "pre-restore", "pre-import")
SAFETY_KEEP = 10


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    kind: str


def _name(archive: Path, kind: str, when: datetime) -> str:
    return f"{archive.stem}-{when.strftime(STAMP)}-{kind}.db"


def parse(path: Path) -> BackupFile | None:
    for kind in KINDS:
        suffix = "-" + kind
        if path.suffix == ".db" and path.stem.endswith(suffix):
            stamp = path.stem[: -len(suffix)][-15:]
            try:
                return BackupFile(path, datetime.strptime(stamp, STAMP), kind)
            except ValueError:
                return None
    return None


def list_backups(folder: Path) -> list[BackupFile]:
    """Newest first."""
    if not folder.is_dir():
        return []
    found = [b for b in (parse(p) for p in folder.glob("*.db")) if b]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _cannot_open(e: sqlite3.Error) -> bool:
    text = str(e).lower()
    return "unable to open" in text or "readonly" in text


def connect_readonly(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection and whether it had to be ``immutable`` (a write-protected place, where
    SQLite cannot create the -shm file). Raises ArchiveError when the place is write-protected and the
    archive's WAL journal still holds changes (immutable would silently skip them); sqlite3.Error else."""
    con = sqlite3.connect(paths.sqlite_readonly_uri(path), uri=True)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con, False
    except sqlite3.Error as e:
        con.close()
        if not _cannot_open(e) or oserrors.place_writable(Path(path).parent):
            raise
    wal = Path(str(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise ArchiveError("wal_write_protected",
                           f"档案 {path} 所在的位置是写保护的（只读），而档案旁还有未合并的日志文件 {wal.name}"
                           "（复制档案时软件可能还开着）。请把整个文件夹复制到电脑上可以写入的位置，再打开。")
    con = sqlite3.connect(paths.sqlite_readonly_uri(path, immutable=True), uri=True)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        con.close()
        raise
    return con, True


def is_good(path: Path) -> bool:
    try:
        con, _immutable = connect_readonly(path)
        try:
            return con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except (sqlite3.Error, ArchiveError):
        return False


def good_backups(folder: Path) -> list[Path]:
    return [b.path for b in list_backups(folder) if is_good(b.path)]


def sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup of ``source`` (WAL included) into ``target``, then verified."""
    src, _immutable = connect_readonly(source)  # the source may sit on a write-protected stick
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise ArchiveError("backup_bad", f"{source} 的副本校验失败，请检查磁盘空间后重试。")
        finally:
            dst.close()
    finally:
        src.close()


def copy_database(source: Path, dest: Path) -> None:
    """Consistent copy of a live database to ``dest``, never half-written."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with atomicfile.replacing(dest) as tmp:
            sqlite_copy(source, tmp)
    except (sqlite3.Error, OSError) as e:
        raise ArchiveError("backup_failed", oserrors.explain(e, "写入备份", dest)) from e


def make_backup(archive: Path, folder: Path, kind: str = "manual", now: datetime | None = None) -> Path:
    now = (now or datetime.now()).replace(microsecond=0)
    dest = folder / _name(archive, kind, now)
    while dest.exists():  # two backups in one second: never overwrite one
        now += timedelta(seconds=1)
        dest = folder / _name(archive, kind, now)
    copy_database(archive, dest)
    rotate(folder)
    return dest


def keep_set(backups: list[BackupFile]) -> set[Path]:
    """Which backups the rotation keeps (pure, for tests)."""
    keep: set[Path] = set()
    periodic = [b for b in backups if b.kind in ("daily", "manual")]
    for key, limit in (
        (lambda b: b.taken_at.date(), 7),
        (lambda b: b.taken_at.isocalendar()[:2], 4),
        (lambda b: (b.taken_at.year, b.taken_at.month), 12),
    ):
        seen: list = []
        for b in periodic:  # newest first: the first of each period is kept
            k = key(b)
            if k not in seen:
                seen.append(k)
                if len(seen) > limit:
                    break
                keep.add(b.path)
    safety = [b for b in backups if b.kind != "daily"]  # asked-for and safety copies: the 10 newest
    keep.update(b.path for b in safety[:SAFETY_KEEP])
    return keep


def rotate(folder: Path) -> list[Path]:
    backups = list_backups(folder)
    keep = keep_set(backups)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


SQLITE_MAGIC = b"SQLite format 3\x00"


def check_readable(path: Path, backup_dir: Path) -> bool:
    """Refuse a file that is not a healthy SQLite database, naming the newest good backup.

    Returns whether it can only be read ``immutable`` (its place is write-protected)."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as e:
        raise ArchiveError("archive_unreadable", oserrors.explain(e, "读取档案文件", path)) from e
    if head != SQLITE_MAGIC:
        detail = "文件是空的" if not head else "不是档案数据库文件"
        raise ArchiveCorrupt(path, detail, good_backups(backup_dir))
    # Cheap checks on every open; the full quick_check runs once a day, with the daily backup.
    try:
        con, immutable = connect_readonly(path)
        try:
            page_size = con.execute("PRAGMA page_size").fetchone()[0]
            page_count = con.execute("PRAGMA page_count").fetchone()[0]
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.Error as e:
        raise ArchiveCorrupt(path, f"数据库无法读取：{oserrors.why(e)}", good_backups(backup_dir)) from e
    wal = Path(str(path) + "-wal")
    if not wal.exists() and path.stat().st_size < page_size * page_count:
        raise ArchiveCorrupt(path, "文件不完整（可能复制时被截断）", good_backups(backup_dir))
    return immutable
