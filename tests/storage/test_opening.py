"""Opening hours: schedule slots, overlaps, closures, the log and weekly hours."""

from datetime import date, time

import pytest

from storage import centers, hours, opening, selfcheck
from storage.errors import ValidationError

MONDAY = date(2020, 6, 1)  # a Monday


@pytest.fixture
def hall(archive):
    with archive.session() as s:
        return centers.add_facility(s, archive.actor, centers.own_center(s), name="文化活动室", area_m2="120")


def slot(archive, facility, **kw):
    fields = dict(weekday=1, start_time="09:00", end_time="12:00", effective_from="2020-01-01")
    fields.update(kw)
    with archive.session() as s:
        return opening.add_slot(s, archive.actor, s.merge(facility), **fields)


def test_overlapping_slots_are_refused(archive, hall):
    slot(archive, hall)
    with pytest.raises(ValidationError) as e:
        slot(archive, hall, start_time="11:00", end_time="13:00")
    assert e.value.code == "slot_overlap" and "文化活动室" in e.value.message
    slot(archive, hall, start_time="12:00", end_time="13:00")  # touching is fine
    slot(archive, hall, weekday=2, start_time="11:00", end_time="13:00")  # another day is fine
    # the same hours in a later period (the old schedule ended) are fine
    with archive.session() as s:
        first = s.merge(hall)
        other = opening.add_slot(s, archive.actor, first, weekday=3, start_time="09:00", end_time="12:00",
                                 effective_from="2020-01-01", effective_to="2020-05-31")
        opening.add_slot(s, archive.actor, first, weekday=3, start_time="09:00", end_time="12:00",
                         effective_from="2020-06-01")
        with pytest.raises(ValidationError):
            opening.update_slot(s, archive.actor, other, effective_to="2020-06-30")


@pytest.mark.parametrize("bad, code", [
    (dict(weekday=7), "implausible"), (dict(end_time="08:00"), "end_before_start"),
    (dict(start_time="9点"), "bad_time"), (dict(effective_to="2019-01-01"), "end_before_start"),
])
def test_bad_slots(archive, hall, bad, code):
    with pytest.raises(ValidationError) as e:
        slot(archive, hall, **bad)
    assert e.value.code == code


def test_weekly_hours_merge_facilities_and_take_off_closures(archive, hall):
    with archive.session() as s:
        center = centers.own_center(s)
        library = centers.add_facility(s, archive.actor, center, name="农家书屋")
        for wd in range(1, 7):
            opening.add_slot(s, archive.actor, s.merge(hall), weekday=wd, start_time="14:30", end_time="17:30",
                             effective_from="2020-01-01")
            opening.add_slot(s, archive.actor, library, weekday=wd, start_time="09:00", end_time="12:00",
                             effective_from="2020-01-01")
            # the library is open at the same time as the hall: counted once
            opening.add_slot(s, archive.actor, library, weekday=wd, start_time="15:00", end_time="18:00",
                             effective_from="2020-01-01")
        data = hours.load(s, center)
        assert hours.weekly_hours(data, MONDAY) == 6 * (3 + 3.5)
        opening.add_closure(s, archive.actor, center, start_date="2020-06-02", end_date="2020-06-03",
                            reason="线路检修", notice_date="2020-05-20")
        opening.add_closure(s, archive.actor, center, kind="extra", start_date="2020-06-01", start_time="08:00",
                            end_time="10:00", reason="端午加开")
        data = hours.load(s, center)
        assert hours.weekly_hours(data, MONDAY) == 4 * 6.5 + 2
        assert hours.hours_by_week(data, date(2020, 6, 1), date(2020, 6, 14)) == [
            (date(2020, 6, 1), 28.0), (date(2020, 6, 8), 39.0)]


def test_closure_rules(archive):
    with archive.session() as s:
        center = centers.own_center(s)
        with pytest.raises(ValidationError) as e:
            opening.add_closure(s, archive.actor, center, start_date="2020-06-02", end_date="2020-06-01", reason="x")
        assert e.value.code == "end_before_start"
        with pytest.raises(ValidationError) as e:
            opening.add_closure(s, archive.actor, center, start_date="2020-06-02", reason="")
        assert e.value.code == "required"
        with pytest.raises(ValidationError) as e:
            opening.add_closure(s, archive.actor, center, kind="extra", start_date="2020-06-02", reason="加开")
        assert e.value.code == "required"  # an extra opening needs its hours
        opening.add_closure(s, archive.actor, center, start_date="2020-06-10", reason="检修", notice_date="2020-06-05")
    late = [f for f in selfcheck.run(archive).findings if f.code == "closure_late"]
    assert len(late) == 1 and "2020-06-05" in late[0].message


def test_opening_log(archive):
    with archive.session() as s:
        center = centers.own_center(s)
        entry = opening.log_opening(s, archive.actor, center, log_date="2020-06-02", opened_at="09:00",
                                    closed_at="17:30", visitors="35", on_duty="李秀英")
        assert entry.visitors == 35 and entry.closed_at == time(17, 30)
        with pytest.raises(ValidationError) as e:
            opening.log_opening(s, archive.actor, center, log_date="2020-06-02", opened_at="09:00", closed_at="10:00")
        assert e.value.code == "log_exists"
        with pytest.raises(ValidationError) as e:
            opening.log_opening(s, archive.actor, center, log_date="2099-01-01", opened_at="09:00", closed_at="10:00")
        assert e.value.code == "date_future"
        with pytest.raises(ValidationError) as e:
            opening.log_opening(s, archive.actor, center, log_date="2020-06-03", opened_at="18:00", closed_at="09:00")
        assert e.value.code == "end_before_start"
        with pytest.raises(ValidationError) as e:
            opening.log_opening(s, archive.actor, center, log_date="2020-06-03", opened_at="09:00",
                                closed_at="10:00", visitors=-1)
        assert e.value.code == "too_small"


def test_self_check_sees_missing_log_weeks_and_short_schedules(archive, hall):
    with archive.session() as s:
        center = centers.own_center(s)
        opening.add_slot(s, archive.actor, s.merge(hall), weekday=1, start_time="09:00", end_time="12:00",
                         effective_from="2020-06-01")
        opening.log_opening(s, archive.actor, center, log_date="2020-06-02", opened_at="09:00", closed_at="12:00")
    found = selfcheck.run(archive, start=date(2020, 6, 1), end=date(2020, 6, 14)).findings
    codes = [(f.code, f.message[:10]) for f in found if f.code in ("week_without_log", "hours_under_standard")]
    assert ("week_without_log", "2020-06-08") in codes
    assert ("hours_under_standard", "2020-06-01") in codes
    assert ("week_without_log", "2020-06-01") not in codes
