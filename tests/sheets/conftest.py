"""Helpers for the spreadsheet tests: write sheets the way other programs do, and count the archive."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from sqlalchemy import text

TABLES = ("activity", "equipment", "acceptance_stage", "equipment_status_change", "opening_log", "audit_log",
          "sheet_import", "item_counter")


def counts(archive) -> dict[str, int]:
    with archive.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in TABLES}


def fingerprint(archive) -> dict:
    """Counts plus the counters' values: 'nothing changed' means all of these stay equal."""
    with archive.engine.connect() as conn:
        seqs = conn.execute(text("SELECT kind, year, last_seq FROM item_counter ORDER BY kind, year")).all()
    return {**counts(archive), "seqs": [tuple(r) for r in seqs]}


def write_xlsx(path, rows) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    wb.save(path)


def write_csv(path, rows, encoding="utf-8") -> None:
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows([["" if v is None else v for v in row] for row in rows])
    path.write_bytes(buf.getvalue().encode(encoding))


@pytest.fixture
def xlsx(tmp_path):
    def make(rows, name="表.xlsx"):
        path = tmp_path / name
        write_xlsx(path, rows)
        return path
    return make


@pytest.fixture
def csvfile(tmp_path):
    def make(rows, encoding="utf-8", name="表.csv"):
        path = tmp_path / name
        write_csv(path, rows, encoding)
        return path
    return make
