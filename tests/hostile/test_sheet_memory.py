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
from tests.hostile import files, sheet_shapes
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


# -- legal sheets at the edges of the limits (tests/hostile/sheet_shapes.py; the full-size figures are in
# docs/hostile-input.md): read, checked and written — or refused — within the memory limit, all or nothing.
def _activities(path) -> int:
    with open_archive(path, readonly=True) as a, a.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM activity").scalar()


def test_every_row_bad_is_refused_in_bounded_memory(hostile_dir, village_db):
    """100,000 rows, 800,000 problems: before, 518 MB to hold them all; now the first ones and a count."""
    path = hostile_dir / "all_bad.csv"
    if not path.exists():
        sheet_shapes.csv_long(path, "utf-8", bad=True)
    before = _digest(village_db)
    r = run_main("import-sheet", "--kind", "activity", path, "--archive", village_db, limit_mb=LIMIT_MB)
    assert r.code == 1 and "发现 800000 处问题，没有导入任何数据" in r.err and "（共 800000 处）" in r.err, r.err[-500:]
    assert r.err.count("\n  第 ") == 50 and "Traceback" not in r.err
    assert r.peak_mb < PEAK_MB, r.peak_mb
    assert _digest(village_db) == before


def test_long_rows_are_written_through_a_temporary_file(hostile_dir, village_db):
    """20,000 GB18030 rows of long summaries: more than is kept in memory, so the checked rows wait in a
    temporary file (the 100,000-row file of the same shape: 542 MB before, ~90 MB now)."""
    path = hostile_dir / "long_gb18030.csv"
    if not path.exists():
        sheet_shapes.csv_long(path, "gb18030", rows=20_000, size=20 * files.MB)
    r = run_main("import-sheet", "--kind", "activity", path, "--archive", village_db, limit_mb=LIMIT_MB)
    assert r.code == 0 and "共 20000 行数据" in r.out and "新增 20000 行" in r.out, (r.out, r.err[-500:])
    assert r.peak_mb < PEAK_MB, r.peak_mb
    assert _activities(village_db) == 20_000


def test_one_bad_row_after_many_changes_nothing(hostile_dir, village_db):
    path = hostile_dir / "last_row_bad.csv"
    if not path.exists():
        sheet_shapes.csv_long(path, "utf-8", rows=20_000, size=20 * files.MB)
        with open(path, "a", encoding="utf-8", newline="") as f:
            f.write(sheet_shapes._csv_line(["2024-02-30", *sheet_shapes.activity_values(20_000, 10)[1:]]))
    before = _digest(village_db)
    r = run_main("import-sheet", "--kind", "activity", path, "--archive", village_db, limit_mb=LIMIT_MB)
    assert r.code == 1 and "发现 1 处问题，没有导入任何数据" in r.err and "第 20002 行" in r.err, r.err[-500:]
    assert r.peak_mb < PEAK_MB, r.peak_mb
    assert _digest(village_db) == before


def test_most_shared_strings_allowed(hostile_dir, village_db):
    """Every cell its own shared string, 400,000 of them (the limit's 1,000,000 took 387 MB before, ~200 now)."""
    path = hostile_dir / "shared_strings.xlsx"
    if not path.exists():
        sheet_shapes.xlsx_shared(path, rows=40_000)
    r = run_main("import-sheet", "--kind", "activity", path, "--archive", village_db, limit_mb=LIMIT_MB)
    assert r.code == 0 and "新增 40000 行" in r.out, (r.out, r.err[-500:])
    assert r.peak_mb < PEAK_MB, r.peak_mb


def test_export_of_many_long_rows_stays_small(hostile_dir, tmp_path, village_db):
    """Export streams: 15,000 activities with long summaries in well under what holding them took (~170 MB;
    100,000 of them took 663 MB, now ~80)."""
    path = hostile_dir / "export_source.csv"
    if not path.exists():
        sheet_shapes.csv_long(path, "utf-8-sig", rows=15_000, size=15 * files.MB)
    assert run_main("import-sheet", "--kind", "activity", path, "--archive", village_db).code == 0
    out = tmp_path / "导出.xlsx"
    r = run_main("export-sheet", "--kind", "activity", "--archive", village_db, "--out", out, limit_mb=LIMIT_MB)
    assert r.code == 0 and "已导出 15000 行" in r.out, (r.out, r.err[-500:])
    assert r.peak_mb < 130, r.peak_mb
