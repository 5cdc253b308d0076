"""Field rules, without a database."""

from datetime import date, time, timedelta

import pytest

from storage import rules
from storage.errors import ValidationError


def code_of(fn, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as e:
        fn(*args, **kwargs)
    assert e.value.message  # always a message for the keeper
    return e.value.code


def test_dates_parse_and_refuse():
    assert rules.as_date("2017-02-01", "日期", "d") == date(2017, 2, 1)
    assert rules.as_date(date(2020, 1, 1), "日期", "d") == date(2020, 1, 1)
    assert code_of(rules.as_date, "2017-02-30", "日期", "d") == "bad_date"
    assert code_of(rules.as_date, "昨天", "日期", "d") == "bad_date"
    assert code_of(rules.as_date, "1900-01-01", "日期", "d") == "date_too_early"
    far = date.today() + timedelta(days=400)
    assert code_of(rules.as_date, far, "日期", "d") == "date_future"
    assert code_of(rules.as_date, "", "日期", "d") == "required"
    assert rules.as_date("", "日期", "d", required=False) is None


def test_times_inside_the_day():
    assert rules.as_time("08:30", "t", "t") == time(8, 30)
    assert rules.as_time("8：05", "t", "t") == time(8, 5)
    assert rules.as_time("24:00", "t", "t") == time(23, 59)
    assert code_of(rules.as_time, "25:00", "t", "t") == "bad_time"
    assert code_of(rules.as_time, "12:60", "t", "t") == "bad_time"
    assert code_of(rules.as_time, "noon", "t", "t") == "bad_time"
    assert code_of(rules.time_order, time(9), time(8), "a", "b", "f") == "end_before_start"
    assert code_of(rules.time_order, time(9), time(9), "a", "b", "f") == "end_before_start"


def test_counts_are_whole_nonnegative_and_plausible():
    assert rules.as_count("1,200", "人数", "p") == 1200
    assert rules.as_count(None, "人数", "p") is None
    assert code_of(rules.as_count, -1, "人数", "p") == "too_small"
    assert code_of(rules.as_count, 2.5, "人数", "p") == "bad_number"
    assert code_of(rules.as_count, "很多", "人数", "p") == "bad_number"
    assert code_of(rules.as_count, rules.MAX_PEOPLE + 1, "人数", "p") == "implausible"


def test_money_is_exact_fen():
    assert rules.as_money_fen("1280.50", "单价", "p") == 128050
    assert rules.as_money_fen("48,000", "单价", "p") == 4800000
    assert rules.as_money_fen(0.1, "单价", "p") == 10  # repr(0.1) == "0.1": no binary noise
    assert rules.as_money_fen("¥12元", "单价", "p") == 1200
    assert code_of(rules.as_money_fen, "-1", "单价", "p") == "too_small"
    assert code_of(rules.as_money_fen, "1.005", "单价", "p") == "bad_money"
    assert code_of(rules.as_money_fen, "abc", "单价", "p") == "bad_money"
    assert code_of(rules.as_money_fen, "NaN", "单价", "p") == "bad_money"


def test_choice_and_text():
    assert rules.choice("春节", rules.FESTIVALS, "节日", "f") == "春节"
    assert rules.choice("", rules.FESTIVALS, "节日", "f", required=False) is None
    assert code_of(rules.choice, "圣诞", rules.FESTIVALS, "节日", "f") == "bad_choice"
    assert rules.text("  城东  ", "名称", "n") == "城东"
    assert code_of(rules.text, "", "名称", "n", required=True) == "required"
    assert code_of(rules.text, "字" * 201, "名称", "n") == "too_long"


def test_quarters():
    assert rules.quarter_range(2017, 1) == (date(2017, 1, 1), date(2017, 3, 31))
    assert rules.quarter_range(2020, 4) == (date(2020, 10, 1), date(2020, 12, 31))
    assert code_of(rules.quarter_range, 2017, 5) == "bad_quarter"
    assert [rules.quarter_of(date(2017, m, 1)) for m in (1, 4, 7, 12)] == [1, 2, 3, 4]


def test_closure_notice_seven_days():
    start = date(2020, 8, 12)
    assert not rules.closure_posted_late(start, start - timedelta(days=7))
    assert rules.closure_posted_late(start, start - timedelta(days=6))
    assert rules.closure_posted_late(start, None)
