"""Validation first: every problem of every row (row, column, value, why), before anything is written.

Each column is parsed from what keepers type (parsing.py); then the register's own ``clean_*``
function — the same one the GUI and the CLI use — has the last word. When it refuses a field, that
field is set aside and the row checked again, so one row reports all its problems, not only the first.

``check_table`` keeps every row (the GUI's preview); ``SheetCheck.start`` + ``check_values`` check one row
at a time for the importer's streaming path, which keeps only counts and the first problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from .. import rules
from ..activities import clean_activity
from ..equipment import clean_equipment
from ..errors import ValidationError
from ..opening import clean_log
from . import parsing
from .columns import EXAMPLE_MARK, STAGE_COLUMNS, Column, SheetKind, header_index, normalize_header
from .readers import HEADER_SEARCH_ROWS, Table

CLEANERS = {"activity": clean_activity, "equipment": clean_equipment, "opening_log": clean_log}
# Stand-ins for a refused required field while the rest of the row is checked; chosen so they
# cannot cause a second, false problem (the earliest date, a whole day).
PLACEHOLDERS = {"start_date": rules.EARLIEST, "purchase_date": rules.EARLIEST, "log_date": rules.EARLIEST,
                "title": "-", "name": "-", "category": rules.ACTIVITY_CATEGORIES[0], "opened_at": time(0, 0),
                "closed_at": time(23, 59), "quantity": 1}
EQUIPMENT_EXTRAS = {"status", *(k for pair in STAGE_COLUMNS.values() for k in pair)}
NATURAL_KEYS = {"activity": ("start_date", "title", "location"),
                "equipment": ("name", "model_spec", "purchase_date"),
                "opening_log": ("log_date",)}


VALUE_KEPT = 100  # characters of a cell's value kept in a problem (a line shows 40)
EXAMPLES_SHOWN = 20  # example rows named in a notice


@dataclass
class Problem:
    row: int | None  # the sheet's row number as Excel/WPS shows it; None = the file as a whole
    column: str
    value: str
    why: str

    def text(self) -> str:
        where = f"第 {self.row} 行" if self.row is not None else "表头"
        col = f"“{self.column}”列" if self.column else ""
        shown = "".join(ch if ch.isprintable() else f"<U+{ord(ch):04X}>" for ch in self.value[:40])
        shown += "…" if len(self.value) > 40 else ""
        val = f"，内容“{shown}”" if self.value else ""
        return f"{where}{'，' if col else ''}{col}{val}：{self.why}"


@dataclass
class CheckedRow:
    row: int
    raw: dict  # column key -> cell value as read
    cleaned: dict | None = None  # typed fields for the writer; None when the row has problems
    status: str = "在用"
    stages: list = field(default_factory=list)  # [(stage, date, result)] in storage order
    problems: list[Problem] = field(default_factory=list)
    example: bool = False
    duplicate_of: int | None = None  # an earlier row of the same file with the same natural key

    @property
    def ok(self) -> bool:
        return not self.problems and not self.example and self.cleaned is not None

    def key(self, kind: str) -> tuple:
        return tuple(self.cleaned[k] for k in NATURAL_KEYS[kind])


@dataclass
class SheetCheck:
    kind: SheetKind
    table: Table
    header_row: int = 0
    header: list = field(default_factory=list)  # as in the file
    mapping: dict[int, Column] = field(default_factory=dict)  # file column index -> column
    unknown: list[str] = field(default_factory=list)
    file_problems: list[Problem] = field(default_factory=list)
    rows: list[CheckedRow] = field(default_factory=list)
    examples: list[int] = field(default_factory=list)  # rows that are the template's example (first ones)
    examples_total: int = 0
    missing: set[str] = field(default_factory=set)
    today: date | None = None

    @property
    def problems(self) -> list[Problem]:
        return self.file_problems + [p for r in self.rows for p in r.problems]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def data_rows(self) -> list[CheckedRow]:
        return [r for r in self.rows if not r.example]

    @property
    def valid_rows(self) -> list[CheckedRow]:
        return [r for r in self.rows if r.ok]

    @property
    def invalid_rows(self) -> list[CheckedRow]:
        return [r for r in self.rows if r.problems]

    def header_of(self, key: str) -> str:
        for index, col in self.mapping.items():
            if col.key == key:
                return str(self.header[index])
        return self.kind.column(key).header

    def notices(self) -> list[str]:
        out = []
        if self.table.other_sheets:
            out.append(f"只读取了第一个工作表“{self.table.sheet_name}”；其他工作表（{'、'.join(self.table.other_sheets)}）"
                       "没有读取，如需导入请把它们另存为单独的文件。")
        if self.unknown:
            out.append(f"以下列不认识，已忽略：{'、'.join(self.unknown)}。")
        ignored = [str(self.header[i]) for i, c in self.mapping.items() if c.type == "skip"]
        if ignored:
            out.append(f"以下列由档案自动生成，导入时不使用：{'、'.join(ignored)}。")
        if self.examples:
            rows = "、".join(map(str, self.examples[:EXAMPLES_SHOWN]))
            more = f"等 {self.examples_total} 行" if self.examples_total > EXAMPLES_SHOWN else "行"
            out.append(f"第 {rows} {more}是模板示例行（以“{EXAMPLE_MARK}”开头），已跳过。")
        return out

    def start(self, first_rows: list[tuple[int, list]]) -> int | None:
        """Find the header among the first rows (up to HEADER_SEARCH_ROWS of them) and map its columns;
        returns its position in ``first_rows`` (None: no header, a file problem is recorded)."""
        kind = self.kind
        position = _find_header(kind, first_rows)
        if position is None:
            expected = "、".join(c.header for c in kind.data_columns if c.required)
            self.file_problems.append(Problem(None, "", "", f"找不到表头。第一行应是列名，至少包括：{expected}。"
                                                            "可以先用“下载模板”得到正确的表头。"))
            return None
        self.header_row, self.header = first_rows[position][0], list(first_rows[position][1])
        index = header_index(kind)
        seen: dict[str, int] = {}
        for i, title in enumerate(self.header):
            if parsing.is_blank(title):
                continue
            col = index.get(normalize_header(title))
            if col is None:
                self.unknown.append(parsing.cell_text(title))
                continue
            if col.key in seen:
                self.file_problems.append(Problem(self.header_row, parsing.cell_text(title), "",
                                                  f"与“{self.header[seen[col.key]]}”是同一列，出现了两次；请删掉其中一列。"))
                continue
            seen[col.key] = i
            self.mapping[i] = col
        missing = [c for c in kind.data_columns if c.required and c.key not in seen]
        for c in missing:
            self.file_problems.append(Problem(self.header_row, c.header, "", f"缺少必填的“{c.header}”列。"))
        self.missing = {c.key for c in missing}
        return position

    def check_values(self, number: int, values: list) -> CheckedRow | None:
        """One data row checked (not kept); None for a row with nothing but skipped columns."""
        kind = self.kind
        raw = {col.key: (values[i] if i < len(values) else None) for i, col in self.mapping.items()}
        if all(parsing.is_blank(v) for k, v in raw.items() if kind.column(k).type != "skip"):
            return None  # only item numbers or row numbers: an empty line of a form
        row = check_row(self, number, raw, self.missing, self.today)
        if row.example:
            self.examples_total += 1
            if len(self.examples) < EXAMPLES_SHOWN:
                self.examples.append(number)
        return row


def _find_header(kind: SheetKind, rows: list[tuple[int, list]]) -> int | None:
    index = header_index(kind)
    best, best_hits = None, 0
    for position, (_n, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        hits = len({index[h].key for h in (normalize_header(v) for v in values) if h in index})
        if hits > best_hits:
            best, best_hits = position, hits
    return best


def check_table(table: Table, kind: SheetKind, today: date | None = None) -> SheetCheck:
    check = SheetCheck(kind=kind, table=table, today=today)
    position = check.start(table.rows[:HEADER_SEARCH_ROWS])
    if position is None:
        return check
    for number, values in table.rows[position + 1:]:
        row = check.check_values(number, values)
        if row is not None:
            check.rows.append(row)
    _mark_duplicates(check)
    return check


def _mark_duplicates(check: SheetCheck) -> None:
    first: dict[tuple, int] = {}
    for row in check.valid_rows:
        key = row.key(check.kind.name)
        if key in first:
            row.duplicate_of = first[key]
        else:
            first[key] = row.row


def _parse(col: Column, value, label: str, epoch):
    if col.type == "date":
        return parsing.parse_date(value, label, col.key, epoch=epoch)
    if col.type == "time":
        return parsing.parse_time(value, label, col.key)
    if col.type == "count":
        return parsing.parse_count(value, label, col.key)
    if col.type == "money":
        return parsing.parse_money(value, label, col.key)
    if col.type == "choice":
        return parsing.parse_choice(value)
    return parsing.parse_text(value)


def check_row(check: SheetCheck, number: int, raw: dict, missing: set[str], today: date | None) -> CheckedRow:
    kind = check.kind
    row = CheckedRow(row=number, raw=raw)
    if any(isinstance(v, str) and v.startswith(EXAMPLE_MARK) for v in raw.values()):
        row.example = True
        return row
    fields: dict = {}
    failed: set[str] = set(missing)

    def problem(key: str, why: str) -> None:
        row.problems.append(Problem(number, check.header_of(key), parsing.cell_text(raw.get(key))[:VALUE_KEPT], why))

    kind_keys = {c.key for c in kind.columns}
    for key, value in raw.items():
        col = kind.column(key)
        if col.type == "skip" or key in EQUIPMENT_EXTRAS:
            continue  # not a field of clean_*: checked in _check_equipment_extras
        try:
            fields[key] = _parse(col, value, col.header, check.table.epoch)
        except ValidationError as e:
            problem(key, e.message)
            failed.add(key)
    for key in failed:
        fields[key] = PLACEHOLDERS.get(key)
    # Blank optional cells take the register's defaults (quantity 1, no visitors counted...).
    fields = {k: v for k, v in fields.items() if v is not None and v != ""}
    cleaner = CLEANERS[kind.name]
    cleaned = None
    for _attempt in range(len(kind.columns) + 1):
        try:
            cleaned = cleaner(fields, today=today)
            break
        except ValidationError as e:
            key = e.field if e.field in kind_keys else None
            if key is None or key in failed:
                row.problems.append(Problem(number, "", "", e.message))
                break
            problem(key, e.message)
            failed.add(key)
            fields.pop(key, None)
            if key in PLACEHOLDERS:
                fields[key] = PLACEHOLDERS[key]
    if kind.name == "equipment":
        _check_equipment_extras(check, row, raw, cleaned, "purchase_date" in failed, today, problem)
    if not row.problems:
        row.cleaned = cleaned
    return row


def _check_equipment_extras(check, row, raw, cleaned, purchase_failed, today, problem) -> None:
    try:
        row.status = rules.choice(parsing.parse_choice(raw.get("status")) or "在用", rules.EQUIPMENT_STATUSES,
                                  "设备状态", "status")
    except ValidationError as e:
        problem("status", e.message)
    purchase = None if cleaned is None or purchase_failed else cleaned["purchase_date"]
    previous = None  # (stage, date) of the stage before
    for stage in rules.ACCEPTANCE_STAGES:
        date_key, result_key = STAGE_COLUMNS[stage]
        label = check.header_of(date_key)
        try:
            on = parsing.parse_date(raw.get(date_key), label, date_key, epoch=check.table.epoch)
            on = rules.as_date(on, label, date_key, required=False, today=today)
        except ValidationError as e:
            problem(date_key, e.message)
            previous = (stage, None, True)
            continue
        try:
            result = rules.choice(parsing.parse_choice(raw.get(result_key)), rules.ACCEPTANCE_RESULTS,
                                  check.header_of(result_key), result_key, required=False)
        except ValidationError as e:
            problem(result_key, e.message)
            result = None
        if on is None:
            if result:
                problem(result_key, f"填写了结论，但没有填写“{label}”；请补上日期，或清空结论。")
            previous = (stage, None, False)
            continue
        if previous is not None and previous[1] is None and not previous[2]:
            prev_label = check.header_of(STAGE_COLUMNS[previous[0]][0])
            problem(date_key, f"请先填写“{prev_label}”，再填写“{label}”"
                              f"（验收顺序：{'→'.join(rules.STAGE_NAMES[s] for s in rules.ACCEPTANCE_STAGES)}）。")
        elif previous is not None and previous[1] is not None and on < previous[1]:
            prev_label = check.header_of(STAGE_COLUMNS[previous[0]][0])
            problem(date_key, f"“{label}”不能早于“{prev_label}”（{previous[1]}）。")
        if purchase is not None and on < purchase:
            problem(date_key, f"“{label}”不能早于购置日期（{purchase}）。")
        row.stages.append((stage, on, result or "通过"))
        previous = (stage, on, False)
