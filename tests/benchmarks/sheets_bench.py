"""Benchmark (not a test): import a 10,000-row activity sheet; goal ≤ 10 s.

    python tests/benchmarks/sheets_bench.py [ROWS]

Prints the import time and, as a baseline measured in the same run on the same machine, the time to
read the same file with openpyxl and insert the same rows with raw sqlite3 executemany (no checks,
no audit trail, no item numbers): the ratio says what validation, numbering and auditing cost.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from storage import centers, rules  # noqa: E402
from storage.engine import open_archive  # noqa: E402
from storage.sheets import import_file  # noqa: E402
from storage.sheets.readers import read_table  # noqa: E402
from storage.sheets.validation import check_table  # noqa: E402

HEADER = ["日期", "结束日期", "活动名称", "类别", "节日", "地点", "组织者", "参与人数", "内容摘要"]


def make_sheet(path: Path, rows: int) -> None:
    rng = random.Random(2017)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("活动")
    ws.append(HEADER)
    start = date(2017, 1, 1)
    for i in range(rows):
        day = start + timedelta(days=rng.randrange(3000))
        ws.append([day, None, f"第{i}场 广场舞培训班", rng.choice(rules.ACTIVITY_CATEGORIES),
                   rng.choice((None, *rules.FESTIVALS)), "城东村文体广场", "村文体协管员", rng.randrange(10, 500),
                   "内容摘要" * rng.randrange(0, 5)])
    wb.save(path)


def baseline(path: Path, folder: Path) -> float:
    t0 = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list(wb.active.iter_rows(min_row=2, values_only=True))
    wb.close()
    con = sqlite3.connect(folder / "raw.db")
    con.execute("CREATE TABLE activity (start_date, end_date, title, category, festival, location, organizer, "
                "participants, summary)")
    with con:
        con.executemany("INSERT INTO activity VALUES (?,?,?,?,?,?,?,?,?)",
                        [(r[0].date().isoformat(), *r[1:]) for r in rows])
    con.close()
    return time.perf_counter() - t0


def main(rows: int = 10_000) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = folder / "活动.xlsx"
        make_sheet(sheet, rows)
        archive = open_archive(folder / "bench.db", create=True, actor="bench")
        with archive.session() as s:
            centers.create_center(s, archive.actor, own=True, name="城东村综合性文化服务中心", town="苍城镇",
                                  village="城东村", code="BENCH")
        t0 = time.perf_counter()
        check = check_table(read_table(sheet), __import__("storage.sheets.columns").sheets.columns.ACTIVITIES)
        t_check = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = import_file(archive, "activities", sheet)
        t_import = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = import_file(archive, "activities", sheet)
        t_again = time.perf_counter() - t0
        archive.close()
        t_base = baseline(sheet, folder)
    assert report.rows_added == rows and not check.problems, report.text()
    assert again.rows_added == 0
    print(f"rows: {rows}  (cpus: {os.cpu_count()})")
    print(f"read + validate only:     {t_check:6.2f} s")
    print(f"import (read, validate, number, audit, commit): {t_import:6.2f} s  goal ≤ 10 s  "
          f"{'OK' if t_import <= 10 else 'TOO SLOW'}")
    print(f"re-import (adds nothing): {t_again:6.2f} s")
    print(f"baseline openpyxl read + raw sqlite3 executemany: {t_base:6.2f} s")
    print(f"ratio import / baseline:  {t_import / t_base:6.1f}x")
    return 0 if t_import <= 10 else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
