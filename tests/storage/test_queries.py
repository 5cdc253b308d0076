"""The register queries: one conditions builder for every register, rows read by name, and the
"which records" filter behaving the same way in each register."""

from __future__ import annotations

from datetime import date

import pytest

from storage import centers, queries, records, rules
from storage.models import Activity, Closure, Equipment, OpeningLog


@pytest.fixture
def demo(demo_path):
    from storage.engine import open_archive

    a = open_archive(demo_path, actor="测试员", daily_backup=False)
    yield a
    a.close()


@pytest.mark.parametrize("name", sorted(queries.REGISTERS))
def test_each_register_filters_live_deleted_and_all_the_same_way(demo, name):
    register = queries.REGISTERS[name]
    with demo.session() as s:
        center_id = centers.own_center(s).id
        live = queries.rows(s, register, center_id)
        before = queries.count(s, register, center_id, deleted_only=True)
        assert live, name
        record = records.get(s, register.model, live[0].uuid)
        records.delete(s, demo.actor, record, "重复录入")
    with demo.session() as s:
        live = queries.rows(s, register, center_id)
        deleted = queries.rows(s, register, center_id, which=queries.DELETED)
        every = queries.rows(s, register, center_id, which=queries.ALL)
        assert record.uuid in {r.uuid for r in deleted} and record.uuid not in {r.uuid for r in live}
        assert next(r for r in deleted if r.uuid == record.uuid).delete_reason == "重复录入"
        assert len(every) == len(live) + len(deleted)
        assert queries.count(s, register, center_id, deleted_only=True) == before + 1 == len(deleted)
        assert queries.count(s, register, center_id, include_deleted=True) == len(every)
        # Rows carry their fields by name: the register's columns and the bookkeeping ones.
        row = every[0]
        for key in ("id", "uuid", "deleted_at", "delete_reason", *register.columns):
            assert key in row._mapping, key


def test_year_quarter_text_and_order(demo):
    with demo.session() as s:
        center_id = centers.own_center(s).id
        every = queries.rows(s, queries.ACTIVITY, center_id)
        year = every[0].start_date.year
        in_q1 = queries.rows(s, queries.ACTIVITY, center_id, year=year, quarter=1)
        start, end = rules.quarter_range(year, 1)
        assert all(start <= r.start_date <= end for r in in_q1)
        assert len(in_q1) == sum(1 for r in every if start <= r.start_date <= end)
        word = every[0].title[:2]
        found = queries.rows(s, queries.ACTIVITY, center_id, text=word)
        assert found and all(word in (r.title + r.location + r.organizer + r.item_number) for r in found)
        newest = queries.rows(s, queries.ACTIVITY, center_id, order="start_date", descending=True, limit=3)
        assert [r.start_date for r in newest] == sorted((r.start_date for r in every), reverse=True)[:3]
        assert queries.rows(s, queries.ACTIVITY, center_id, text="100%_不存在") == []


def test_equipment_rows_carry_each_acceptance_stage(demo):
    with demo.session() as s:
        center_id = centers.own_center(s).id
        rows = queries.equipment_table_rows(s, center_id)
        assert any(r.stage_town is not None for r in rows)
        for r in rows:
            assert rules.result_code(r.stage_town) in (None, "passed", "rectify", "failed")
            assert rules.status_code(r.status) in ("in_use", "repair", "idle", "scrapped")


def test_domain_rules_the_screens_ask_for():
    assert rules.export_overdue(None, date(2026, 1, 1))
    assert not rules.export_overdue(date(2025, 10, 1), date(2026, 1, 1))  # 92 days
    assert rules.export_overdue(date(2025, 9, 30), date(2026, 1, 1))

    class Slot:
        weekday, effective_from, effective_to = 0, date(2026, 1, 5), date(2026, 2, 2)

    assert rules.slot_in_effect(Slot, date(2026, 1, 5))  # a Monday
    assert not rules.slot_in_effect(Slot, date(2026, 1, 6))
    assert not rules.slot_in_effect(Slot, date(2026, 2, 9))


def test_register_models_match_the_stored_classes():
    assert {r.model for r in queries.REGISTERS.values()} == {Activity, Equipment, OpeningLog, Closure}
