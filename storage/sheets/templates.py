"""Blank templates: the headers, one example row and drop-down lists for the fixed choices."""

from __future__ import annotations

from datetime import date, datetime, time

from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .columns import EXAMPLE_MARK, get_kind
from .xlsx import new_sheet, number_format, save_atomic

TEMPLATE_ROWS = 2000  # the drop-downs and formats reach this far down


def _example(col):
    value = col.example
    if value is None:
        return None
    if col.type == "date":
        return date.fromisoformat(value)
    if col.type == "time":
        return time.fromisoformat(value)
    return value


def write_template(kind: str, out) -> None:
    sheet_kind = get_kind(kind)
    columns = list(sheet_kind.data_columns)
    wb, ws = new_sheet(f"{sheet_kind.title}导入模板", columns)
    ws.append([_example(c) for c in columns])
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        fmt = number_format(col)
        if fmt:
            ws.cell(row=2, column=i).number_format = fmt
        if col.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True,
                                showDropDown=False)  # False = show the arrow (the attribute is inverted)
            dv.error = f"请从列表中选择：{'、'.join(col.choices)}"
            dv.errorTitle = col.header
            dv.prompt = f"请选择{col.header}"
            dv.promptTitle = col.header
            ws.add_data_validation(dv)
            dv.add(cells)
        elif col.type == "date":
            dv = DataValidation(type="date", operator="greaterThan", formula1="18172", allow_blank=True)
            dv.error = "请填写日期，例如 2017-02-01"
            dv.errorTitle = col.header
            ws.add_data_validation(dv)
            dv.add(cells)
        note = "必填。" if col.required else "可不填。"
        ws.cell(row=1, column=i).comment = Comment(note + _hint(col), "村级文化档案")
    ws.cell(row=2, column=len(columns)).comment = Comment(
        f"以“{EXAMPLE_MARK}”开头的示例行不会被导入；填写时请删除这一行。", "村级文化档案")
    wb.properties.creator = "村级文化档案"
    wb.properties.created = datetime(2017, 1, 1)
    save_atomic(wb, out)


def _hint(col) -> str:
    return {"date": "日期可写 2017-02-01、2017/2/1、2017.2.1 或 2017年2月1日。",
            "time": "时间写 08:30。", "count": "填整数。", "money": "金额（元），最多两位小数。"}.get(col.type, "")
