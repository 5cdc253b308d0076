"""Field rules shared by every way in (GUI, CLI, spreadsheets, bags).

Each check raises ValidationError with a stable code and a Chinese message that says what to do.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from .errors import ValidationError

ACTIVITY_CATEGORIES = ("文化娱乐", "体育健身", "民俗节庆", "宣传教育", "党员教育", "科学普及", "培训讲座", "阅读服务",
                       "志愿服务", "其他")
FESTIVALS = ("春节", "元宵", "清明", "端午", "七夕", "中秋", "重阳", "国庆", "其他")
EQUIPMENT_STATUSES = ("在用", "维修", "闲置", "报废")
ACCEPTANCE_RESULTS = ("通过", "整改", "不通过")
# The three layers of acceptance, in the order they must happen.
ACCEPTANCE_STAGES = ("town", "city", "prefecture")
STAGE_NAMES = {"town": "镇街现场验收", "city": "市局检查", "prefecture": "上级检查组验收"}
PLAN_STATUSES = ("planned", "building", "built", "accepted")
ROLES = ("village", "station", "city")  # what an archive is: a village center, a town station, a city bureau
PLAN_STATUS_NAMES = {"planned": "规划中", "building": "建设中", "built": "已建成", "accepted": "已验收"}
CLOSURE_KINDS = ("closure", "extra")
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def acceptance_level(results) -> str | None:
    """The highest acceptance stage passed in order (town, city, prefecture), or None; ``results`` maps each
    recorded stage to its result."""
    level = None
    for stage in ACCEPTANCE_STAGES:
        if results.get(stage) != "通过":
            break
        level = stage
    return level


EARLIEST = date(1949, 10, 1)
# The years a period, a quarter or a bag may name: one range for every layer.
FIRST_YEAR, LAST_YEAR = 1949, 2200
FUTURE_DAYS = 366  # plans may be entered up to a year ahead, not more
MAX_PEOPLE = 100_000  # more than a village center could hold in a day or an event
MAX_QUANTITY = 100_000
MAX_PRICE_FEN = 100_000_000 * 100  # one hundred million yuan
NOTICE_DAYS = 7  # a closure for repairs is posted 7 days ahead (facilities regulations art. 18)
EXPORT_INTERVAL_DAYS = 92  # the archive goes to the town station every quarter: longer is overdue

# Stable codes for the stored Chinese values, so screens choose colours by meaning, not by literal.
STATUS_CODES = {"在用": "in_use", "维修": "repair", "闲置": "idle", "报废": "scrapped"}
RESULT_CODES = {"通过": "passed", "整改": "rectify", "不通过": "failed"}


def fail(code: str, message: str, field: str | None = None):
    raise ValidationError(code, message, field)


# C0, DEL and C1; the multiline form leaves tab and line feed out. A regex: a sheet's long summaries are
# checked cell by cell, and a per-character Python loop was most of an import's checking time.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_characters(value: str, multiline: bool = False) -> list[str]:
    """The control characters in ``value`` (C0, DEL, C1; tab and line breaks allowed when ``multiline``)."""
    return (_CONTROL_MULTILINE if multiline else _CONTROL).findall(value)


def strip_control(value: str, multiline: bool = False) -> str:
    """Old data on its way out (export), made to pass ``text``: control characters removed, a tab or line
    break in a one-line field turned into a space, nothing else changed."""
    value = value.replace("\r\n", "\n")
    bad = set(control_characters(value, multiline))
    if not bad:
        return value
    return "".join((" " if ch in "\t\n\r" else "") if ch in bad else ch for ch in value)


def _char_name(ch: str) -> str:
    return {"\t": "制表符", "\n": "换行", "\r": "回车"}.get(ch, f"U+{ord(ch):04X}")


def text(value, label: str, field: str, *, required: bool = False, max_len: int = 200,
         multiline: bool = False) -> str:
    """Trimmed text. Control characters are refused (they are invisible, break spreadsheets and printouts);
    a ``multiline`` field (summaries, notes) may hold tabs and line breaks (CR LF kept as LF)."""
    value = "" if value is None else str(value).strip()
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    bad = control_characters(value, multiline)
    if bad:
        names = "、".join(dict.fromkeys(_char_name(ch) for ch in bad))
        where = "" if multiline else "（这一项只能写一行）" if set(bad) <= set("\t\n\r") else ""
        fail("control_char", f"{label}含有不可见的控制字符（{names}）{where}，请删除后再填写。", field)
    if required and not value:
        fail("required", f"请填写{label}。", field)
    if len(value) > max_len:
        fail("too_long", f"{label}太长了（{len(value)} 字），最多 {max_len} 字。", field)
    return value


def as_date(value, label: str, field: str, *, required: bool = True, today: date | None = None) -> date | None:
    if value in (None, ""):
        if required:
            fail("required", f"请填写{label}。", field)
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            fail("bad_date", f"{label}“{value}”不是有效日期，请按 2017-02-01 的格式填写。", field)
    if not isinstance(value, date):
        fail("bad_date", f"{label}不是有效日期。", field)
    today = today or date.today()
    if value < EARLIEST:
        fail("date_too_early", f"{label} {value} 太早了，请检查年份。", field)
    if value > today + timedelta(days=FUTURE_DAYS):
        fail("date_future", f"{label} {value} 超出今天一年以上，请检查年份。", field)
    return value


def as_time(value, label: str, field: str, *, required: bool = True) -> time | None:
    if value in (None, ""):
        if required:
            fail("required", f"请填写{label}。", field)
        return None
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    try:
        hh, mm = str(value).strip().replace("：", ":").split(":")[:2]
        h, m = int(hh), int(mm)
    except ValueError:
        fail("bad_time", f"{label}“{value}”不是有效时间，请按 08:30 的格式填写。", field)
    if h == 24 and m == 0:
        return time(23, 59)  # "until midnight"
    if not (0 <= h <= 23 and 0 <= m <= 59):
        fail("bad_time", f"{label}“{value}”不在一天之内（00:00—24:00）。", field)
    return time(h, m)


def as_count(value, label: str, field: str, *, required: bool = False, minimum: int = 0,
             maximum: int = MAX_PEOPLE) -> int | None:
    if value in (None, ""):
        if required:
            fail("required", f"请填写{label}。", field)
        return None
    try:
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace("，", "")
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
        number = int(value)
    except (TypeError, ValueError):
        fail("bad_number", f"{label}“{value}”不是整数。", field)
    if number < minimum:
        fail("too_small", f"{label}不能小于 {minimum}。", field)
    if number > maximum:
        fail("implausible", f"{label} {number} 不合常理（最多 {maximum}），请检查。", field)
    return number


def as_money_fen(value, label: str, field: str) -> int:
    """Yuan as text, int or Decimal → exact integer fen. Floats are refused upstream by design."""
    if value in (None, ""):
        return 0
    try:
        if isinstance(value, float):
            value = repr(value)
        amount = Decimal(str(value).strip().replace(",", "").replace("，", "").replace("¥", "").replace("元", ""))
    except InvalidOperation:
        fail("bad_money", f"{label}“{value}”不是金额，请填写数字，例如 1280.50。", field)
    if not amount.is_finite():
        fail("bad_money", f"{label}“{value}”不是金额。", field)
    if amount < 0:
        fail("too_small", f"{label}不能为负数。", field)
    fen = amount * 100
    if fen != fen.to_integral_value():
        fail("bad_money", f"{label}最多精确到分（两位小数）。", field)
    if fen > MAX_PRICE_FEN:
        fail("implausible", f"{label} {amount} 元不合常理，请检查。", field)
    return int(fen)


def choice(value, allowed, label: str, field: str, *, required: bool = True) -> str | None:
    value = "" if value is None else str(value).strip()
    if not value:
        if required:
            fail("required", f"请选择{label}。", field)
        return None
    if value not in allowed:
        fail("bad_choice", f"{label}“{value}”不在可选范围内：{'、'.join(allowed)}。", field)
    return value


def date_order(start: date, end: date | None, start_label: str, end_label: str, field: str) -> None:
    if end is not None and end < start:
        fail("end_before_start", f"{end_label}（{end}）不能早于{start_label}（{start}）。", field)


def time_order(start: time | None, end: time | None, start_label: str, end_label: str, field: str) -> None:
    if start is not None and end is not None and end <= start:
        fail("end_before_start", f"{end_label}（{end:%H:%M}）必须晚于{start_label}（{start:%H:%M}）。", field)


def closure_posted_late(start: date, notice: date | None) -> bool:
    """A closure announced under 7 days before it starts (or never announced) is flagged."""
    return notice is None or (start - notice).days < NOTICE_DAYS


def status_code(status: str | None) -> str | None:
    """``in_use``/``repair``/``idle``/``scrapped`` for an equipment status (None when unknown)."""
    return STATUS_CODES.get(status)


def result_code(result: str | None) -> str | None:
    """``passed``/``rectify``/``failed`` for an acceptance result; None when not recorded."""
    return RESULT_CODES.get(result)


def export_overdue(last_export: date | None, today: date) -> bool:
    """No export yet, or the last one more than a quarter ago."""
    return last_export is None or (today - last_export).days > EXPORT_INTERVAL_DAYS


def slot_in_effect(slot, day: date) -> bool:
    """A schedule slot (anything with weekday, effective_from, effective_to) applies on ``day``."""
    return (slot.weekday == day.weekday() and slot.effective_from <= day
            and (slot.effective_to is None or day <= slot.effective_to))


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_range(year: int, quarter: int) -> tuple[date, date]:
    if quarter not in (1, 2, 3, 4):
        fail("bad_quarter", f"季度只能是 1—4，不是 {quarter}。", "quarter")
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
    return start, end
