"""Shared xlsx writing: header style, widths, frozen header, number formats, atomic save."""

from __future__ import annotations

from pathlib import Path

from .. import atomicfile, oserrors
from ..errors import DomainError
from .columns import Column

DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "0"


def new_sheet(title: str, columns: list[Column]):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append([c.header for c in columns])
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, c in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True, color="C00000" if c.required else "000000")
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = max(c.width, len(c.header) * 2 + 2)
    ws.freeze_panes = "A2"
    return wb, ws


def new_stream_sheet(title: str, columns: list[Column]):
    """A write-only workbook (rows go to disk as they are appended: 100,000 rows in a few MB of memory) with
    the same header, widths and frozen first row as ``new_sheet``; append rows, then ``save_atomic``."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(c.width, len(c.header) * 2 + 2)
    ws.freeze_panes = "A2"
    fill = PatternFill("solid", fgColor="DDEBF7")
    header = []
    for c in columns:
        cell = WriteOnlyCell(ws, value=c.header)
        cell.font = Font(bold=True, color="C00000" if c.required else "000000")
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        header.append(cell)
    ws.append(header)
    return wb, ws


def number_format(col: Column) -> str | None:
    return {"date": DATE_FORMAT, "time": TIME_FORMAT, "money": MONEY_FORMAT, "count": COUNT_FORMAT}.get(col.type)


def check_out(out) -> Path:
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise DomainError("bad_name", f"请保存为 .xlsx 文件（而不是“{out.name}”）。", "out")
    return out


def discard_stream(ws) -> None:
    """A write-only sheet given up half-way: its writer closed and its temporary file removed."""
    import contextlib
    import os

    writer = getattr(ws, "_writer", None)
    with contextlib.suppress(Exception):
        ws.close()
    if writer is not None and isinstance(writer.out, str):
        with contextlib.suppress(OSError):
            os.remove(writer.out)


def save_atomic(wb, out) -> Path:
    """Write beside the target, then replace it: a crash never leaves half a file under the real name."""
    out = check_out(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomicfile.replacing(out) as tmp:
            wb.save(tmp)
    except OSError as e:
        raise DomainError("file_unwritable", oserrors.explain_write(e, out)) from e
    return out
