"""The exchange format: which record kinds a bag carries, their JSON fields, and the type checks.

The field list of each kind is derived from the SQLAlchemy models (column type, length, nullability), with
integer foreign keys replaced by the UUID of the referenced record, so the format follows the schema and
``docs/exchange-format.md`` documents it. ``convert`` checks one kind's records and turns them back into
column values; every problem is a Chinese sentence naming the record.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import Boolean, Date, Float, Integer, LargeBinary, String, Text, Time

from .. import kinds, rules
from ..models import UTCDateTime

FORMAT_NAME = "village-archive-bag"
FORMAT_VERSION = 1
RECORDS_DIR = "data/records"
ATTACHMENTS_DIR = "data/attachments"
DOSSIER_PATH = "data/dossier.pdf"
SIGNATURE_FILE = "tagmanifest-sha256.txt.sig"
_TYPE_NAMES = {"int": "整数", "float": "小数", "bool": "真假值", "list": "列表", "dict": "对象", "NoneType": "空值"}
TEXT_MAX = 20_000  # a Text column (activity summary) in a bag
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
EARLIEST_STAMP = datetime(2000, 1, 1, tzinfo=timezone.utc)
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


def _kinds() -> dict[str, tuple[type, dict[str, tuple[str, str]]]]:
    """kind key -> (model, {fk column: (json field, referenced kind)}), in export and import order."""
    return {k.key: (k.model, {col: (col[:-3] + "_uuid", ref) for col, ref in k.refs.items()})
            for k in kinds.KINDS.values()}


class _FromRegistry(Mapping):
    """A read-only table derived from ``storage.kinds``, rebuilt when a kind is registered."""

    def __init__(self, make):
        self._make, self._version, self._data = make, None, {}

    def _current(self) -> dict:
        if self._version != kinds.version():
            self._data, self._version = self._make(), kinds.version()
        return self._data

    def __getitem__(self, key):
        return self._current()[key]

    def __iter__(self):
        return iter(self._current())

    def __len__(self):
        return len(self._current())


KINDS = _FromRegistry(_kinds)
KIND_NAMES = _FromRegistry(lambda: {k.key: k.name for k in kinds.KINDS.values()})
OWNER_KINDS = _FromRegistry(lambda: {k.key: k.model for k in kinds.owners()})


def bag_name(kind: str) -> str:
    """The kind's record file name (without .json) and bag-info label in a bag: fixed by format version 1."""
    return kinds.KINDS[kind].bag


STATION_FIELDS = ("plan_status", "target_quarter")  # kept by the station, not taken from a bag
# The archive identity columns (全宗号, retention rule) stay home until the format version that carries them:
# a station refuses a record with fields it does not know, and one without fields it expects.
NEVER_EXPORTED = ("id", "private_key", "fonds_number", "retention_rule")

# Extra range and choice rules on top of the column types.
CHOICES = {
    ("activity", "category"): rules.ACTIVITY_CATEGORIES,
    ("activity", "festival"): rules.FESTIVALS,
    ("equipment", "status"): rules.EQUIPMENT_STATUSES,
    ("equipment_status_change", "status"): rules.EQUIPMENT_STATUSES,
    ("acceptance_stage", "stage"): rules.ACCEPTANCE_STAGES,
    ("acceptance_stage", "result"): rules.ACCEPTANCE_RESULTS,
    ("closure", "kind"): rules.CLOSURE_KINDS,
    ("center", "plan_status"): rules.PLAN_STATUSES,
}
RANGES = {
    "participants": (0, rules.MAX_PEOPLE), "visitors": (0, rules.MAX_PEOPLE),
    "quantity": (1, rules.MAX_QUANTITY), "unit_price_fen": (0, rules.MAX_PRICE_FEN), "weekday": (0, 6),
    "seq": (1, 999_999), "last_seq": (0, 999_999), "year": (rules.FIRST_YEAR, rules.LAST_YEAR), "size": (0, 2**40),
    "weekly_standard_hours": (1, 168), "area_m2": (0, 100_000),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # str uuid sha256 int float bool date time datetime base64
    nullable: bool = False
    max_len: int | None = None
    choices: tuple | None = None
    range: tuple | None = None
    ref: str | None = None  # referenced kind for a *_uuid field


def _column_type(col) -> tuple[str, int | None]:
    t = col.type
    if isinstance(t, UTCDateTime):
        return "datetime", None
    if isinstance(t, Boolean):
        return "bool", None
    if isinstance(t, Integer):
        return "int", None
    if isinstance(t, Float):
        return "float", None
    if isinstance(t, Date):
        return "date", None
    if isinstance(t, Time):
        return "time", None
    if isinstance(t, LargeBinary):
        return "base64", None
    if isinstance(t, Text):
        return "str", TEXT_MAX
    if isinstance(t, String):
        return "str", t.length
    raise TypeError(f"no exchange type for {col}")


def _fields(kind: str) -> list[Field]:
    model, fks = KINDS[kind]
    out = []
    for col in model.__table__.columns:
        if col.name in NEVER_EXPORTED:
            continue
        if kind == "attachment" and col.name in ("owner_kind", "owner_id"):
            continue  # travels as owner_kind + owner_uuid, below
        if col.name in fks:
            name, ref = fks[col.name]
            out.append(Field(name, "uuid", ref=ref))
            continue
        typ, length = _column_type(col)
        if col.name == "uuid":
            typ = "uuid"
        elif col.name == "sha256":
            typ = "sha256"
        choices = CHOICES.get((kind, col.name))
        if (kind, col.name) == ("item_counter", "kind"):
            choices = tuple(k.number_code for k in kinds.numbered())
        out.append(Field(col.name, typ, nullable=bool(col.nullable), max_len=length,
                         choices=choices, range=RANGES.get(col.name)))
    out.sort(key=lambda f: f.name != "uuid")  # the UUID first: easier to read
    if kind == "attachment":
        out += [Field("owner_kind", "str", max_len=20, choices=tuple(OWNER_KINDS)),
                Field("owner_uuid", "uuid"), Field("size", "int", range=RANGES["size"]),
                Field("mime", "str", max_len=100)]
    return out


FIELDS: Mapping[str, list[Field]] = _FromRegistry(lambda: {kind: _fields(kind) for kind in KINDS})


def to_json_value(value, typ: str):
    if value is None:
        return None
    if typ == "datetime":
        return value.astimezone(timezone.utc).isoformat()
    if typ in ("date", "time"):
        return value.isoformat()
    if typ == "base64":
        return base64.b64encode(value).decode("ascii")
    return value


class Problems(list):
    """Problems found while checking records; stops collecting after ``limit`` (the rest is counted)."""

    def __init__(self, limit: int = 20):
        super().__init__()
        self.limit = limit
        self.more = 0

    @property
    def full(self) -> bool:
        """No more sentences are kept (the next ones are only counted)."""
        return len(self) >= self.limit

    def add(self, text: str) -> None:
        if len(self) < self.limit:
            self.append(text)
        else:
            self.more += 1


FIELD_LABELS = {
    "uuid": "UUID", "name": "名称", "title": "题名", "item_number": "档号", "start_date": "开始日期",
    "end_date": "结束日期", "start_time": "开始时间", "end_time": "结束时间", "participants": "参与人数",
    "category": "类别", "festival": "节日", "summary": "简介", "purchase_date": "购置日期", "quantity": "数量",
    "unit_price_fen": "单价（分）", "status": "状态", "log_date": "日期", "visitors": "接待人数", "reason": "原因",
    "notice_date": "公告日期", "accepted_on": "验收日期", "changed_on": "变更日期", "weekday": "星期",
    "created_at": "建立时间", "updated_at": "修改时间", "deleted_at": "删除时间", "delete_reason": "删除原因",
    "code": "中心编码", "town": "镇(街)", "village": "村(社区)", "keeper": "档案管理员", "year": "年度", "seq": "件号",
}


def _bad(kind: str, index: int, field: Field, what: str) -> str:
    label = FIELD_LABELS.get(field.name)
    name = f"{label}（{field.name}）" if label else field.name
    return f"{KIND_NAMES[kind]}第 {index + 1} 条的“{name}”{what}"


def convert_value(kind: str, index: int, field: Field, value, today: date, problems: Problems):
    """Check one JSON value; return the Python value (None when bad, after adding a problem)."""
    if value is None:
        if not field.nullable:
            problems.add(_bad(kind, index, field, "不能为空。"))
        return None
    typ = field.type
    if typ in ("str", "uuid", "sha256", "date", "time", "datetime", "base64"):
        if not isinstance(value, str):
            problems.add(_bad(kind, index, field, f"应为文字，却是{_TYPE_NAMES.get(type(value).__name__, '其他类型')}。"))
            return None
        if typ == "str":
            if field.max_len is not None and len(value) > field.max_len:
                problems.add(_bad(kind, index, field, f"太长（{len(value)} 字，最多 {field.max_len} 字）。"))
                return None
            if field.choices and value not in field.choices:
                problems.add(_bad(kind, index, field, f"的值“{value[:40]}”不在可选范围内。"))
                return None
            return value
        if typ == "uuid":
            if not UUID_RE.match(value):
                problems.add(_bad(kind, index, field, "不是有效的 UUID。"))
                return None
            return value
        if typ == "sha256":
            if not SHA256_RE.match(value):
                problems.add(_bad(kind, index, field, "不是有效的 SHA-256 校验值。"))
                return None
            return value
        if typ == "base64":
            if len(value) > 1000:
                problems.add(_bad(kind, index, field, "太长。"))
                return None
            try:
                return base64.b64decode(value.encode("ascii"), validate=True)
            except (binascii.Error, UnicodeEncodeError):
                problems.add(_bad(kind, index, field, "不是有效的 Base64 编码。"))
                return None
        return _convert_temporal(kind, index, field, value, today, problems)
    if typ == "bool":
        if not isinstance(value, bool):
            problems.add(_bad(kind, index, field, "应为 true 或 false。"))
            return None
        return value
    if typ == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            problems.add(_bad(kind, index, field, "应为整数。"))
            return None
        lo, hi = field.range or (INT_MIN, INT_MAX)
        if not lo <= value <= hi:
            problems.add(_bad(kind, index, field, f"的值 {value} 超出范围（{lo}—{hi}）。"))
            return None
        return value
    if typ == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            problems.add(_bad(kind, index, field, "应为数字。"))
            return None
        lo, hi = field.range or (-1e12, 1e12)
        if not lo <= value <= hi:
            problems.add(_bad(kind, index, field, f"的值 {value} 超出范围（{lo}—{hi}）。"))
            return None
        return float(value)
    raise AssertionError(typ)


def _convert_temporal(kind, index, field, value: str, today: date, problems: Problems):
    latest = today + timedelta(days=rules.FUTURE_DAYS)
    try:
        if field.type == "date":
            parsed = date.fromisoformat(value)
            if len(value) != 10:
                raise ValueError
            if not rules.EARLIEST <= parsed <= latest:
                problems.add(_bad(kind, index, field, f"的日期 {value} 超出合理范围（{rules.EARLIEST}—{latest}）。"))
                return None
            return parsed
        if field.type == "time":
            parsed = time.fromisoformat(value)
            if parsed.tzinfo is not None or len(value) > 8:
                raise ValueError
            return parsed
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            problems.add(_bad(kind, index, field, "的时间戳缺少时区。"))
            return None
        latest_stamp = datetime.combine(latest, time(), tzinfo=timezone.utc)
        if not EARLIEST_STAMP <= parsed <= latest_stamp:
            problems.add(_bad(kind, index, field, f"的时间 {value} 超出合理范围。"))
            return None
        return parsed.astimezone(timezone.utc)
    except (ValueError, TypeError):
        problems.add(_bad(kind, index, field, f"的值“{value[:40]}”不是有效的{_TEMPORAL[field.type]}。"))
        return None


_TEMPORAL = {"date": "日期（YYYY-MM-DD）", "time": "时间（HH:MM）", "datetime": "时间戳（ISO 8601）"}


def convert(kind: str, records, today: date, problems: Problems) -> list[dict]:
    """Check a kind's record list; return dicts of Python values keyed by JSON field name."""
    if not isinstance(records, list):
        problems.add(f"{KIND_NAMES[kind]}的记录应为列表。")
        return []
    fields = FIELDS[kind]
    names = {f.name for f in fields}
    out = []
    for i, rec in enumerate(records):
        row = convert_record(kind, i, rec, today, problems, fields, names)
        if row is not None:
            out.append(row)
    return out


def convert_record(kind: str, i: int, rec, today: date, problems: Problems, fields: list[Field] | None = None,
                   names: set[str] | None = None) -> dict | None:
    """Check record ``i`` (counted from 0) of a kind; return its dict of Python values, or None when it is not an
    object or lacks or adds fields (a problem is added). A bad value is None in the dict, after its problem."""
    if fields is None:
        fields = FIELDS[kind]
        names = {f.name for f in fields}
    if not isinstance(rec, dict):
        if problems.full:  # a hostile file of millions of non-records: count them, no sentence each
            problems.more += 1
        else:
            problems.add(f"{KIND_NAMES[kind]}第 {i + 1} 条不是对象。")
        return None
    if len(rec) != len(names) or not names.issuperset(rec):
        if problems.full:
            problems.more += 1
            return None
        extra = set(rec) - names
        missing = names - set(rec)
        parts = []
        if missing:
            parts.append("缺少字段 " + "、".join(sorted(missing)[:5]))
        if extra:
            parts.append("有未知字段 " + "、".join(sorted(str(x)[:40] for x in extra)[:5]))
        problems.add(f"{KIND_NAMES[kind]}第 {i + 1} 条{'，'.join(parts)}。")
        return None
    out = {}
    for name, quick, f in _plan(fields, today):
        value = rec[name]
        got = _SLOW if value is None else quick(value)
        out[name] = convert_value(kind, i, f, value, today, problems) if got is _SLOW else got
    return out


# The fast path of ``convert_value`` (a station converts every record of 315 files twice: in verify and as it
# inserts them): per field, a converter that takes only values the full check accepts and returns what it would
# return, else ``_SLOW``, and ``convert_value`` decides (and words the problem). None always goes the full way.
_SLOW = object()
_plans: dict = {}


def _plan(fields, today: date) -> tuple:
    key = (id(fields), today)
    plan = _plans.get(key)
    if plan is None or plan[0] is not fields:
        if len(_plans) > 64:
            _plans.clear()
        plan = _plans[key] = (fields, tuple((f.name, _quick(f, today), f) for f in fields))
    return plan[1]


def _quick(field: Field, today: date):
    typ, latest = field.type, today + timedelta(days=rules.FUTURE_DAYS)
    if typ == "str":
        top, choices = field.max_len, field.choices

        def check(v):
            if type(v) is not str or (top is not None and len(v) > top) or (choices and v not in choices):
                return _SLOW
            return v
        return check
    if typ in ("uuid", "sha256"):
        match = (UUID_RE if typ == "uuid" else SHA256_RE).match
        return lambda v: v if type(v) is str and match(v) else _SLOW
    if typ in ("int", "float"):
        lo, hi = field.range or ((INT_MIN, INT_MAX) if typ == "int" else (-1e12, 1e12))
        if typ == "int":
            return lambda v: v if type(v) is int and lo <= v <= hi else _SLOW
        return lambda v: float(v) if type(v) in (int, float) and math.isfinite(v) and lo <= v <= hi else _SLOW
    if typ == "bool":
        return lambda v: v if type(v) is bool else _SLOW
    if typ == "date":
        earliest = rules.EARLIEST

        def check(v):
            if type(v) is not str or len(v) != 10:
                return _SLOW
            try:
                d = date.fromisoformat(v)
            except ValueError:
                return _SLOW
            return d if earliest <= d <= latest else _SLOW
        return check
    if typ == "datetime":
        latest_stamp = datetime.combine(latest, time(), tzinfo=timezone.utc)

        def check(v):
            if type(v) is not str:
                return _SLOW
            try:
                d = datetime.fromisoformat(v)
            except ValueError:
                return _SLOW
            if d.tzinfo is None or not EARLIEST_STAMP <= d <= latest_stamp:
                return _SLOW
            return d.astimezone(timezone.utc)
        return check
    return lambda v: _SLOW  # time, base64: rare, the full check
