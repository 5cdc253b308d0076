"""Export a register to .xlsx: Chinese headers, item numbers, frozen header, real dates, money as numbers.

The exported file imports again without adding anything (same headers, natural keys unchanged). Rows are
read from the archive in batches and written as they come (openpyxl's write-only mode): memory does not
grow with the number of rows.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from .. import centers, queries, rules
from ..models import Activity
from .columns import ITEM_NUMBER, ROW_NUMBER, STAGE_COLUMNS, SheetKind, get_kind
from .xlsx import check_out, discard_stream, new_stream_sheet, number_format, save_atomic

EXPORT_COLUMNS = {
    "activity": ("item_number", "start_date", "end_date", "start_time", "end_time", "title", "category",
                   "festival", "location", "organizer", "participants", "summary"),
    "equipment": ("item_number", "name", "category", "model_spec", "quantity", "unit_price", "total_price",
                  "funding_source", "purchase_date", "supplier", "location", "custodian", "status",
                  "town_date", "town_result", "city_date", "city_result", "prefecture_date", "prefecture_result"),
    "opening_log": ("row_number", "log_date", "opened_at", "closed_at", "visitors", "on_duty", "notes"),
}


FORMULA_STARTS = ("=", "+", "-", "@")
MULTILINE = {"summary", "notes", "remarks", "reason"}  # the fields rules.text lets hold line breaks


def cell_value(value, key: str = ""):
    """What goes into a cell: no empty strings, and no control characters (old data entered before they
    were refused; openpyxl cannot even save them)."""
    if value == "":
        return None
    if isinstance(value, str):
        return rules.strip_control(value, key in MULTILINE)
    return value


def as_text(cell) -> None:
    """A value starting with = + - @ stays a string cell marked as typed text (Excel's leading apostrophe):
    a spreadsheet never runs it as a formula, and importing the file gives back the same text."""
    cell.data_type = "s"
    cell.quotePrefix = True


def _money(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def _activity_rows(s, center_id: int, year: int | None):
    keys = EXPORT_COLUMNS["activity"]
    q = select(*(getattr(Activity, k) for k in keys)).where(Activity.center_id == center_id,
                                                            Activity.deleted_at.is_(None))
    if year:
        q = q.where(Activity.start_date >= date(year, 1, 1), Activity.start_date <= date(year, 12, 31))
    for values in s.execute(q.order_by(Activity.year, Activity.seq, Activity.id).execution_options(yield_per=1000)):
        yield dict(zip(keys, values, strict=True))


def _equipment_rows(s, center_id: int, year: int | None):
    items = queries.equipment_rows(s, center_id, year=year)
    items.sort(key=lambda e: (e.year, e.seq, e.id))
    stages = queries.stages_by_equipment(s, [e.id for e in items])
    for e in items:
        row = {k: getattr(e, k) for k in ("item_number", "name", "category", "model_spec", "quantity",
                                          "funding_source", "purchase_date", "supplier", "location",
                                          "custodian", "status")}
        row["unit_price"] = _money(e.unit_price_fen)
        row["total_price"] = _money(e.unit_price_fen * e.quantity)
        for stage, (date_key, result_key) in STAGE_COLUMNS.items():
            st = stages.get(e.id, {}).get(stage)
            row[date_key] = st.accepted_on if st else None
            row[result_key] = st.result if st else None
        yield row


def _log_rows(s, center_id: int, year: int | None):
    for n, entry in enumerate(queries.log_rows(s, center_id, year=year, descending=False), start=1):
        row = {k: getattr(entry, k) for k in EXPORT_COLUMNS["opening_log"][1:]}
        row["row_number"] = n
        yield row


ROWS = {"activity": _activity_rows, "equipment": _equipment_rows, "opening_log": _log_rows}


def _columns(kind: SheetKind):
    out = []
    for key in EXPORT_COLUMNS[kind.name]:
        out.append({"item_number": ITEM_NUMBER, "row_number": ROW_NUMBER}.get(key) or kind.column(key))
    return out


def export_sheet(archive, kind: str, out, *, year: int | None = None, progress=None) -> int:
    """Write the register (live records, optionally one year) to ``out``; returns the number of rows."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    sheet_kind = get_kind(kind)
    check_out(out)
    columns = _columns(sheet_kind)
    title = f"{sheet_kind.title}{year}年" if year else sheet_kind.title
    wb, ws = new_stream_sheet(title, columns)
    formats = [number_format(c) for c in columns]
    count = 0

    def cell(value, fmt):
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            c = WriteOnlyCell(ws, value=value)
            as_text(c)
            return c
        if fmt and value is not None:
            c = WriteOnlyCell(ws, value=value)
            c.number_format = fmt
            return c
        return value

    try:
        with archive.session() as s:
            center = centers.own_center(s)
            for row in ROWS[sheet_kind.name](s, center.id, year):
                ws.append([cell(cell_value(row.get(c.key), c.key), fmt)
                           for c, fmt in zip(columns, formats, strict=True)])
                count += 1
                if progress is not None and count % 500 == 0:
                    progress(count, 0, f"已写出 {count} 行…")
        if count:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
        save_atomic(wb, out)
    except BaseException:
        discard_stream(ws)
        raise
    return count
