"""The station's plan and overview: centers that sent nothing, coverage against Q1 50 % / Q2 90 % / Q3 100 %."""

from __future__ import annotations

from datetime import date

import pytest

from storage.errors import ValidationError
from storage.exchange.importer import import_bags
from storage.exchange.overview import coverage, overview, register_center


def test_overview_lists_every_center_with_its_figures(station, village_bag):
    import_bags(station, [village_bag], backup=False)
    with station.session() as s:
        register_center(s, station.actor, code="XC", name="新村综合性文化服务中心", town="苍城镇", village="新村",
                        keeper="王五", plan_status="planned", target_quarter="2025Q3")
    ov = overview(station, 2025, today=date(2025, 12, 1))
    rows = {r.code: r for r in ov.rows}
    assert set(rows) == {"CD", "XC"}  # the station's own center is not in its list
    cd, xc = rows["CD"], rows["XC"]
    assert cd.activities_year == 11 and cd.equipment == 1 and cd.last_bag and cd.fingerprint
    assert cd.weekly_hours == 48 and cd.hours_ok and cd.findings > 0
    assert xc.last_bag is None and xc.activities_year == 0 and not xc.hours_ok and xc.plan_status_name == "规划中"
    assert ov.covered == 1
    q = {x["quarter"]: x for x in ov.as_dict()["quarters"]}
    assert q["2025Q1"]["target_pct"] == 50 and q["2025Q2"]["target_pct"] == 90 and q["2025Q3"]["target_pct"] == 100
    assert q["2025Q3"]["planned_pct"] == 100.0 and q["2025Q4"]["covered_pct"] == 50.0
    assert q["2025Q4"]["on_track"] is False


def test_register_validates_and_updates_plan(station):
    with station.session() as s:
        c, created = register_center(s, station.actor, code="XC", name="新村中心", town="苍城镇", village="新村",
                                     plan_status="planned", target_quarter="2026q1")
        assert created and c.target_quarter == "2026Q1"
        c, created = register_center(s, station.actor, code="XC", plan_status="built")
        assert not created and c.plan_status == "built" and c.target_quarter == "2026Q1"
    with pytest.raises(ValidationError):
        with station.session() as s:
            register_center(s, station.actor, code="YY", name="x", town="t", village="v", target_quarter="明年")
    with pytest.raises(ValidationError):
        with station.session() as s:
            register_center(s, station.actor, code="YY", name="x", town="t", village="v", plan_status="done")


def test_coverage_quarters():
    from storage.exchange.overview import CenterRow

    def row(status, quarter):
        return CenterRow("u", "c", "n", "t", "v", "", status, status, quarter, None, None, 0, 0, 0, 42, False, 0)

    rows = [row("built", "2017Q1"), row("accepted", "2017Q1"), row("building", "2017Q2"), row("planned", "2017Q3")]
    covered, quarters = coverage(rows, 2017, date(2017, 8, 1))
    assert covered == 2
    assert [q["planned_pct"] for q in quarters] == [50.0, 75.0, 100.0, 100.0]
    assert [q["covered_pct"] for q in quarters] == [50.0, 50.0, 50.0, None]
    assert [q["on_track"] for q in quarters] == [True, False, False, None]
