"""Read a sheet file into a header row and data rows: .xlsx (openpyxl, read-only) and .csv.

CSV encodings: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text") and GB18030 (a
superset of GBK and GB2312, which WPS and Excel in China often write).
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import oserrors
from ..errors import ValidationError
from .parsing import EXCEL_EPOCH, is_blank

MAX_ROWS = 200_000
HEADER_SEARCH_ROWS = 10  # a title row or two above the header is fine


@dataclass
class Table:
    """Raw cells: ``rows`` are (sheet row number, values) for every non-empty row, header included
    (validation finds the header row, which may sit below a title row)."""

    source_name: str
    sha256: str
    rows: list[tuple[int, list]] = field(default_factory=list)
    encoding: str | None = None
    epoch: datetime = EXCEL_EPOCH
    sheet_name: str | None = None
    other_sheets: list[str] = field(default_factory=list)  # not read: only the first visible sheet is


def fail(code: str, message: str):
    raise ValidationError(code, message, "file")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_csv(data: bytes) -> tuple[str, str]:
    """Returns (text, encoding name). A byte-order mark decides; without one UTF-8, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8", "UTF-8-BOM", data[3:])]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = [("utf-16", "UTF-16", data)]
    else:
        candidates = [("utf-8", "UTF-8", data), ("gb18030", "GB18030", data)]
    for codec, name, payload in candidates:
        try:
            return payload.decode(codec), name
        except UnicodeDecodeError:
            continue
    fail("bad_encoding", "无法识别这个 CSV 文件的文字编码（文件可能已损坏）。"
                         "请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入。")
    return "", ""  # unreachable


def _sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";", "，")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_csv_bytes(data: bytes, name: str) -> Table:
    text, encoding = decode_csv(data)
    if "\x00" in text:
        fail("bad_file", f"{name} 不是文本格式的 CSV 文件。")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    try:
        raw = [(i, row) for i, row in enumerate(reader, start=1)]
    except csv.Error as e:
        fail("bad_file", f"{name} 的 CSV 格式有误（{e}），请在 Excel/WPS 中重新另存。")
    return _table(raw, name, sha256_of(data), encoding)


def read_xlsx_bytes(data: bytes, name: str) -> Table:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError) as e:
        fail("bad_file", f"{name} 无法作为 Excel 文件打开（{type(e).__name__}），文件可能已损坏。"
                         "请在 Excel/WPS 中打开并另存为 .xlsx 后再试。")
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds on broken files
        fail("bad_file", f"{name} 无法作为 Excel 文件打开（{type(e).__name__}）。请另存为 .xlsx 后再试。")
    try:
        if not wb.worksheets:
            fail("empty", f"{name} 里没有工作表。")
        sheet = next((ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"),
                     wb.worksheets[0])
        others = [ws.title for ws in wb.worksheets
                  if ws is not sheet and getattr(ws, "sheet_state", "visible") == "visible"]
        raw = []
        for i, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            raw.append((i, list(row)))
            if i > MAX_ROWS + HEADER_SEARCH_ROWS:
                fail("too_many_rows", f"{name} 的行数超过 {MAX_ROWS} 行，请分成几个文件导入。")
        epoch = getattr(wb, "epoch", EXCEL_EPOCH)
    except ValidationError:
        raise
    except Exception as e:  # noqa: BLE001
        fail("bad_file", f"{name} 读取失败（{type(e).__name__}），文件可能已损坏。请另存为 .xlsx 后再试。")
    finally:
        wb.close()
    table = _table(raw, name, sha256_of(data), None)
    table.epoch = epoch if isinstance(epoch, datetime) else EXCEL_EPOCH
    table.sheet_name, table.other_sheets = sheet.title, others
    return table


def _table(raw: list[tuple[int, list]], name: str, sha: str, encoding: str | None) -> Table:
    rows = [(n, _trim(values)) for n, values in raw]
    rows = [(n, values) for n, values in rows if values]
    if not rows:
        fail("empty", f"{name} 是空的：没有表头和数据。")
    if len(rows) > MAX_ROWS + 1:
        fail("too_many_rows", f"{name} 的行数超过 {MAX_ROWS} 行，请分成几个文件导入。")
    return Table(source_name=name, sha256=sha, rows=rows, encoding=encoding)


def _trim(values: list) -> list:
    values = [v.strip() if isinstance(v, str) else v for v in values]
    while values and is_blank(values[-1]):
        values.pop()
    return values


def read_table(path) -> Table:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        fail("file_missing", f"找不到文件 {path}。")
    except OSError as e:
        fail("file_unreadable", oserrors.explain(e, "读取", path))
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str) -> Table:
    suffix = Path(name).suffix.lower()
    if data.startswith(b"PK\x03\x04") or suffix in (".xlsx", ".xlsm"):
        if not data.startswith(b"PK"):
            fail("bad_file", f"{name} 不是 .xlsx 文件，请在 Excel/WPS 中另存为 .xlsx 或 .csv。")
        return read_xlsx_bytes(data, name)
    if data.startswith(b"\xd0\xcf\x11\xe0") or suffix in (".xls", ".et"):
        fail("old_format", f"{name} 是旧版 Excel/WPS 格式（.xls/.et），请在 Excel/WPS 中“另存为” .xlsx 或 .csv 后再导入。")
    return read_csv_bytes(data, name)
