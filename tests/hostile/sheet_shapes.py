"""Legal spreadsheets at the edges of storage/sheets/limits.py: the largest shapes a keeper's file may have.

Each builder writes a file that passes every reading limit (file ≤ 100 MB, ≤ 100,000 rows, ≤ 256 columns,
≤ 2,000,000 cells, .xlsx inflating to ≤ 512 MB, shared strings ≤ 64 MB / 1,000,000), so the command must read
it — and stay within the memory a keeper's PC can spare. ``scale`` shrinks a shape for quick runs.

    python -m tests.hostile.sheet_shapes [SHAPE ...]   # build and measure (peak RSS, time) under RLIMIT_AS
"""

from __future__ import annotations

import random
import sys
import time
import zipfile
from datetime import date, timedelta
from itertools import chain
from pathlib import Path

from tests.hostile import files

MB = 1024**2
ROWS = 100_000
CATEGORIES = ("文化娱乐", "体育健身", "民俗节庆", "宣传教育", "培训讲座")
HEADER = ("日期", "结束日期", "开始时间", "结束时间", "活动名称", "类别", "节日", "地点", "组织者", "参与人数", "内容摘要")
_RNG = random.Random(2026)
_BASE = "".join(chr(_RNG.randrange(0x4E00, 0x9FA5)) for _ in range(2_000))
TEXT = _BASE * 4  # summaries are slices of this: varied enough to be real, repetitive enough to compress


def _day(n: int) -> str:
    return (date(2000, 1, 1) + timedelta(days=n % 9000)).isoformat()


def activity_values(n: int, summary_chars: int) -> list[str]:
    """A valid activity row; (date, title, place) unique for every n."""
    off = (n * 7919) % 2_000
    return [_day(n), "", "08:30", "11:00", f"广场舞培训第{n}期", CATEGORIES[n % 5], "", f"文化广场{n // 9000}号",
            "村文体协管员", str(10 + n % 400), TEXT[off:off + summary_chars]]


def bad_activity_values(n: int, long: bool = True) -> list[str]:
    """Every column wrong: ten or eleven problems a row, each naming the cell's value (``long``: three
    over-long texts a row and an over-long summary every tenth row; else only the title too long)."""
    many = 201 if long else 1
    return [f"不是日期{n}", "2月30", "25:99", "半夜", "名" * 201, "不知道", "圣诞", "地" * many, "组" * many,
            f"很多{n}人", "摘" * (5001 if long and n % 10 == 0 else 3)]


# -- writers ----------------------------------------------------------------------------------------------------
def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline_row(n: int, values) -> str:
    cells = "".join(f'<c t="inlineStr"><is><t>{_xml_text(v)}</t></is></c>' if v else "<c/>" for v in values)
    return f'<row r="{n}">{cells}</row>'


def _open_xlsx(path: Path) -> zipfile.ZipFile:
    zf = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
    for name, data in (("[Content_Types].xml", files.CONTENT_TYPES), ("_rels/.rels", files.ROOT_RELS),
                       ("xl/workbook.xml", files.WORKBOOK), ("xl/_rels/workbook.xml.rels", files.WORKBOOK_RELS)):
        zf.writestr(name, data)
    return zf


EMPTY_SST = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main" count="0" uniqueCount="0"/>')


def _write_sheet(zf: zipfile.ZipFile, rows) -> None:
    """``rows``: an iterable of XML row strings (header included), streamed into the part."""
    with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(files.SHEET_HEAD + b"<sheetData>")
        buf = []
        for row in rows:
            buf.append(row)
            if len(buf) >= 500:
                f.write("".join(buf).encode())
                buf = []
        f.write("".join(buf).encode() + b"</sheetData></worksheet>")


def xlsx_inline(path: Path, rows: int = ROWS, summary_chars: int = 1_550, bad: bool = False) -> Path:
    """Inline strings (what many tools write): ~500 MB of XML for 100,000 rows of 1,550-character summaries."""
    with _open_xlsx(path) as zf:
        values = bad_activity_values if bad else (lambda n: activity_values(n, summary_chars))
        _write_sheet(zf, chain([_inline_row(1, HEADER)], (_inline_row(n + 2, values(n)) for n in range(rows))))
        zf.writestr("xl/sharedStrings.xml", EMPTY_SST)
    return path


def xlsx_shared(path: Path, rows: int = ROWS - 10, extra_columns: int = 3, string_chars: int = 32) -> Path:
    """Shared strings (what Excel and WPS write): every cell its own string — 100,000 rows × 14 columns,
    1,000,000 strings (the limit; dates and counts stay numbers), ~60 MB of sharedStrings.xml."""
    strings: list[str] = []

    def ref(text: str) -> str:
        strings.append(text)
        return f'<c t="s"><v>{len(strings) - 1}</v></c>'

    def row(n: int) -> str:
        v = activity_values(n, string_chars)
        serial = (date.fromisoformat(v[0]) - date(1899, 12, 30)).days
        off = (n * 31) % 2_000
        cells = [f"<c><v>{serial}</v></c>", "<c/>", ref(v[2]), ref(v[3]), ref(v[4]), ref(v[5]), "<c/>", ref(v[7]),
                 ref(v[8]), f"<c><v>{v[9]}</v></c>", ref(TEXT[off:off + string_chars])]
        cells += [ref(TEXT[off + i:off + i + string_chars]) for i in range(extra_columns)]
        return f'<row r="{n}">{"".join(cells)}</row>'

    header = list(HEADER) + [f"备用列{i}" for i in range(extra_columns)]
    with _open_xlsx(path) as zf:
        _write_sheet(zf, [f'<row r="1">{"".join(ref(h) for h in header)}</row>'] + [row(n + 2) for n in range(rows)])
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
                    % (len(strings), len(strings)))
            for start in range(0, len(strings), 10_000):
                f.write("".join(f"<si><t>{_xml_text(s)}</t></si>" for s in strings[start:start + 10_000]).encode())
            f.write(b"</sst>")
    return path


def xlsx_wide(path: Path, columns: int = 256, cells: int = 2_000_000, cell_chars: int = 80) -> Path:
    """As wide as allowed and as many cells as allowed: 256 columns × 7,812 rows, ~480 MB of inline text."""
    rows = cells // columns - 1
    header = list(HEADER) + [f"备用列{i}" for i in range(columns - len(HEADER))]

    def row(n: int) -> str:
        v = activity_values(n, cell_chars)
        off = (n * 13) % 2_000
        return _inline_row(n + 2, v + [TEXT[off + i:off + i + cell_chars] for i in range(columns - len(HEADER))])

    with _open_xlsx(path) as zf:
        _write_sheet(zf, chain([_inline_row(1, header)], (row(n) for n in range(rows))))
        zf.writestr("xl/sharedStrings.xml", EMPTY_SST)
    return path


def _csv_line(values) -> str:
    return ",".join(f'"{v}"' if ("," in v or '"' in v or "\n" in v) else v for v in values) + "\r\n"


def csv_long(path: Path, encoding: str = "utf-8-sig", rows: int = ROWS, size: int = 96 * MB, bad: bool = False) -> Path:
    """100,000 activity rows with the summaries as long as the 100 MB file allows (UTF-8: ~300 characters,
    GB18030: ~450)."""
    per_char = 2 if encoding == "gb18030" else 3
    summary = max(0, (size // rows - 80) // per_char)
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(_csv_line(HEADER))
        for n in range(rows):
            f.write(_csv_line(bad_activity_values(n, long=False) if bad else activity_values(n, summary)))
    return path


def csv_wide(path: Path, columns: int = 256, cells: int = 2_000_000, size: int = 99 * MB) -> Path:
    rows = cells // columns - 1
    chars = size // cells // 3
    header = list(HEADER) + [f"备用列{i}" for i in range(columns - len(HEADER))]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(_csv_line(header))
        for n in range(rows):
            off = (n * 13) % 2_000
            f.write(_csv_line(activity_values(n, chars) + [TEXT[off + i:off + i + chars]
                                                           for i in range(columns - len(HEADER))]))
    return path


SHAPES = {
    "csv-utf8bom-100k-long": lambda p: csv_long(p, "utf-8-sig"),
    "csv-gb18030-100k-long": lambda p: csv_long(p, "gb18030"),
    "csv-100k-all-bad": lambda p: csv_long(p, "utf-8", bad=True),
    "csv-256-columns": csv_wide,
    "xlsx-inline-100k-long": xlsx_inline,
    "xlsx-inline-100k-all-bad": lambda p: xlsx_inline(p, bad=True),
    "xlsx-shared-1m-strings": xlsx_shared,
    "xlsx-256-columns": xlsx_wide,
}


def build(name: str, folder: Path) -> Path:
    suffix = ".csv" if name.startswith("csv") else ".xlsx"
    path = folder / f"{name}{suffix}"
    if not path.exists():
        tmp = path.with_name(path.name + ".part")
        SHAPES[name](tmp)
        tmp.rename(path)
    return path


def main(argv: list[str]) -> None:
    import shutil
    import tempfile

    from storage import centers
    from storage.engine import open_archive
    from tests.hostile.memory import run_main

    folder = Path("/tmp/va-sheet-shapes")
    folder.mkdir(exist_ok=True)
    names = argv or list(SHAPES)
    for name in names:
        path = build(name, folder)
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "村.db"
            with open_archive(db, create=True, actor="李秀英") as a, a.session() as s:
                centers.create_center(s, a.actor, own=True, name="城东村综合性文化服务中心", town="苍城镇",
                                      village="城东村", code="TEST", keeper="李秀英")
                centers.set_role(s, "village")
            t0 = time.perf_counter()
            r = run_main("import-sheet", "--kind", "activity", path, "--archive", db, limit_mb=1500, timeout=1200)
            took = time.perf_counter() - t0
            last = (r.out or r.err).strip().splitlines()
            print(f"{name:28s} {path.stat().st_size / MB:6.1f} MB  exit {r.code}  peak {r.peak_mb:6.0f} MB  "
                  f"{took:6.1f} s  {last[-1][:90] if last else ''}", flush=True)
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
