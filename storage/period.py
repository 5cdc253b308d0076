"""The period of a report: a year, a quarter of a year, or a date range (both ends included).

``Period.of(year=None, quarter=None, start=None, end=None) -> Period`` validates the options and raises
``storage.errors.ValidationError`` (Chinese message) for: no period, a quarter without a year, a quarter
outside 1–4, a year outside ``rules.FIRST_YEAR``–``rules.LAST_YEAR``, a year together with a date range, a start after the end, unreadable dates.
A range that is exactly a year or a quarter is named as one. ``Period.label`` is the Chinese name ("2017年", "2017年第2季度", "2017-03-01 至 2017-05-31").
``Period.quarters()`` lists (year, quarter) pairs overlapping the period; ``Period.months()`` likewise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import rules
from .errors import ValidationError


def _as_date(value, label: str, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError("bad_date", f"{label}“{value}”不是有效日期，请按 2017-02-01 的格式填写。", field) from None


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str
    year: int | None = None
    quarter: int | None = None

    @classmethod
    def of(cls, year=None, quarter=None, start=None, end=None) -> Period:
        if year is not None and (start is not None or end is not None):
            raise ValidationError("period_conflict", "请只选一种期间：按年（季度），或按起止日期，不要同时填写。", "year")
        if year is not None:
            try:
                year = int(year)
            except (TypeError, ValueError):
                raise ValidationError("bad_year", f"年份“{year}”不是数字。", "year") from None
            if not rules.FIRST_YEAR <= year <= rules.LAST_YEAR:
                raise ValidationError("bad_year", f"年份 {year} 不在合理范围内（{rules.FIRST_YEAR}—{rules.LAST_YEAR}），请检查。", "year")
            if quarter is not None:
                try:
                    quarter = int(quarter)
                except (TypeError, ValueError):
                    raise ValidationError("bad_quarter", f"季度“{quarter}”不是数字，只能是 1—4。", "quarter") from None
                qs, qe = rules.quarter_range(year, quarter)  # refuses quarter 5 with a Chinese message
                return cls(qs, qe, f"{year}年第{quarter}季度", year, quarter)
            return cls(date(year, 1, 1), date(year, 12, 31), f"{year}年", year)
        if quarter is not None:
            raise ValidationError("quarter_without_year", "选择季度时请同时填写年份。", "quarter")
        if start is None or end is None:
            raise ValidationError("no_period", "请选择期间：填写年份（可加季度），或者填写起止日期。", "year")
        start = _as_date(start, "开始日期", "start")
        end = _as_date(end, "结束日期", "end")
        if start > end:
            raise ValidationError("end_before_start", f"开始日期（{start}）不能晚于结束日期（{end}）。", "end")
        if start.month == 1 and start.day == 1 and end == date(start.year, 12, 31):
            return cls.of(year=start.year)  # a whole year or quarter is named (and printed) as one
        q = rules.quarter_of(start)
        if start.day == 1 and start.month % 3 == 1 and (start, end) == rules.quarter_range(start.year, q):
            return cls.of(year=start.year, quarter=q)
        return cls(start, end, f"{start.isoformat()} 至 {end.isoformat()}")

    @classmethod
    def from_range(cls, start, end) -> Period:
        """A date range; named as a year or a quarter when it is exactly one (as ``of`` does)."""
        return cls.of(start=start, end=end)

    def quarters(self) -> list[tuple[int, int]]:
        out, y, q = [], self.start.year, rules.quarter_of(self.start)
        while (y, q) <= (self.end.year, rules.quarter_of(self.end)):
            out.append((y, q))
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
        return out

    def months(self) -> list[tuple[int, int]]:
        out, y, m = [], self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    @property
    def file_label(self) -> str:
        if self.quarter:
            return f"{self.year}Q{self.quarter}"
        if self.year:
            return str(self.year)
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"
