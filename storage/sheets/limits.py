"""What a spreadsheet may be, checked against what is read (never against what the file claims).

An .xlsx is a zip of XML parts. Before openpyxl sees it, every part is inflated once as a stream (see
``storage.boundedzip``) with hard caps on its size, the total, the compression ratio, the longest run of
text between two tags (a whitespace bomb, a giant cell, a huge shared string all are one long run), the
number of shared strings, and no DTD (entity expansion). What passes inflates to exactly its declared
sizes, so openpyxl — which trusts them — reads a bounded file. Rows, columns and cell lengths are
checked as rows are read (readers.py). The same numbers are stated in docs/spreadsheets.md. Memory does not
grow with these limits: the importer streams (importer.py); the largest legal shapes peak at ~160 MB
(docs/hostile-input.md).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from .. import boundedzip
from ..boundedzip import InflateRefused
from ..errors import ValidationError

MB = 1024**2


@dataclass(frozen=True)
class SheetLimits:
    file_bytes: int = 100 * MB  # the .xlsx or .csv on disk
    inflated_total: int = 512 * MB  # all parts of an .xlsx, uncompressed
    part: int = 512 * MB  # one part
    shared_strings_bytes: int = 64 * MB  # xl/sharedStrings.xml, held whole by openpyxl
    shared_strings: int = 1_000_000
    parts: int = 10_000
    ratio: int = 200  # uncompressed / compressed, above ratio_floor
    ratio_floor: int = 8 * MB
    text_run: int = 256 * 1024  # bytes of text between two tags: a cell of 32,767 characters fits
    rows: int = 100_000  # a busy center logs a few hundred activities a year
    columns: int = 256
    cells: int = 2_000_000  # non-empty cells in the sheet (100k rows × 20 columns)
    cell: int = 32_767  # characters, as in Excel itself
    csv_line: int = 1_000_000  # characters in one physical line of a CSV file


LIMITS = SheetLimits()


def fail(code: str, message: str):
    raise ValidationError(code, message, "file")


def limits_text(lim: SheetLimits = LIMITS) -> str:
    return (f"本软件读取表格的上限：文件 {lim.file_bytes // MB} MB，{lim.rows} 行，{lim.columns} 列，"
            f"每个单元格 {lim.cell} 个字，.xlsx 解压后合计 {lim.inflated_total // MB} MB"
            f"（其中共享文字 {lim.shared_strings_bytes // MB} MB、{lim.shared_strings} 条）")


class _XmlScan:
    """Fed the inflated bytes of one XML part: refuses a DTD and any text run longer than the limit."""

    def __init__(self, name: str, lim: SheetLimits, shared: bool):
        self.name, self.lim, self.shared = name, lim, shared
        self.run = 0  # length of the text since the last '<'
        self.tail = b""
        self.strings = 0

    def __call__(self, piece: bytes) -> None:
        window = self.tail + piece
        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
            raise InflateRefused("dtd", self.name)
        if self.shared:
            self.strings += window.count(b"<si>") + window.count(b"<si ") - (
                self.tail.count(b"<si>") + self.tail.count(b"<si "))
            if self.strings > self.lim.shared_strings:
                raise InflateRefused("shared_strings", self.name)
        self.tail = piece[-16:]
        parts = piece.split(b"<")
        if len(parts) == 1:
            self.run += len(piece)
        else:
            longest = max(self.run + len(parts[0]), max(map(len, parts[1:-1]), default=0))
            if longest > self.lim.text_run:
                raise InflateRefused("text_run", self.name)
            self.run = len(parts[-1])
        if self.run > self.lim.text_run:
            raise InflateRefused("text_run", self.name)


def check_xlsx(file: BinaryIO, name: str, lim: SheetLimits = LIMITS) -> None:
    """Inflate every part once with the limits; ValidationError (code too_big / bad_file) naming the limit."""
    try:
        zf = zipfile.ZipFile(file)
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        fail("bad_file", f"{name} 无法作为 Excel 文件打开（文件可能已损坏）。请在 Excel/WPS 中打开并另存为 .xlsx 后再试。")
        raise AssertionError from e  # unreachable
    if len(infos) > lim.parts:
        fail("too_big", f"{name} 内含 {len(infos)} 个部件，超过 {lim.parts} 个的上限，不像是一个普通的表格文件。")
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        part = info.filename
        shared = part.lower().endswith("sharedstrings.xml")
        cap = lim.shared_strings_bytes if shared else lim.part
        xml = part.lower().endswith((".xml", ".rels"))
        scan = _XmlScan(part, lim, shared) if xml else None
        try:
            for piece in boundedzip.inflate(file, info, cap=cap, ratio=lim.ratio, ratio_floor=lim.ratio_floor,
                                            check=scan):
                total += len(piece)
                if total > lim.inflated_total:
                    fail("too_big", f"{name} 解压后超过 {lim.inflated_total // MB} MB 的上限，拒绝读取。{limits_text(lim)}。")
        except InflateRefused as e:
            fail("too_big" if e.code != "bad_data" else "bad_file", _why(name, part, e, lim))


def _why(name: str, part: str, e: InflateRefused, lim: SheetLimits) -> str:
    why = {
        "size_lie": "解压后的实际大小与文件头登记的不符（疑似“压缩炸弹”或被改动的文件）",
        "too_big": f"解压后超过 {(lim.shared_strings_bytes if 'haredStrings' in part else lim.part) // MB} MB 的上限",
        "ratio": f"压缩比异常（{e.detail}，上限 {lim.ratio} 倍），疑似“压缩炸弹”",
        "dtd": "含有 DTD/实体声明（Excel/WPS 不会写这种内容，可用来制造“实体炸弹”）",
        "text_run": f"有一段超过 {lim.text_run // 1024} KB 的连续文字或空白（单元格最多 {lim.cell} 个字）",
        "shared_strings": f"共享文字超过 {lim.shared_strings} 条",
        "bad_data": "已损坏，无法读出",
    }.get(e.code, "无法读取")
    end = "请在 Excel/WPS 中打开并另存为 .xlsx 后再试。" if e.code == "bad_data" else f"拒绝读取。{limits_text(lim)}。"
    return f"{name} 的部件 {part} {why}，{end}"
