"""The archive core on PostgreSQL: the migrations, the writers, the queries and the self-check run unchanged.

Stations will run on a server; this keeps `storage/` honest about portable SQL. A throw-away cluster is
started in a temp folder on a local port (Debian's postgresql package; see .ci/install).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from storage import activities, attachments, centers, equipment, opening, queries, records, selfcheck, stats
from storage.engine import Archive
from storage.migrator import current_revision, head_revision, upgrade
from storage.models import Activity

pytestmark = pytest.mark.postgres


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name)]
    assert found[-1], f"{name} not found: install PostgreSQL (Debian: apt-get install postgresql)"
    return found[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def pg_url():
    folder = Path(tempfile.mkdtemp(prefix="va-pg-"))  # not under pytest's root-only temp dir: postgres must reach it
    data = folder / "data"
    as_user = []
    if os.geteuid() == 0:  # initdb refuses root: run the cluster as the postgres user
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run([*as_user, _bin("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C.UTF-8"], check=True, capture_output=True)
    subprocess.run([*as_user, _bin("pg_ctl"), "-D", str(data), "-o", f"-p {port} -k {folder} -h 127.0.0.1",
                    "-l", str(folder / "log"), "-w", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, _bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_archive(pg_url, tmp_path):
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    archive = Archive(Path("postgres"), engine, None, "测试员", tmp_path)
    yield archive
    engine.dispose()


def test_attachment_owners_carry_over_on_postgres(pg_url):
    """The owner_kind migration on a filled PostgreSQL database made at the revision before it."""
    from tests.storage.test_attachment_owner_migration import EXPECTED, fill_old

    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        fill_old(engine)
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT uuid, owner_kind, owner_id, filename, caption, deleted_at IS NOT NULL"
                                     " FROM attachment")).all()
            kinds = conn.execute(text("SELECT kind FROM sheet_import ORDER BY kind")).scalars().all()
        assert {r[0]: tuple(r[1:]) for r in rows} == EXPECTED
        assert kinds == ["activity", "equipment", "opening_log"]
    finally:
        engine.dispose()


def test_migrations_reach_the_head(pg_archive):
    assert current_revision(pg_archive.engine) == head_revision()


def test_core_runs_unchanged_on_postgres(pg_archive):
    a = pg_archive
    with a.session() as s:
        center = centers.create_center(s, a.actor, own=True, name="城东村综合性文化服务中心", town="苍城镇",
                                       village="城东村", code="PG")
        centers.set_role(s, "village")
        hall = centers.add_facility(s, a.actor, center, name="文化活动室", area_m2=120)
        opening.add_slot(s, a.actor, hall, weekday=1, start_time="09:00", end_time="12:00", effective_from="2020-06-01")
        with pytest.raises(Exception) as e:
            opening.add_slot(s, a.actor, hall, weekday=1, start_time="11:00", end_time="13:00",
                             effective_from="2020-06-01")
        assert getattr(e.value, "code", None) == "slot_overlap"
        opening.add_closure(s, a.actor, center, start_date="2020-06-09", end_date="2020-06-09", reason="检修",
                            notice_date="2020-06-05")
        opening.log_opening(s, a.actor, center, log_date="2020-06-02", opened_at="09:00", closed_at="12:00",
                            visitors=30)
        dance = activities.create_activity(s, a.actor, center, start_date="2020-01-25", title="春节舞龙_100%",
                                           category="民俗节庆", festival="春节", participants=600)
        activities.create_activity(s, a.actor, center, start_date="2020-03-01", title="读书会", category="阅读服务")
        attachments.add_attachment(s, a.actor, dance, b"\x89PNG fake \x00\xff", "合影.png", caption="合影")
        item = equipment.create_equipment(s, a.actor, center, name="LED 显示屏", quantity=2, unit_price="48000.10",
                                          purchase_date="2020-05-03")
        equipment.set_acceptance(s, a.actor, item, "town", accepted_on="2020-05-20", result="通过")
        equipment.change_status(s, a.actor, item, "维修", date(2021, 1, 5))
    with a.session() as s:
        doomed = records.get(s, Activity, s.query(Activity).filter_by(title="读书会").one().uuid)
        records.delete(s, a.actor, doomed, "重复录入")
        records.restore(s, a.actor, doomed)
        records.delete(s, a.actor, doomed, "重复录入")
    with a.session() as s:
        center = centers.own_center(s)
        found = queries.activity_rows(s, center.id, text="_100%")  # LIKE wildcards are escaped on PG too
        assert [r.title for r in found] == ["春节舞龙_100%"] and found[0].photos == 1
        assert [r.item_number for r in queries.activity_rows(s, center.id, include_deleted=True)] == [
            "PG-2020-HD-0001", "PG-2020-HD-0002"]
        assert queries.activity_count(s, center.id, year=2020) == 1
        counts = stats.counts(s)
        assert (counts["activity"], counts["equipment"], counts["deleted"]) == (1, 1, 1)
        assert str(s.query(equipment.Equipment).one().total_price) == "96000.2"
    report = selfcheck.run(a, start=date(2020, 6, 1), end=date(2020, 6, 14))
    codes = {f.code for f in report.findings}
    assert report.integrity_ok and "closure_late" in codes and "week_without_log" in codes
