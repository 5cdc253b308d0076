"""The indicator checklist: measured for a period as of its end, thresholds prorated, evidence by item number."""

from __future__ import annotations

from datetime import date

from storage import activities, centers, equipment, indicators, opening
from storage.settings import Settings

Q3 = (date(2017, 7, 1), date(2017, 9, 30))
Q4 = (date(2017, 10, 1), date(2017, 12, 31))


def _by_key(archive, period, profile=None):
    with archive.session() as s:
        return {r.key: r for r in indicators.measure(s, centers.own_center(s), *period, profile)}


def _fill(archive):
    with archive.session() as s:
        center = centers.own_center(s)
        room = centers.add_facility(s, "测试员", center, name="农家书屋")
        for wd in range(1, 7):  # 6 × 6 h = 36 h until the end of September, then 6 × 8 h = 48 h
            opening.add_slot(s, "测试员", room, weekday=wd, start_time="09:00", end_time="15:00",
                             effective_from=date(2017, 1, 1), effective_to=date(2017, 9, 30))
            opening.add_slot(s, "测试员", room, weekday=wd, start_time="09:00", end_time="17:00",
                             effective_from=date(2017, 10, 1))
        e = equipment.create_equipment(s, "测试员", center, name="投影仪", unit_price="6500",
                                       purchase_date=date(2017, 8, 1))
        equipment.set_acceptance(s, "测试员", e, "town", accepted_on=date(2017, 10, 13), result="通过")
        for day, cat, n in ((date(2017, 7, 5), "培训讲座", 30), (date(2017, 8, 5), "阅读服务", 20),
                            (date(2017, 10, 4), "民俗节庆", 380)):
            activities.create_activity(s, "测试员", center, start_date=day, title=f"{cat}活动", category=cat,
                                       participants=n)
        opening.add_closure(s, "测试员", center, start_date=date(2017, 8, 12), reason="检修",
                            notice_date=date(2017, 8, 6))  # 6 days ahead: late for 7, in time for Jiangxi's 5


def test_later_changes_show_only_in_the_later_period(archive):
    _fill(archive)
    q3, q4 = _by_key(archive, Q3), _by_key(archive, Q4)
    assert (q3["weekly_hours"].value, q3["weekly_hours"].met) == (36, False)  # the schedule then in effect
    assert (q4["weekly_hours"].value, q4["weekly_hours"].met) == (48, True)  # replaced on 1 October
    assert q3["equipment_accepted"].met is False and "SB-0001" in q3["equipment_accepted"].evidence
    assert q4["equipment_accepted"].met is True  # accepted on 13 October
    assert q3["closures_announced"].met is False and "不及时" in q3["closures_announced"].evidence
    assert _by_key(archive, Q3, "jiangxi")["closures_announced"].met is True


def test_presets_measure_counts_prorated_with_item_numbers(archive):
    _fill(archive)
    nan = _by_key(archive, Q3, "dongguan_nancheng")
    assert (nan["trainings"].value, nan["trainings"].need, nan["trainings"].met) == (1, 2, False)
    assert nan["trainings"].evidence == "TEST-2017-HD-0001（共 1 件）"
    assert "本期按比例 2 场" in nan["trainings"].threshold
    assert (nan["large_events"].value, _by_key(archive, Q4, "dongguan_nancheng")["large_events"].value) == (0, 1)
    year = _by_key(archive, (date(2017, 1, 1), date(2017, 12, 31)), "taojiang")
    assert (year["reading_events"].need, year["reading_events"].value) == (2, 1)
    assert year["open_days"].value == 0 and year["open_days"].met is False
    jx = _by_key(archive, Q3, "jiangxi")
    assert jx["bookhouse_titles"].met is None and jx["bookhouse_titles"].measured == "本档案不记录"
    assert _by_key(archive, Q3, "guangxi")["activities"].need == 6


def test_profile_choice_and_fallback(tmp_path):
    assert indicators.profile("").key == indicators.profile("no-such-region").key == "national"
    assert [k for k, _ in indicators.choices()][0] == "national"
    assert {"jiangxi", "taojiang", "dongguan_nancheng", "guangxi"} <= set(indicators.PROFILES)
    st = Settings(indicator_profile="taojiang")
    st.save(tmp_path / "s.json")
    assert Settings.load(tmp_path / "s.json").indicator_profile == "taojiang"


def test_every_village_of_a_station_measured(archive):
    _fill(archive)
    with archive.session() as s:
        own = centers.own_center(s)
        other = centers.create_center(s, "测试员", name="西村综合性文化服务中心", town="苍城镇", village="西村",
                                      code="WEST")
        by_center = indicators.measure_centers(s, *Q3, "guangxi")
    assert set(by_center) == {own.id, other.id}
    assert {r.key for r in by_center[other.id]} == {r.key for r in by_center[own.id]}
    assert next(r for r in by_center[other.id] if r.key == "activities").value == 0
