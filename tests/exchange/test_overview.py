"""The station's plan and overview: centers that sent nothing, status history, coverage per past quarter."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from storage import selfcheck
from storage.errors import ValidationError
from storage.exchange.importer import import_bags
from storage.exchange.overview import overview, register_center
from storage.models import Center, CenterFigures, PlanStatusChange
from storage.plan_status import history


def plan(station, code, status=None, on=None, quarter=None, today=date(2026, 1, 10)):
    with station.session() as s:
        register_center(s, station.actor, code=code, name=f"{code}村综合性文化服务中心", town="苍城镇", village=f"{code}村",
                        plan_status=status, status_on=on, target_quarter=quarter, today=today)


def test_overview_lists_every_center_and_a_sent_file_is_not_built(station, village_bag):
    import_bags(station, [village_bag], backup=False)
    plan(station, "XC", "planned", date(2025, 1, 5), "2025Q3")
    ov = overview(station, 2025, today=date(2026, 1, 10))
    rows = {r.code: r for r in ov.rows}
    assert set(rows) == {"CD", "XC"}  # the station's own center is not in its list
    cd, xc = rows["CD"], rows["XC"]
    assert cd.activities_year == 11 and cd.equipment == 1 and cd.last_bag and cd.fingerprint
    assert cd.weekly_hours == 48 and cd.hours_ok and cd.findings > 0
    # CD sent its archive file but the station never recorded it as built
    assert cd.plan_status is None and cd.plan_status_name == "未登记" and not cd.built
    assert xc.last_bag is None and xc.activities_year == 0 and not xc.hours_ok and xc.plan_status_name == "规划中"
    assert xc.findings is None  # no archive file covers the year
    assert xc.overdue and not cd.overdue  # XC was due by 2025Q3
    assert ov.covered == 0 == sum(r.built for r in ov.rows)
    plan(station, "CD", "built", date(2025, 6, 30))
    ov = overview(station, 2025, today=date(2026, 1, 10))
    assert ov.covered == 1 == sum(r.plan_status_name in ("已建成", "已验收") for r in ov.rows)


def test_figures_as_of_the_period_end(station, village_bag):
    import_bags(station, [village_bag], backup=False)
    cd = {r.code: r for r in overview(station, 2025, today=date(2025, 6, 30)).rows}["CD"]
    assert cd.activities_year == 5  # January to June, less the deleted April one; not July to December
    assert cd.equipment == 1  # bought 2025-03-01
    early = {r.code: r for r in overview(station, 2025, today=date(2025, 2, 1)).rows}["CD"]
    assert early.activities_year == 1 and early.equipment == 0


def test_coverage_per_past_quarter_from_the_status_history(station):
    today = date(2018, 1, 10)
    plan(station, "A", "building", date(2017, 1, 3), "2017Q1", today)
    plan(station, "A", "built", date(2017, 2, 10), today=today)
    plan(station, "B", "building", date(2017, 1, 3), "2017Q2", today)
    plan(station, "B", "built", date(2017, 8, 15), today=today)  # built in Q3, a quarter late
    plan(station, "C", "planned", date(2017, 1, 3), "2017Q3", today)
    plan(station, "D", "built", date(2017, 3, 1), "2017Q1", today)
    plan(station, "D", "accepted", date(2017, 11, 2), today=today)
    ov = overview(station, 2017, today=today)
    q = {x["quarter"][-2:]: x for x in ov.quarters}
    assert [q[k]["covered"] for k in ("Q1", "Q2", "Q3", "Q4")] == [2, 2, 3, 3]  # B not in Q2, in Q3
    assert [q[k]["planned"] for k in ("Q1", "Q2", "Q3", "Q4")] == [2, 3, 4, 4]
    assert q["Q1"]["as_of"] == "2017-03-31" and q["Q2"]["covered_pct"] == 50.0 and q["Q2"]["on_track"] is False
    assert q["Q1"]["on_track"] is True and q["Q3"]["covered_pct"] == 75.0
    rows = {r.code: r for r in ov.rows}
    assert ov.covered == 3 and ov.accepted == 1 and rows["D"].plan_status_name == "已验收"
    assert [r.code for r in ov.rows if r.overdue] == ["C"]
    # the same station seen in the middle of 2017: B was then overdue and C was not yet
    mid = overview(station, 2017, today=date(2017, 7, 20))
    assert [r.code for r in mid.rows if r.overdue] == ["B"] and mid.covered == 2
    assert {x["quarter"][-2:]: x["covered"] for x in mid.quarters} == {"Q1": 2, "Q2": 2, "Q3": 2, "Q4": None}


def test_setting_a_status_appends_and_validates(station):
    today = date(2026, 1, 10)
    plan(station, "XC", "planned", date(2025, 1, 5), "2026q1", today)
    plan(station, "XC", "planned", date(2025, 2, 5), today=today)  # unchanged: nothing appended
    plan(station, "XC", "built", date(2025, 12, 1), today=today)
    plan(station, "XC", "building", date(2025, 6, 1), today=today)  # recorded late, dated earlier
    with station.session() as s:
        c = s.scalar(select(Center).where(Center.code == "XC"))
        assert c.target_quarter == "2026Q1" and c.plan_status == "built"  # the latest by date
        assert [(e.status, e.changed_on) for e in history(s, c.id)] == [
            ("planned", date(2025, 1, 5)), ("building", date(2025, 6, 1)), ("built", date(2025, 12, 1))]
    for bad in ({"plan_status": "done"}, {"target_quarter": "明年"}):
        with pytest.raises(ValidationError), station.session() as s:
            register_center(s, station.actor, code="YY", name="x", town="t", village="v", **bad)
    with pytest.raises(ValidationError, match="晚于今天"), station.session() as s:
        register_center(s, station.actor, code="XC", plan_status="accepted", status_on=date(2026, 2, 1), today=today)


def test_self_check_figures_are_stored_at_import_and_recomputed_when_missing(station, village_bag):
    import_bags(station, [village_bag], backup=False)
    with station.session() as s:
        stored = s.execute(select(CenterFigures.year, CenterFigures.findings, CenterFigures.checked_to)).all()
        center = s.scalar(select(Center).where(Center.code == "CD"))
        year, findings, checked_to = next(r for r in stored if r.year == 2025)
        assert findings == len(selfcheck.center_findings(s, center, date(2025, 1, 1), checked_to))
    cd = {r.code: r for r in overview(station, 2025).rows}["CD"]
    assert cd.findings == findings
    with station.session() as s:  # an archive upgraded from before the stored figures
        s.execute(CenterFigures.__table__.delete())
    assert {r.code: r for r in overview(station, 2025).rows}["CD"].findings == findings
    assert {r.code: r for r in overview(station, 2030).rows}["CD"].findings is None


def test_fingerprint_follows_what_the_report_rests_on(station, village_bag):
    import_bags(station, [village_bag], backup=False)
    plan(station, "XC", "planned", date(2025, 1, 5), "2025Q3")
    first = overview(station, 2025, today=date(2026, 1, 10)).fingerprint
    assert len(first) == 64 and first == overview(station, 2025, today=date(2026, 1, 10)).fingerprint
    plan(station, "XC", "building", date(2026, 1, 2))  # after the year: the 2025 report is unchanged
    assert overview(station, 2025, today=date(2026, 1, 10)).fingerprint == first
    plan(station, "XC", "built", date(2025, 11, 2))
    assert overview(station, 2025, today=date(2026, 1, 10)).fingerprint != first
    with station.session() as s:
        assert s.scalar(select(func.count()).select_from(PlanStatusChange)) == 3
