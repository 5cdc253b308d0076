"""Cell values as keepers type them → Python values for the clean_* functions.

Each function returns a value that the storage rules accept, or raises ValidationError with a
Chinese message. Range checks (too early, in the future, too many people) stay with ``storage.rules``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from .. import rules

DATE_FORMS = "2017-02-01、2017/2/1、2017.2.1 或 2017年2月1日"
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
    r"(?:\s*[T ]\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?(?:[:：]\d{2}(?:\.\d+)?)?$")
EXCEL_EPOCH = datetime(1899, 12, 30)
MAX_SERIAL = 2958465  # 9999-12-31
_UNITS = "人名个台件套次天"


def fold(value) -> str:
    """Full-width digits and punctuation to half-width; trimmed."""
    return unicodedata.normalize("NFKC", str(value)).strip()


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value) -> str:
    """How a cell shows in a report: dates as 2017-02-01, whole floats without .0."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time(0) else value.strftime("%Y-%m-%d")
    if isinstance(value, (date, time)):
        return value.isoformat()[:10] if isinstance(value, date) else value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _excel_serial(value: float, label: str, field: str, epoch: datetime = EXCEL_EPOCH) -> date:
    if not 1 <= value <= MAX_SERIAL:  # also refuses NaN and infinities
        rules.fail("bad_date", f"{label}“{value}”不是有效日期，请填写 {DATE_FORMS}。", field)
    return (epoch + timedelta(days=int(value))).date()  # a date-time serial: the day part


def parse_date(value, label: str, field: str, *, epoch: datetime = EXCEL_EPOCH) -> date | None:
    """Excel date cells, Excel serial numbers and the written forms keepers use."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        rules.fail("bad_date", f"{label}不是日期，请填写 {DATE_FORMS}。", field)
    if isinstance(value, (int, float)):
        return _excel_serial(value, label, field, epoch)
    text = fold(value)
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):  # an Excel date cell saved to CSV as its serial number
        return _excel_serial(float(text), label, field, epoch)
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            rules.fail("bad_date", f"{label}“{value}”不是有效日期（没有这一天），请检查月和日。", field)
    rules.fail("bad_date", f"{label}“{value}”不是有效日期，请填写 {DATE_FORMS}。", field)
    return None  # unreachable


def parse_time(value, label: str, field: str) -> time | str | None:
    """Excel time cells (or day fractions), 8:30, 08:30, 8：30, 8时30分, 24:00 (→ left to rules.as_time)."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, bool):
        rules.fail("bad_time", f"{label}不是时间，请按 08:30 的格式填写。", field)
    if isinstance(value, (int, float)) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        if minutes >= 24 * 60:
            return "24:00"
        return time(minutes // 60, minutes % 60)
    text = fold(value)
    match = _TIME.match(text)
    if not match:
        rules.fail("bad_time", f"{label}“{value}”不是有效时间，请按 08:30 的格式填写。", field)
    return f"{int(match[1])}:{int(match[2] or 0):02d}"


def parse_count(value, label: str, field: str) -> int | str | None:
    """1200, 1,200, 1，200, 1200.0 (an Excel number), 35人."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        rules.fail("bad_number", f"{label}不是整数。", field)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            rules.fail("bad_number", f"{label}“{cell_text(value)}”不是整数。", field)
        return int(value)
    text = fold(value).replace(",", "").replace(" ", "").rstrip(_UNITS)
    if not re.fullmatch(r"[+-]?\d+(?:\.0+)?", text):
        rules.fail("bad_number", f"{label}“{value}”不是整数，请只填数字，例如 1200 或 1,200。", field)
    return int(Decimal(text))


def parse_money(value, label: str, field: str):
    """Yuan → text for rules.as_money_fen. An Excel float is taken at the cents it shows (1408.55, not
    1408.5500000000002); a float with more than cents is left for the rules to refuse."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        rules.fail("bad_money", f"{label}不是金额，请填写数字，例如 1280.50。", field)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            rules.fail("bad_money", f"{label}不是金额。", field)
        cents = round(value, 2)
        return str(Decimal(repr(cents))) if abs(cents - value) < 1e-6 else repr(value)
    if isinstance(value, int):
        return str(value)
    return fold(value).replace(" ", "")


def parse_text(value) -> str:
    if value is None:
        return ""
    return cell_text(value).strip()


def parse_choice(value) -> str | None:
    if is_blank(value):
        return None
    return fold(cell_text(value))
