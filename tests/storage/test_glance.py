"""storage.glance: the figures `stats` prints and the dashboard shows first, read in plain sqlite3. Each is
checked against the same figure computed independently through the ORM; files it must not glance at are
left to the ordinary open; a `stats` of a whole file never imports SQLAlchemy."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage import centers, equipment, glance, hours, kinds, records, rules, stats
from storage.engine import open_archive
from storage.models import AcceptanceStage, Activity, Equipment

ROOT = Path(__file__).resolve().parents[2]


def _glanced(path):
    con = glance.connect(path)
    assert con is not None
    return con


def test_counts_agree_with_the_orm_with_deleted_records(demo_path):
    a = open_archive(demo_path, actor="测试员", daily_backup=False)
    with a.session() as s:
        center = centers.own_center(s)
        for item in s.scalars(select(Activity).where(Activity.center_id == center.id).limit(2)):
            records.delete(s, "测试员", item, "录入重复")
        records.delete(s, "测试员", s.scalars(select(Equipment).limit(1)).one(), "登记错误")
    with a.session() as s:
        orm = {"center": 1}
        deleted = 0
        for kind in kinds.counted():
            model = kind.model
            orm[kind.key] = s.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None)))
            deleted += s.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_not(None)))
        orm["deleted"] = deleted
        assert deleted >= 3  # the demo has deleted records of its own
        assert stats.counts(s, centers.own_center(s).id) == orm  # the ORM's one-center path
        assert stats.counts(s) == orm  # the whole file, through glance on the session's connection
    a.close()
    con = _glanced(demo_path)
    assert glance.counts(con) == orm
    con.close()


def test_dashboard_figures_agree_with_the_orm(demo_path):
    con = _glanced(demo_path)
    a = open_archive(demo_path, readonly=True)
    with a.session() as s:
        center = centers.own_center(s)
        years = sorted({d.year for d in s.scalars(select(Activity.start_date))})
        assert years
        for year in years:
            today = date(year, 6, 15)
            got = glance.dashboard(con, year, today)
            acts = [x for x in s.scalars(select(Activity).where(Activity.center_id == center.id))
                    if x.deleted_at is None and x.start_date.year == year]
            by_qc: dict = {}
            for x in acts:
                key = ((x.start_date.month - 1) // 3 + 1, x.category)
                by_qc[key] = by_qc.get(key, 0) + 1
            assert got["by_qc"] == by_qc
            assert got["participants"] == (sum(x.participants or 0 for x in acts),
                                           sum(1 for x in acts if x.participants is None))
            assert got["week_hours"] == hours.scheduled_week_hours(s, center, today)
            assert got["standard"] == center.weekly_standard_hours
        items = [e for e in s.scalars(select(Equipment).where(Equipment.center_id == center.id))
                 if e.deleted_at is None]
        levels: dict = {}
        for e in items:
            level = equipment.acceptance_level(equipment.stage_map(s, e))
            levels[level] = levels.get(level, 0) + 1
        summary = got["equipment"]
        assert summary["total"] == len(items) and summary["by_level"] == levels
        assert summary["by_status"] == {st: sum(1 for e in items if e.status == st) for st in {e.status for e in items}}
        assert sum(summary["acceptance"].values()) == len(items)
        rectify = sum(1 for e in items if any(st.result == "整改" for st in equipment.stage_map(s, e).values())
                      and not any(st.result == "不通过" for st in equipment.stage_map(s, e).values()))
        assert summary["acceptance"]["rectify"] == rectify
        assert got["last_export"] is None
    a.close()
    con.close()


def test_week_hours_from_plain_rows_equal_the_orm_loader_every_week(demo_path):
    con = _glanced(demo_path)
    a = open_archive(demo_path, readonly=True)
    with a.session() as s:
        center = centers.own_center(s)
        plain, orm = glance.opening_data(con, center.id), hours.load(s, center)
        first = min(slot.effective_from for slot in orm.slots)
        monday = hours.week_start(first)
        for _ in range(3 * 53):
            assert hours.weekly_hours(plain, monday) == hours.weekly_hours(orm, monday)
            monday += timedelta(days=7)
    a.close()
    con.close()


def test_acceptance_level_is_one_rule():
    assert rules.acceptance_level({"town": "通过", "city": "通过", "prefecture": "整改"}) == "city"
    assert rules.acceptance_level({"city": "通过"}) is None
    assert rules.acceptance_level({}) is None
    row = AcceptanceStage(stage="town", result="通过")
    assert equipment.acceptance_level({"town": row}) == "town"


def _listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def test_files_it_must_not_glance_at_are_left_to_the_ordinary_open(demo_path, tmp_path):
    assert glance.connect(tmp_path / "没有.db") is None
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 50)
    assert glance.connect(junk) is None
    older = tmp_path / "older.db"
    shutil.copy2(demo_path, older)
    with sqlite3.connect(older) as c:
        c.execute("UPDATE alembic_version SET version_num = '0007'")
    c.close()
    assert glance.connect(older) is None
    centerless = tmp_path / "centerless.db"
    shutil.copy2(demo_path, centerless)
    with sqlite3.connect(centerless) as c:
        c.execute("DELETE FROM archive_meta WHERE key = 'own_center_uuid'")
    c.close()
    assert glance.connect(centerless) is None
    before, digest = _listing(demo_path.parent), demo_path.read_bytes()
    con = _glanced(demo_path)
    glance.counts(con)
    con.close()
    # Nothing written: the file is as it was, and beside it at most the WAL reader's -wal/-shm (as for every
    # read-only open; SQLite needs them to read a WAL archive while the app may be writing it).
    assert demo_path.read_bytes() == digest
    assert set(_listing(demo_path.parent)) - set(before) <= {"demo.db-wal", "demo.db-shm"}


def _stats(path: Path, *extra: str) -> subprocess.CompletedProcess:
    code = ("import json, runpy, sys; sys.argv = ['main.py'] + sys.argv[1:]\n"
            "try:\n    runpy.run_path('main.py', run_name='__main__')\n"
            "finally:\n    print(json.dumps('sqlalchemy' in sys.modules), file=sys.stderr)")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code, "--archive", str(path), "stats", *extra], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_stats_of_a_whole_file_needs_no_sqlalchemy_and_agrees(demo_path):
    done = _stats(demo_path, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1]) is False  # the plain sqlite3 path
    a = open_archive(demo_path, readonly=True)
    with a.session() as s:
        assert json.loads(done.stdout) == stats.counts(s, centers.own_center(s).id)
    a.close()


@pytest.mark.parametrize("case", ["older", "missing"])
def test_stats_falls_back_to_the_ordinary_open_and_its_message(demo_path, tmp_path, case):
    path = tmp_path / "x.db"
    if case == "older":
        shutil.copy2(demo_path, path)
        with sqlite3.connect(path) as c:
            c.execute("UPDATE alembic_version SET version_num = '0007'")
        c.close()
    done = _stats(path)
    assert done.returncode != 0
    assert ("需要升级结构" if case == "older" else "找不到档案") in done.stderr
    assert "Traceback" not in done.stderr


def test_an_archive_held_by_a_writer_is_seen_as_held(demo_path, tmp_path):
    assert not glance.held_elsewhere(demo_path)
    code = ("import sys, time\nfrom storage.engine import open_archive\n"
            "a = open_archive(sys.argv[1], actor='x', daily_backup=False)\nprint('open', flush=True)\n"
            "sys.stdin.readline()\na.close()\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    writer = subprocess.Popen([sys.executable, "-c", code, str(demo_path)], cwd=ROOT, env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert writer.stdout.readline().strip() == "open"
        assert glance.held_elsewhere(demo_path)
        assert glance.early_dashboard(demo_path) is None  # nothing shown early for an archive in use
        assert glance.file_counts(demo_path) is not None  # `stats` still reads beside the open window
    finally:
        writer.communicate("\n", timeout=60)
    assert not glance.held_elsewhere(demo_path)
    today = date(2017, 6, 15)
    con = _glanced(demo_path)
    assert glance.early_dashboard(demo_path, today=today) == glance.dashboard(con, 2017, today)
    con.close()
    a = open_archive(demo_path, actor="测试员", daily_backup=False)  # the probe left the lock free for the open
    a.close()
