"""Opening records against the schedule, festival tags against the lunar calendar: planted and found."""

from __future__ import annotations

from datetime import date, time

import pytest

from storage import activities, centers, consistency, datagen, festivals, hours, opening, selfcheck
from storage.engine import open_archive


@pytest.fixture
def scheduled(archive):
    """Tuesday to Sunday 09:00–12:00 and 14:30–17:30; a posted closure 2017-08-12..13."""
    with archive.session() as s:
        center = centers.own_center(s)
        room = centers.add_facility(s, "测试员", center, name="农家书屋")
        for wd in range(1, 7):
            for a, b in (("09:00", "12:00"), ("14:30", "17:30")):
                opening.add_slot(s, "测试员", room, weekday=wd, start_time=a, end_time=b,
                                 effective_from=date(2017, 1, 1))
        opening.add_closure(s, "测试员", center, start_date=date(2017, 8, 12), end_date=date(2017, 8, 13),
                            reason="线路检修", notice_date=date(2017, 8, 1))
        opening.add_closure(s, "测试员", center, kind="extra", start_date=date(2017, 8, 14),
                            start_time="19:00", end_time="21:00", reason="电影放映加开")
    return archive


def _log(archive, day, opened="09:00", closed="17:30", visitors=10):
    with archive.session() as s:
        opening.log_opening(s, "测试员", centers.own_center(s), log_date=day, opened_at=opened, closed_at=closed,
                            visitors=visitors)


def _codes(archive, start=None, end=None):
    with archive.session() as s:
        return [(f.code, f.message) for f in consistency.opening_log_findings(s, centers.own_center(s), start, end)]


def test_a_clean_log_gives_no_finding(scheduled):
    _log(scheduled, date(2017, 8, 8), "08:50", "17:40")  # a few minutes early and late is fine
    _log(scheduled, date(2017, 8, 14), "19:00", "21:00")  # a Monday, but an extra opening was posted
    assert _codes(scheduled) == []


def test_planted_contradictions_are_each_found(scheduled):
    _log(scheduled, date(2017, 8, 12), visitors=25)  # during the posted closure, with visitors
    _log(scheduled, date(2017, 8, 13), visitors=0)  # during the closure, nobody came
    _log(scheduled, date(2017, 8, 7))  # a Monday: the schedule marks it closed
    _log(scheduled, date(2017, 8, 9), "07:30", "21:30")  # outside the posted hours
    found = _codes(scheduled)
    assert [c for c, _ in found] == ["log_on_rest_day", "log_outside_hours", "visitors_during_closure",
                                     "log_on_closure_day"]  # by date: 7th, 9th, 12th, 13th
    messages = dict(found)
    assert "25 人接待" in messages["visitors_during_closure"]
    assert "09:00—17:30" in messages["log_outside_hours"]
    # a period that ends before the planted days has none of them; the self-check run carries them
    assert _codes(scheduled, date(2017, 7, 1), date(2017, 8, 6)) == []
    report = selfcheck.run(scheduled, start=date(2017, 7, 1), end=date(2017, 9, 30), integrity=False)
    assert {"visitors_during_closure", "log_on_rest_day"} <= {f.code for f in report.findings}


def test_hours_within_posted_hours_are_counted_apart_from_the_door_open_span(scheduled):
    with scheduled.session() as s:
        data = hours.load(s, centers.own_center(s))
        posted = data.posted_intervals(date(2017, 8, 9))
        assert posted == [(540, 720), (870, 1050)]
        assert hours.overlap_minutes(posted, time(9), time(17, 30)) == 360  # the lunch break is not counted
        assert data.posted_intervals(date(2017, 8, 12)) == []  # closed by notice
        assert data.posted_intervals(date(2017, 8, 14)) == [(1140, 1260)]  # Monday with an extra opening


@pytest.mark.parametrize("name,year,expected", [
    ("春节", 2017, date(2017, 1, 28)), ("元宵", 2017, date(2017, 2, 11)), ("清明", 2017, date(2017, 4, 4)),
    ("清明", 2018, date(2018, 4, 5)), ("端午", 2017, date(2017, 5, 30)), ("七夕", 2017, date(2017, 8, 28)),
    ("中秋", 2017, date(2017, 10, 4)), ("重阳", 2017, date(2017, 10, 28)), ("中秋", 1978, date(1978, 9, 17)),
    ("春节", 2100, date(2100, 2, 9)), ("中秋", 2024, date(2024, 9, 17)), ("春节", 1949, date(1949, 1, 29)),
])
def test_festival_days_from_the_lunar_calendar(name, year, expected):
    assert festivals.festival_day(name, year) == expected


def test_festival_tag_far_from_the_festival_is_found(archive):
    with archive.session() as s:
        center = centers.own_center(s)
        for day, fest in ((date(2017, 9, 20), "中秋"), (date(2017, 10, 5), "中秋"), (date(2017, 2, 5), "春节"),
                          (date(2017, 6, 10), "端午"), (date(2017, 4, 5), "清明"), (date(2017, 3, 8), "其他")):
            activities.create_activity(s, "测试员", center, start_date=day, title=f"{fest}活动", category="民俗节庆",
                                       festival=fest)
        found = consistency.festival_findings(s, center)
    assert [(f.item_number[-4:], f.code) for f in found] == [("0001", "festival_date_off"),
                                                             ("0004", "festival_date_off")]
    assert "2017年中秋是 2017-10-04" in found[0].message


def test_demo_has_no_contradiction_and_festivals_on_their_days(demo_path):
    a = open_archive(demo_path, readonly=True)
    try:
        codes = {f.code for f in selfcheck.run(a, integrity=False).findings}
    finally:
        a.close()
    assert not codes & {"visitors_during_closure", "log_on_closure_day", "log_on_rest_day", "log_outside_hours",
                        "festival_date_off"}


def test_generated_data_has_no_contradiction(tmp_path):
    a = open_archive(tmp_path / "gen.db", create=True, actor="测试员")
    try:
        with a.session() as s:
            centers.create_center(s, a.actor, own=True, name="中心", town="苍城镇", village="城东村", code="GEN")
        datagen.fill(a, datagen.Spec(years=1, activities=20, equipment=3, log_days=330, photos=0), seed=3,
                     today=date(2024, 6, 1))
        codes = {f.code for f in selfcheck.run(a, integrity=False).findings}
    finally:
        a.close()
    assert not codes & {"visitors_during_closure", "log_on_closure_day", "log_on_rest_day", "log_outside_hours",
                        "festival_date_off"}
