"""The Gregorian dates of the traditional festivals, from the lunar calendar (lunar_python).

春节, 元宵, 端午, 七夕, 中秋 and 重阳 are lunar dates (正月初一 … 九月初九); 清明 is a solar term (about
4–5 April); 国庆 is fixed on 1 October. lunar_python (MIT, pure Python) computes the calendar
astronomically (寿星万年历 algorithms) instead of reading a table, so it covers every year an archive can
hold; it agreed with cnlunar for 1949–2100 where LunarCalendar, lunardate and zhdate each disagreed in
a year or two (1978 中秋, 2057 重阳, 2089 中秋, 2097 七夕), and it gives 清明 as the solar term itself.

``festival_day(name, year)`` is the festival's date in that Gregorian year; ``days_off(name, day, end)``
how far an activity held ``day``..``end`` lies outside the festival's window (0 = inside).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

LUNAR = {"春节": (1, 1), "元宵": (1, 15), "端午": (5, 5), "七夕": (7, 7), "中秋": (8, 15), "重阳": (9, 9)}
SOLAR = {"国庆": (10, 1)}
CHECKED = (*LUNAR, "清明", *SOLAR)
# How far from the day itself an activity may fall and still be "for" the festival: a few days either
# side; 春节 celebrations run from 小年 (about a week before) to 元宵 (14 days after), 国庆 is a week.
WINDOW = {"春节": (-8, 14), "国庆": (-3, 7)}
DEFAULT_WINDOW = (-3, 3)


@lru_cache(maxsize=4096)
def festival_day(name: str, year: int) -> date:
    if name in SOLAR:
        return date(year, *SOLAR[name])
    from lunar_python import Lunar, Solar

    if name == "清明":
        term = Solar.fromYmd(year, 6, 1).getLunar().getJieQiTable()["清明"]
        return date(term.getYear(), term.getMonth(), term.getDay())
    month, day = LUNAR[name]
    solar = Lunar.fromYmd(year, month, day).getSolar()
    # the lunar year starts in late January or February, so lunar year N's festival falls in Gregorian N
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def window(name: str, year: int) -> tuple[date, date]:
    day = festival_day(name, year)
    before, after = WINDOW.get(name, DEFAULT_WINDOW)
    return day + timedelta(days=before), day + timedelta(days=after)


def days_off(name: str, start: date, end: date | None = None) -> tuple[int, date]:
    """(days outside the nearest window, that year's festival day) for an activity held start..end."""
    end = end or start
    best = None
    for year in (start.year - 1, start.year, start.year + 1):
        lo, hi = window(name, year)
        off = 0 if end >= lo and start <= hi else min(abs((lo - end).days), abs((start - hi).days))
        if best is None or off < best[0]:
            best = (off, festival_day(name, year))
    return best
