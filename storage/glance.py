"""A glance at an archive file in plain sqlite3: the figures `stats` prints and the dashboard shows first.

Both are asked for the moment the keeper starts something, and importing SQLAlchemy and declaring the models
takes longer (about 0.45 s here, 0.6 s beside a window that is starting) than reading these figures from the
largest archive. So they are computed here, from the standard library's sqlite3 and plain SQL only, and the
ordinary paths (``stats.counts`` of a whole file, the overview page once the archive is open) call the same
functions on their session's connection: there is one way to compute each figure.

``connect`` glances only at a healthy file at this software's schema version that has its own center; for
anything else it answers None and the caller opens the file the ordinary way (``open_archive``), which
upgrades it or says in Chinese why it cannot. Nothing here writes, locks or leaves a file behind.
"""

from __future__ import annotations

import sqlite3
from datetime import date, time
from pathlib import Path
from typing import NamedTuple

from . import backup, hours, kinds, paths, rules
from .errors import DomainError
from .migrator import SCHEMA_HEAD


def file_counts(path) -> dict[str, int] | None:
    """What `stats` prints for a whole file, or None: open the file the ordinary way (it says why)."""
    con = connect(path)
    if con is None:
        return None
    try:
        return counts(con)
    finally:
        con.close()


def early_dashboard(path, backup_dir: Path | None = None, today: date | None = None) -> dict | None:
    """The overview's figures while the archive opens, or None: nothing early for a file the glance cannot
    read, nor for one another window holds open (no figures flashed before the "in use" refusal)."""
    con = connect(path, backup_dir)
    if con is None:
        return None
    try:
        if held_elsewhere(path):
            return None
        today = today or date.today()
        return dashboard(con, today.year, today)
    finally:
        con.close()


def connect(path, backup_dir: Path | None = None) -> sqlite3.Connection | None:
    """A read-only connection to an archive at this schema version with its own center, else None."""
    path = Path(path)
    try:
        if not path.is_file():
            return None
        backup.check_readable(path, Path(backup_dir) if backup_dir else paths.default_backup_dir(path))
        con, _immutable = backup.connect_readonly(path)
    except (DomainError, OSError, sqlite3.Error):
        return None
    try:
        if revision(con) == SCHEMA_HEAD and own_center(con) is not None:
            return con
    except sqlite3.Error:
        pass
    con.close()
    return None


def held_elsewhere(path) -> bool:
    """Whether another window or program has the archive open for writing (holds its lock): the dashboard
    then shows nothing early, and the ordinary open says the archive is in use. Takes the lock for a moment
    (the open that follows takes it again); a place where no lock file can be made holds no writer."""
    import filelock

    lock = filelock.FileLock(str(paths.lock_path(Path(path))), timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        return True
    except OSError:
        return False
    paths.hide(paths.lock_path(Path(path)))
    lock.release()
    return False


def revision(con) -> str | None:
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def driver_connection(session) -> sqlite3.Connection:
    """The sqlite3 connection under an open session, inside its transaction (the app's archives are SQLite)."""
    return session.connection().connection.driver_connection


class OwnCenter(NamedTuple):
    id: int
    weekly_standard_hours: float | None


def own_center(con) -> OwnCenter | None:
    row = con.execute("SELECT c.id, c.weekly_standard_hours FROM center c JOIN archive_meta m "
                      "ON m.key = 'own_center_uuid' AND c.uuid = m.value").fetchone()
    return OwnCenter(*row) if row else None


def meta(con, key: str) -> str | None:
    row = con.execute("SELECT value FROM archive_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


# -- stats ------------------------------------------------------------------------------------------------

def counts(con) -> dict[str, int]:
    """Live records per counted kind of the whole file (keyed by kind key), ``center`` and ``deleted``
    across them all: what `stats` prints."""
    out = {"center": con.execute("SELECT count(*) FROM center").fetchone()[0]}
    deleted = 0
    for kind in kinds.counted():
        live, gone = con.execute(f"SELECT count(*) - count(deleted_at), count(deleted_at) FROM {kind.key}").fetchone()
        out[kind.key] = live
        deleted += gone
    out["deleted"] = deleted
    return out


# -- the dashboard ----------------------------------------------------------------------------------------

def dashboard(con, year: int, today: date) -> dict:
    """The overview's figures of the own center: activities of ``year`` by quarter and category, their
    participants, the equipment ledger's state, this week's posted hours, the standard, the last export."""
    center = own_center(con)
    return {"by_qc": activities_by_quarter_category(con, center.id, year),
            "participants": participants_total(con, center.id, year),
            "equipment": equipment_summary(con, center.id),
            "week_hours": hours.weekly_hours(opening_data(con, center.id), hours.week_start(today)),
            "standard": center.weekly_standard_hours,
            "last_export": meta(con, "last_export_at")}


def _year(year: int) -> tuple[str, str]:
    return date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()


def activities_by_quarter_category(con, center_id: int, year: int) -> dict[tuple[int, str], int]:
    """{(quarter, category): count} of live activities that start in ``year``."""
    out: dict[tuple[int, str], int] = {}
    rows = con.execute("SELECT substr(start_date, 6, 2), category, count(*) FROM activity WHERE center_id = ? "
                       "AND deleted_at IS NULL AND start_date BETWEEN ? AND ? GROUP BY 1, 2",
                       (center_id, *_year(year)))
    for month, category, n in rows:
        key = ((int(month) - 1) // 3 + 1, category)
        out[key] = out.get(key, 0) + n
    return out


def participants_total(con, center_id: int, year: int) -> tuple[int, int]:
    """(sum of participants, activities without a participant count) for live activities in ``year``."""
    total, missing = con.execute(
        "SELECT coalesce(sum(participants), 0), count(*) - count(participants) FROM activity WHERE center_id = ? "
        "AND deleted_at IS NULL AND start_date BETWEEN ? AND ?", (center_id, *_year(year))).fetchone()
    return int(total or 0), int(missing or 0)


def equipment_summary(con, center_id: int) -> dict:
    """Live equipment counts by status, and by the highest acceptance stage passed in order."""
    live = "FROM equipment e WHERE e.center_id = ? AND e.deleted_at IS NULL"
    by_status = dict(con.execute(f"SELECT e.status, count(*) {live} GROUP BY e.status", (center_id,)).fetchall())
    ids = [row[0] for row in con.execute(f"SELECT e.id {live}", (center_id,))]
    stages: dict[int, dict[str, str | None]] = {}
    for item_id, stage, result in con.execute(
            "SELECT s.equipment_id, s.stage, s.result FROM acceptance_stage s JOIN equipment e "
            "ON e.id = s.equipment_id WHERE e.center_id = ? AND e.deleted_at IS NULL", (center_id,)):
        stages.setdefault(item_id, {})[stage] = result
    levels: dict[str | None, int] = {}
    # Each item once: all three stages 通过 ("passed"), any 不通过 ("failed"), else any 整改 ("rectify"),
    # else a stage still unrecorded ("pending"). An item with one stage in 整改 is never counted as accepted.
    acceptance = {"passed": 0, "rectify": 0, "failed": 0, "pending": 0}
    for item_id in ids:
        results = stages.get(item_id, {})
        level = rules.acceptance_level(results)
        levels[level] = levels.get(level, 0) + 1
        if "不通过" in results.values():
            acceptance["failed"] += 1
        elif "整改" in results.values():
            acceptance["rectify"] += 1
        elif level == "prefecture":
            acceptance["passed"] += 1
        else:
            acceptance["pending"] += 1
    return {"total": len(ids), "by_status": by_status, "by_level": levels, "acceptance": acceptance}


class Slot(NamedTuple):
    weekday: int
    start_time: time
    end_time: time
    effective_from: date
    effective_to: date | None


class Notice(NamedTuple):
    kind: str
    start_date: date
    end_date: date
    start_time: time | None
    end_time: time | None
    reason: str | None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _time(text: str | None) -> time | None:
    return time.fromisoformat(text) if text else None


def opening_data(con, center_id: int) -> hours.OpeningData:
    """The center's live schedule slots (of live facilities) and closures/extra openings, as ``hours.load``
    reads them through the ORM."""
    slots = [Slot(weekday, _time(a), _time(b), _date(since), _date(until)) for weekday, a, b, since, until in con.execute(
        "SELECT s.weekday, s.start_time, s.end_time, s.effective_from, s.effective_to FROM schedule_slot s "
        "JOIN facility f ON f.id = s.facility_id WHERE f.center_id = ? AND f.deleted_at IS NULL "
        "AND s.deleted_at IS NULL", (center_id,))]
    notices = [Notice(kind, _date(start), _date(end), _time(a), _time(b), reason)
               for kind, start, end, a, b, reason in con.execute(
                   "SELECT kind, start_date, end_date, start_time, end_time, reason FROM closure "
                   "WHERE center_id = ? AND deleted_at IS NULL", (center_id,))]
    return hours.OpeningData(slots, notices)
