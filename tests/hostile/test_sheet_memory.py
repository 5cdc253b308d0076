"""Every hostile spreadsheet, through the real command in its own process under an address-space limit:
refused cleanly (Chinese, exit 1, no traceback), in bounded memory, with the archive unchanged; and a sheet
whose <dimension> under-states it imports every row."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from storage.engine import open_archive
from tests.archive_state import table_digest
from tests.hostile import files
from tests.hostile.memory import run_main

LIMIT_MB = 400  # address space: the interpreter, SQLAlchemy and openpyxl take ~150 MB of it
PEAK_MB = 300  # resident memory the keeper's PC must spare for any single input


def _digest(path):
    with open_archive(path, readonly=True) as a:
        return table_digest(a)


def _giant_cell_within_sizes(path: Path) -> Path:
    """48 MB of text in one cell: under every size and ratio limit, caught by the longest-text rule."""
    text = base64.b64encode(os.urandom(36 * files.MB))
    sheet = files.SHEET_HEAD + b"<sheetData>" + files.HEADER_ROW + b'<row r="2"><c r="B2" t="inlineStr"><is><t>' \
        + text + b"</t></is></c></row></sheetData></worksheet>"
    return files.xlsx(path, files.member("xl/worksheets/sheet1.xml", sheet))


HOSTILE = {
    "whitespace.xlsx": (files.xlsx_whitespace_bomb, "上限"),
    "giant_cell.xlsx": (files.xlsx_giant_cell, "上限"),
    "giant_cell_within_sizes.xlsx": (_giant_cell_within_sizes, "连续文字"),
    "huge_shared_string.xlsx": (files.xlsx_huge_shared_string, "上限"),
    "many_shared_strings.xlsx": (files.xlsx_many_shared_strings, "拒绝读取"),
    "many_rows.xlsx": (files.xlsx_many_rows, "拒绝读取"),
    "entity_bomb.xlsx": (files.xlsx_entity_bomb, "实体"),
    "understated_sizes.xlsx": (files.xlsx_understated_sizes, "登记的不符"),
    "giant_line.csv": (lambda p: files.csv_giant(p, 90 * files.MB), "超过"),
    "many_cells.csv": (lambda p: files.csv_many_cells(p, 90 * files.MB), "超过"),
    "wide_rows.csv": (files.csv_wide_rows, "单元格超过"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_sheet_is_refused_in_bounded_memory(name, hostile_dir, village_db):
    build, words = HOSTILE[name]
    path = hostile_dir / name
    if not path.exists():
        build(path)
    before = _digest(village_db)
    r = run_main("import-sheet", "--kind", "activities", path, "--archive", village_db, limit_mb=LIMIT_MB)
    assert r.code == 1, (r.code, r.out, r.err)
    assert words in r.err and "Traceback" not in r.err and "Error" not in r.err, r.err
    assert r.peak_mb < PEAK_MB, r.peak_mb
    assert _digest(village_db) == before


def test_understated_dimension_imports_every_row(tmp_path, village_db):
    path = files.xlsx_understated_dimension(tmp_path / "五行.xlsx", rows=5)
    r = run_main("import-sheet", "--kind", "activities", path, "--archive", village_db, limit_mb=LIMIT_MB)
    assert r.code == 0 and "共 5 行数据" in r.out and "新增 5 行" in r.out, (r.out, r.err)


@pytest.mark.parametrize("command", [("import-sheet", "--kind", "activities"), ("verify",)])
def test_devices_and_pipes_are_refused(command, village_db, tmp_path):
    fifo = tmp_path / "管道.csv"
    os.mkfifo(fifo)
    for path in ("/dev/zero", fifo):
        r = run_main(*command, path, "--archive", village_db, limit_mb=LIMIT_MB, timeout=60) if command[0] != "verify" \
            else run_main(*command, path, limit_mb=LIMIT_MB, timeout=60)
        assert r.code == 1 and "不是一个普通文件" in (r.out + r.err), (r.out, r.err)
