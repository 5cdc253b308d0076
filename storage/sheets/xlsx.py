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


def number_format(col: Column) -> str | None:
    return {"date": DATE_FORMAT, "time": TIME_FORMAT, "money": MONEY_FORMAT, "count": COUNT_FORMAT}.get(col.type)


def save_atomic(wb, out) -> Path:
    """Write beside the target, then replace it: a crash never leaves half a file under the real name."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise DomainError("bad_name", f"请保存为 .xlsx 文件（而不是“{out.name}”）。", "out")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomicfile.replacing(out) as tmp:
            wb.save(tmp)
    except OSError as e:
        raise DomainError("file_unwritable", oserrors.explain_write(e, out)) from e
    return out
