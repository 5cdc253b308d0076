"""Read a sheet file into a header row and data rows: .xlsx (openpyxl, read-only) and .csv.

``open_sheet(path)`` gives a ``SheetSource``: the file held open, checked once against the limits, whose
``rows()`` streams the rows (every limit checked again as they come) and can be read more than once — the
importer reads a large sheet twice (check everything, then write) instead of holding it. ``read_table``
collects the rows into a ``Table`` (the GUI's preview, small sheets).

CSV encodings: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text") and GB18030 (a
superset of GBK and GB2312, which WPS and Excel in China often write).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import stat
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from .. import oserrors
from ..errors import ValidationError
from .limits import LIMITS, SheetLimits, check_xlsx, limits_text
from .parsing import EXCEL_EPOCH, is_blank

MAX_ROWS = LIMITS.rows
CHUNK = 1024 * 1024
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


def _sha256_stream(file: BinaryIO) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    file.seek(0)
    while piece := file.read(CHUNK):
        digest.update(piece)
        size += len(piece)
    file.seek(0)
    return digest.hexdigest(), size


CSV_ENCODINGS = (("utf-8", "UTF-8"), ("gb18030", "GB18030"))
BAD_ENCODING = ("无法识别这个 CSV 文件的文字编码（文件可能已损坏）。请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入。")


def _csv_encoding(file: BinaryIO) -> tuple[str, str, int]:
    """(codec, name, bytes to skip). A byte-order mark decides; without one UTF-8, then GB18030 — each tried
    over the whole file as a stream (nothing kept)."""
    file.seek(0)
    head = file.read(4)
    if head.startswith(b"\xef\xbb\xbf"):
        candidates, skip = [("utf-8", "UTF-8-BOM")], 3
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates, skip = [("utf-16", "UTF-16")], 0
    else:
        candidates, skip = list(CSV_ENCODINGS), 0
    for codec, name in candidates:
        decoder = codecs.getincrementaldecoder(codec)()
        file.seek(skip)
        try:
            while piece := file.read(CHUNK):
                if "\x00" in decoder.decode(piece):
                    fail("bad_file", "这个文件不是文本格式的 CSV 文件。")
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return codec, name, skip
    fail("bad_encoding", BAD_ENCODING)
    return "", "", 0  # unreachable


def decode_csv(data: bytes) -> tuple[str, str]:
    """Returns (text, encoding name) of a small CSV held in memory."""
    codec, name, skip = _csv_encoding(io.BytesIO(data))
    return data[skip:].decode(codec), name


def _sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";", "，")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _lines(text: io.TextIOBase, name: str, lim: SheetLimits):
    """Physical lines, each read with a bound (a file with no line breaks is not one giant string)."""
    while line := text.readline(lim.csv_line + 1):
        if len(line) > lim.csv_line:
            fail("too_big", f"{name} 有一行超过 {lim.csv_line} 个字，拒绝读取。{limits_text(lim)}。")
        yield line


def _csv_rows(file: BinaryIO, name: str, codec: str, skip: int, lim: SheetLimits):
    """(row number, trimmed values) of every non-empty row, every limit checked as read."""
    file.seek(skip)
    probe = io.TextIOWrapper(file, encoding=codec, newline="")
    try:
        delimiter = _sniff_delimiter(probe.readline(lim.csv_line + 1))
    except UnicodeDecodeError:
        fail("bad_encoding", BAD_ENCODING)
    finally:
        probe.detach()
    file.seek(skip)
    text = io.TextIOWrapper(file, encoding=codec, newline="")
    try:
        old = csv.field_size_limit()
        csv.field_size_limit(lim.cell * 4)  # a quoted cell may carry doubled quotes
        try:
            cells = 0
            for i, row in enumerate(csv.reader(_lines(text, name, lim), delimiter=delimiter), start=1):
                values = _bounded_row(row, i, name, lim)
                if values:  # trimmed, empty rows dropped as read
                    cells = _count_cells(cells, values, name, lim)
                    yield i, values
                if i > lim.rows + HEADER_SEARCH_ROWS:
                    fail("too_many_rows", f"{name} 的行数超过 {lim.rows} 行，请分成几个文件导入。")
        finally:
            csv.field_size_limit(old)
    except csv.Error as e:
        if "field larger" in str(e):
            fail("too_big", f"{name} 有单元格超过 {lim.cell} 个字，拒绝读取。{limits_text(lim)}。")
        fail("bad_file", f"{name} 的 CSV 格式有误，请在 Excel/WPS 中重新另存。")
    except UnicodeDecodeError:
        fail("bad_encoding", BAD_ENCODING)
    finally:
        with contextlib.suppress(ValueError):  # the file may be closed already (a reading given up)
            text.detach()


def read_csv_stream(file: BinaryIO, name: str, sha: str, lim: SheetLimits = LIMITS) -> Table:
    return _open_csv(file, name, sha, lim).table()


def _open_csv(file: BinaryIO, name: str, sha: str, lim: SheetLimits) -> SheetSource:
    codec, encoding, skip = _csv_encoding(file)
    return SheetSource(name, sha, file, lim, encoding=encoding,
                       reader=lambda: _csv_rows(file, name, codec, skip, lim))


def read_csv_bytes(data: bytes, name: str) -> Table:
    return read_csv_stream(io.BytesIO(data), name, sha256_of(data))


def _count_cells(cells: int, values: list, name: str, lim: SheetLimits) -> int:
    cells += len(values)
    if cells > lim.cells:
        fail("too_big", f"{name} 的单元格超过 {lim.cells} 个，拒绝读取，请分成几个文件导入。{limits_text(lim)}。")
    return cells


def _bounded_row(row, number: int, name: str, lim: SheetLimits) -> list:
    """The row trimmed (a list, possibly empty), after its width and cell lengths are checked."""
    if len(row) > lim.columns:
        extra = [v for v in row[lim.columns:] if not is_blank(v)]
        if extra:
            fail("too_big", f"{name} 第 {number} 行有 {len(row)} 列，超过 {lim.columns} 列的上限。{limits_text(lim)}。")
        row = row[:lim.columns]
    for col, value in enumerate(row, start=1):
        if isinstance(value, str) and len(value) > lim.cell:
            fail("too_big", f"{name} 第 {number} 行第 {col} 列的单元格有 {len(value)} 个字，超过 {lim.cell} 个字的上限。")
    return _trim(row)


def _open_xlsx(file: BinaryIO, name: str, sha: str, lim: SheetLimits) -> SheetSource:
    from .sharedstrings import load_workbook

    check_xlsx(file, name, lim)  # every part inflated once with hard limits before openpyxl trusts them
    file.seek(0)
    try:
        wb = load_workbook(file)  # openpyxl's, read-only, with the shared strings held compactly
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError):
        fail("bad_file", f"{name} 无法作为 Excel 文件打开（内容不是有效的 .xlsx 格式），文件可能已损坏。"
                         "请在 Excel/WPS 中打开并另存为 .xlsx 后再试。")
    except MemoryError:
        fail("too_big", f"{name} 的内容太多，读取时内存不足，拒绝读取。{limits_text(lim)}。")
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on broken files
        fail("bad_file", f"{name} 无法作为 Excel 文件打开（内容不是有效的 .xlsx 格式）。请另存为 .xlsx 后再试。")
    try:
        if not wb.worksheets:
            fail("empty", f"{name} 里没有工作表。")
        sheet = next((ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"),
                     wb.worksheets[0])
        others = [ws.title for ws in wb.worksheets
                  if ws is not sheet and getattr(ws, "sheet_state", "visible") == "visible"]
        epoch = getattr(wb, "epoch", EXCEL_EPOCH)
    except ValidationError:
        wb.close()
        raise
    except Exception:  # noqa: BLE001
        wb.close()
        fail("bad_file", f"{name} 读取失败（表格内容有误），文件可能已损坏。请另存为 .xlsx 后再试。")

    def rows():
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # read every row present, whatever <dimension> claims
        try:
            cells = 0
            for i, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                values = _bounded_row(row, i, name, lim)
                if values:
                    cells = _count_cells(cells, values, name, lim)
                    yield i, values
                if i > lim.rows + HEADER_SEARCH_ROWS:
                    fail("too_many_rows", f"{name} 的行数超过 {lim.rows} 行，请分成几个文件导入。")
        except ValidationError:
            raise
        except Exception:  # noqa: BLE001
            fail("bad_file", f"{name} 读取失败（表格内容有误），文件可能已损坏。请另存为 .xlsx 后再试。")

    return SheetSource(name, sha, file, lim, reader=rows, close=wb.close,
                       epoch=epoch if isinstance(epoch, datetime) else EXCEL_EPOCH, sheet_name=sheet.title,
                       other_sheets=others)


def _whole(source: SheetSource) -> Table:
    """Every row of ``source`` read into a ``Table``; the source closed after."""
    try:
        return source.table()
    finally:
        source.close()


def read_xlsx_stream(file: BinaryIO, name: str, sha: str, lim: SheetLimits = LIMITS) -> Table:
    return _whole(_open_xlsx(file, name, sha, lim))


def read_xlsx_bytes(data: bytes, name: str) -> Table:
    return read_xlsx_stream(io.BytesIO(data), name, sha256_of(data))


class SheetSource:
    """An open sheet file: its name, digest and metadata, and ``rows()`` — (sheet row number, trimmed values)
    of every non-empty row, header included, read afresh from the file on each call with every limit checked.
    ``unchanged()`` says whether the file still has the digest it had when opened."""

    def __init__(self, name: str, sha: str, file: BinaryIO, lim: SheetLimits, *, reader, close=None,
                 encoding: str | None = None, epoch: datetime = EXCEL_EPOCH, sheet_name: str | None = None,
                 other_sheets: list[str] | None = None):
        self.name, self.sha256, self.file, self.lim = name, sha, file, lim
        self._reader, self._close = reader, close
        self.encoding, self.epoch, self.sheet_name = encoding, epoch, sheet_name
        self.other_sheets = other_sheets or []
        self._owned: BinaryIO | None = None  # the file, when opened here (closed with the source)

    def rows(self):
        count = 0
        for number, values in self._reader():
            count += 1
            yield number, values
        if not count:
            fail("empty", f"{self.name} 是空的：没有表头和数据。")

    def meta(self) -> Table:
        """The file's description without its rows."""
        return Table(source_name=self.name, sha256=self.sha256, encoding=self.encoding, epoch=self.epoch,
                     sheet_name=self.sheet_name, other_sheets=list(self.other_sheets))

    def table(self) -> Table:
        table = self.meta()
        table.rows = list(self.rows())
        if len(table.rows) > MAX_ROWS + 1:
            fail("too_many_rows", f"{self.name} 的行数超过 {MAX_ROWS} 行，请分成几个文件导入。")
        return table

    def unchanged(self) -> bool:
        try:
            return _sha256_stream(self.file)[0] == self.sha256
        except OSError:
            return False

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None
        if self._owned is not None:
            self._owned.close()
            self._owned = None

    def __enter__(self) -> SheetSource:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _trim(values: list) -> list:
    values = [v.strip() if isinstance(v, str) else v for v in values]
    while values and is_blank(values[-1]):
        values.pop()
    return values


def open_sheet(path, lim: SheetLimits = LIMITS) -> SheetSource:
    """The file opened and checked against every limit that can be checked before reading rows (size, zip
    parts, encoding); close it (or use it as a context manager) when done."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a device or a pipe never ends (/dev/zero) or blocks
            fail("file_unreadable", f"{path} 不是一个普通文件，无法作为表格读取。")
        size = info.st_size
        if size > lim.file_bytes:
            fail("too_big", f"{path.name} 有 {size // 1024**2} MB，超过 {lim.file_bytes // 1024**2} MB 的上限，"
                            f"请分成几个文件导入。{limits_text(lim)}。")
        file = open(path, "rb")  # noqa: SIM115 - owned by the source
    except FileNotFoundError:
        fail("file_missing", f"找不到文件 {path}。")
    except IsADirectoryError:
        fail("file_unreadable", f"{path} 是一个文件夹，不是表格文件。")
    except OSError as e:
        fail("file_unreadable", oserrors.explain(e, "读取", path))
    try:
        sha, _size = _sha256_stream(file)
        source = open_stream(file, path.name, sha, lim)
    except OSError as e:
        file.close()
        fail("file_unreadable", oserrors.explain(e, "读取", path))
    except BaseException:
        file.close()
        raise
    source._owned = file
    return source


def read_table(path, lim: SheetLimits = LIMITS) -> Table:
    with open_sheet(path, lim) as source:
        try:
            return source.table()
        except OSError as e:
            fail("file_unreadable", oserrors.explain(e, "读取", path))
    raise AssertionError  # unreachable


def open_stream(file: BinaryIO, name: str, sha: str, lim: SheetLimits = LIMITS) -> SheetSource:
    suffix = Path(name).suffix.lower()
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"PK\x03\x04") or suffix in (".xlsx", ".xlsm"):
        if not head.startswith(b"PK"):
            fail("bad_file", f"{name} 不是 .xlsx 文件，请在 Excel/WPS 中另存为 .xlsx 或 .csv。")
        return _open_xlsx(file, name, sha, lim)
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix in (".xls", ".et"):
        fail("old_format", f"{name} 是旧版 Excel/WPS 格式（.xls/.et），请在 Excel/WPS 中“另存为” .xlsx 或 .csv 后再导入。")
    return _open_csv(file, name, sha, lim)


def read_stream(file: BinaryIO, name: str, sha: str, lim: SheetLimits = LIMITS) -> Table:
    return _whole(open_stream(file, name, sha, lim))


def read_bytes(data: bytes, name: str) -> Table:
    return read_stream(io.BytesIO(data), name, sha256_of(data))
