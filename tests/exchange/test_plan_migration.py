"""A station archive made before the status history (revision 0003) is upgraded with nothing lost."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import text

from main import main
from storage.engine import make_engine, open_archive
from storage.exchange.importer import import_bags
from storage.exchange.overview import overview, register_center
from storage.migrator import alembic_config, current_revision, head_revision

OLD_TABLES = ("center", "facility", "item_counter", "activity", "equipment", "equipment_status_change",
              "acceptance_stage", "schedule_slot", "closure", "opening_log", "attachment", "blob", "audit_log",
              "bag_import")  # archive_meta gains bookkeeping keys on every open


def downgrade(conn) -> None:
    """To revision 0003 (before the status history); later revisions rebuild the center table on the way,
    which SQLite allows only with foreign keys off (the pragma cannot change inside a transaction)."""
    conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
    command.downgrade(alembic_config(conn), "0003")


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in OLD_TABLES}


def test_station_archive_from_before_the_history_is_upgraded(station, village_bag):
    import_bags(station, [village_bag], backup=False)
    with station.session() as s:
        register_center(s, station.actor, code="XC", name="新村综合性文化服务中心", town="苍城镇", village="新村",
                        target_quarter="2025Q2")
    path = station.path
    found = overview(station, 2025, today=date(2026, 1, 10))
    station.close()
    engine = make_engine(path)
    with engine.connect() as conn:  # back to the schema before this change, then as the old code left it
        downgrade(conn)
        conn.execute(text("UPDATE center SET plan_status = 'building', updated_at = '2025-05-31 17:30:00'"
                          " WHERE code = 'XC'"))  # 2025-06-01 01:30 in UTC+8
        conn.execute(text("UPDATE center SET plan_status = 'built', updated_at = '2025-03-02 02:00:00'"
                          " WHERE code = 'CD'"))
        conn.commit()
    before = counts(engine)
    assert current_revision(engine) == "0003"
    engine.dispose()

    archive = open_archive(path)
    try:
        assert current_revision(archive.engine) == head_revision()
        assert counts(archive.engine) == before
        with archive.engine.connect() as conn:
            entries = conn.execute(text(
                "SELECT c.code, p.status, p.changed_on, p.note FROM plan_status_change p"
                " JOIN center c ON c.id = p.center_id ORDER BY c.code")).all()
        assert [e[:3] for e in entries] == [("CD", "built", "2025-03-02"), ("XC", "building", "2025-06-01")]
        assert all("沿用原有状态" in e[3] for e in entries)
        ov = overview(archive, 2025, today=date(2026, 1, 10))
    finally:
        archive.close()
    rows = {r.code: r for r in ov.rows}
    assert rows["CD"].built and rows["CD"].status_since == "2025-03-02" and rows["XC"].plan_status == "building"
    assert rows["XC"].overdue and ov.covered == 1
    q = {x["quarter"][-2:]: x["covered"] for x in ov.quarters}
    assert q == {"Q1": 1, "Q2": 1, "Q3": 1, "Q4": 1}
    # the self-check figures, not stored before, are computed on the spot: the same as before the upgrade
    assert rows["CD"].findings == {r.code: r for r in found.rows}["CD"].findings
    assert main(["check", "--archive", str(path)]) == 0


def test_village_archive_gets_no_plan_entries(village):
    path = village.path
    village.close()
    engine = make_engine(path)
    with engine.connect() as conn:
        downgrade(conn)
        conn.commit()
    before = counts(engine)
    engine.dispose()
    archive = open_archive(path)
    try:
        assert counts(archive.engine) == before
        with archive.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM plan_status_change")).scalar() == 0
    finally:
        archive.close()
