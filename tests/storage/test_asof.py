"""As of a period's end: a later change (stage, status, schedule, profile) never shows in an earlier period."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, text

from storage import asof, centers, equipment, opening, selfcheck
from storage.engine import make_engine, open_archive, upgrade
from storage.errors import ValidationError
from storage.models import Equipment, EquipmentStatusChange

Q3_END = date(2017, 9, 30)
Q4_END = date(2017, 12, 31)


@pytest.fixture
def item(archive):
    with archive.session() as s:
        center = centers.own_center(s)
        e = equipment.create_equipment(s, "测试员", center, name="投影仪", quantity=1, unit_price="6500",
                                       purchase_date=date(2017, 8, 1))
        equipment.set_acceptance(s, "测试员", e, "town", accepted_on=date(2017, 9, 20), result="通过")
        equipment.set_acceptance(s, "测试员", e, "city", accepted_on=date(2017, 10, 13), result="通过")
        equipment.change_status(s, "测试员", e, "维修", date(2017, 11, 2), "灯泡损坏")
        return e.uuid


def _line(archive, day):
    with archive.session() as s:
        lines = asof.ledger(s, centers.own_center(s), day)
        return [(ln.item.name, ln.status, ln.acceptance.level, sorted(ln.acceptance.held), ln.acceptance.later_notes())
                for ln in lines]


def test_stage_passed_after_the_period_is_not_held_but_worded_as_later(archive, item):
    assert _line(archive, Q3_END) == [("投影仪", "在用", "town", ["town"], ["期末后于 2017-10-13 通过市局检查"])]
    assert _line(archive, Q4_END) == [("投影仪", "维修", "city", ["city", "town"], [])]
    assert _line(archive, date(2017, 7, 31)) == []  # not bought yet


def test_acceptance_counts_as_of_each_end(archive, item):
    with archive.session() as s:
        center = centers.own_center(s)
        assert asof.acceptance_counts(asof.ledger(s, center, date(2017, 9, 1))) == {None: 1}
        assert asof.acceptance_counts(asof.ledger(s, center, Q3_END)) == {"town": 1}
        assert asof.acceptance_counts(asof.ledger(s, center, Q4_END)) == {"city": 1}


def test_status_from_the_dated_history(archive, item):
    with archive.session() as s:
        e = s.scalar(select(Equipment).where(Equipment.uuid == item))
        assert asof.statuses(s, [e.id], Q3_END) == {e.id: "在用"}
        assert asof.statuses(s, [e.id], date(2017, 11, 2)) == {e.id: "维修"}
        assert e.status == "维修"  # the current value is the newest entry
        with pytest.raises(ValidationError) as err:
            equipment.change_status(s, "测试员", e, "在用", date(2017, 10, 1))
        assert err.value.code == "before_last_change"


def test_selfcheck_of_a_period_counts_stages_as_of_its_end(archive, item):
    with archive.session() as s:
        center = centers.own_center(s)
        early = selfcheck.equipment_findings(s, center, date(2017, 9, 10))
        assert [f.code for f in early] == ["equipment_not_accepted"]
        assert "期末后于 2017-09-20 通过" in early[0].message
        assert selfcheck.equipment_findings(s, center, Q3_END) == []


def test_schedule_replaced_shows_the_one_in_effect(archive):
    with archive.session() as s:
        center = centers.own_center(s)
        hall = centers.add_facility(s, "测试员", center, name="文化活动室")
        old = opening.add_slot(s, "测试员", hall, weekday=1, start_time="09:00", end_time="12:00",
                               effective_from=date(2017, 1, 1), effective_to=date(2017, 9, 30))
        new = opening.add_slot(s, "测试员", hall, weekday=1, start_time="14:00", end_time="20:00",
                               effective_from=date(2017, 10, 1))
        assert [sl.id for sl in asof.schedule(s, center, Q3_END)[hall.id]] == [old.id]
        assert [sl.id for sl in asof.schedule(s, center, Q4_END)[hall.id]] == [new.id]
        assert asof.schedule(s, center, date(2016, 12, 31)) == {}
        assert {sl.id for sl in asof.slots(s, center, date(2017, 7, 1), Q4_END)[hall.id]} == {old.id, new.id}


def test_closures_of_a_period_stop_at_its_end(archive):
    with archive.session() as s:
        center = centers.own_center(s)
        opening.add_closure(s, "测试员", center, start_date=date(2017, 9, 30), reason="检修",
                            notice_date=date(2017, 9, 20))
        opening.add_closure(s, "测试员", center, start_date=date(2017, 10, 1), reason="假期",
                            notice_date=date(2017, 9, 20))
        assert [c.reason for c in asof.closures(s, center, date(2017, 7, 1), Q3_END)] == ["检修"]
        assert [c.reason for c in asof.closures(s, center, date(2017, 10, 1), Q4_END)] == ["假期"]


def test_profile_undoes_changes_recorded_after_the_day(archive):
    today = datetime.now(asof.LOCAL_TZ).date()  # the audit trail is cut at the center's midnight
    with archive.session() as s:
        center = centers.own_center(s)
        centers.update_center(s, "测试员", center, keeper="王小明", weekly_standard_hours=35)
    with archive.session() as s:
        center = centers.own_center(s)
        before = asof.profile(s, center, today - timedelta(days=1))
        now = asof.profile(s, center, today)
        assert (before.keeper, before.weekly_standard_hours) == ("李秀英", 42.0)
        assert set(before.changed_after) == {"keeper", "weekly_standard_hours"}
        assert (now.keeper, now.weekly_standard_hours, now.changed_after) == ("王小明", 35, ())
        assert before.id == center.id and before.name == center.name  # other columns read through


def test_profile_build_status_from_the_dated_history(archive):
    from storage import plan_status

    with archive.session() as s:
        center = centers.own_center(s)
        plan_status.set_plan_status(s, "测试员", center, "building", on=date(2017, 3, 1))
        plan_status.set_plan_status(s, "测试员", center, "built", on=date(2017, 10, 20))
        assert asof.profile(s, center, Q3_END).plan_status == "building"
        assert asof.profile(s, center, Q4_END).plan_status == "built"


def test_cutoff_is_the_end_of_the_local_day():
    assert asof.cutoff(Q3_END).isoformat() == "2017-09-30T16:00:00+00:00"


def test_migration_gives_every_item_a_dated_history_and_loses_nothing(tmp_path):
    """An archive at 0002 with an item without history and one whose history disagrees: after opening,
    each current status is the newest entry (dated as the migration says); nothing else changed."""
    path = tmp_path / "old.db"
    engine = make_engine(path)
    upgrade(engine, "0002")
    cols = ("id, uuid, center_id, item_number, year, seq, name, category, model_spec, quantity, unit_price_fen,"
            " funding_source, purchase_date, supplier, location, custodian, status, created_at, updated_at,"
            " created_by")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO center (id, uuid, code, name, town, village, address, keeper, phone, is_demonstration,"
            " weekly_standard_hours, plan_status, created_at, updated_at, created_by) VALUES (1, 'c-1', 'OLD',"
            " '旧中心', '苍城镇', '城东村', '', '李秀英', '', 0, 42, 'built', '2017-01-01 00:00:00',"
            " '2017-01-01 00:00:00', '李秀英')"))
        conn.execute(text("INSERT INTO archive_meta (key, value) VALUES ('own_center_uuid', 'c-1')"))
        conn.execute(text("INSERT INTO item_counter VALUES (1, 'SB', 2017, 2)"))
        for i, status, updated in ((1, "在用", "2017-03-01 02:00:00"), (2, "报废", "2019-05-06 20:30:00")):
            conn.execute(text(
                f"INSERT INTO equipment ({cols}) VALUES ({i}, 'e-{i}', 1, 'OLD-2017-SB-000{i}', 2017, {i}, '设备{i}',"
                f" '', '', 1, 100, '', '2017-03-01', '', '', '', '{status}', '2017-03-01 02:00:00',"
                f" '{updated}', '李秀英')"))
        conn.execute(text(
            "INSERT INTO equipment_status_change (uuid, equipment_id, status, changed_on, note, created_at,"
            " updated_at, created_by) VALUES ('h-2', 2, '在用', '2017-03-01', '购置入账', '2017-03-01 02:00:00',"
            " '2017-03-01 02:00:00', '李秀英')"))
    with engine.connect() as conn:
        tables = [n for (n,) in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))]
        before = {n: conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar() for n in tables}
    engine.dispose()
    archive = open_archive(path, daily_backup=False)
    try:
        with archive.engine.connect() as conn:
            after = {n: conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar() for n in tables}
        before["equipment_status_change"] += 2  # one entry for each item whose history did not explain it
        for bookkeeping in ("archive_meta", "alembic_version"):  # opening notes facts about the file itself
            before.pop(bookkeeping), after.pop(bookkeeping)
        assert after == before
        with archive.session() as s:
            rows = s.execute(select(EquipmentStatusChange.equipment_id, EquipmentStatusChange.status,
                                    EquipmentStatusChange.changed_on, EquipmentStatusChange.created_by)
                             .order_by(EquipmentStatusChange.equipment_id, EquipmentStatusChange.changed_on)).all()
            assert rows == [(1, "在用", date(2017, 3, 1), "数据迁移"), (2, "在用", date(2017, 3, 1), "李秀英"),
                            (2, "报废", date(2019, 5, 7), "数据迁移")]  # 20:30 UTC is the 7th at the center
            assert [(e.name, e.status) for e in s.scalars(select(Equipment).order_by(Equipment.id))] == [
                ("设备1", "在用"), ("设备2", "报废")]
            center = centers.own_center(s)
            assert asof.status_history_gaps(s, center) == []
            assert asof.statuses(s, [1, 2], date(2018, 12, 31)) == {1: "在用", 2: "在用"}
        report = selfcheck.run(archive)
        assert report.integrity_ok, report.as_dict()
    finally:
        archive.close()


def test_a_status_without_history_is_an_error_finding(archive, item):
    with archive.session() as s:
        e = s.scalar(select(Equipment).where(Equipment.uuid == item))
        e.status = "闲置"  # written around the rules, as an old version or a hand edit could
    report = selfcheck.run(archive, integrity=False)
    assert [f.code for f in report.findings if f.code == "status_history_gap"] == ["status_history_gap"]
    assert not report.integrity_ok


def test_selfcheck_weekly_standard_as_of_the_period(archive):
    """The standard lowered today does not excuse a 2017 week that was under the standard of 2017."""
    with archive.session() as s:
        center = centers.own_center(s)
        hall = centers.add_facility(s, "测试员", center, name="文化活动室")
        for wd in range(1, 7):
            opening.add_slot(s, "测试员", hall, weekday=wd, start_time="09:00", end_time="15:00",
                             effective_from=date(2017, 9, 1))
        centers.update_center(s, "测试员", center, weekly_standard_hours=35)
    with archive.session() as s:
        center = centers.own_center(s)
        q3 = selfcheck.schedule_findings(s, center, date(2017, 9, 4), Q3_END)
        assert [f.code for f in q3 if f.code == "hours_under_standard"] == ["hours_under_standard"] * 3
        assert "低于每周 42 小时的标准" in next(f.message for f in q3 if f.code == "hours_under_standard")
        now = selfcheck.schedule_findings(s, center, date(2017, 9, 4), None)
        assert not [f for f in now if f.code == "hours_under_standard"]
