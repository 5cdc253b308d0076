"""The streaming import: a sheet too large to keep goes through a temporary file, or is read twice (check
all, then write) when that file cannot be written, with the same result as one kept in memory; problems are
counted past the ones kept; a file changed between the two readings, or a cancel during the writing, changes
nothing."""

import errno
import io
from datetime import date

import pytest
from sqlalchemy import select

from storage.errors import DomainError
from storage.models import Activity, AuditEntry
from storage.sheets import importer
from storage.sheets.importer import import_file, import_scanned, scan_file
from tests.archive_state import new_village

from .conftest import fingerprint

HEADER = ["日期", "活动名称", "类别", "地点", "参与人数", "内容摘要"]
TODAY = date(2026, 12, 1)


def _rows(n: int) -> list[list]:
    return [[f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", f"广场舞第{i}期", "文化娱乐", "文化广场", 10 + i, "摘要" * (i % 7)]
            for i in range(n)]


def _records(archive):
    with archive.session() as s:
        acts = [(a.item_number, a.start_date, a.title, a.location, a.participants, a.summary)
                for a in s.scalars(select(Activity).order_by(Activity.id))]
        creates = s.scalar(select(AuditEntry.id).where(AuditEntry.action == "create",
                                                       AuditEntry.entity == "activity").order_by(AuditEntry.id.desc()))
    return acts, creates


def _summary(report):
    return (report.refused, report.rows_total, report.rows_added, report.rows_existing, report.rows_invalid,
            report.problem_count, report.added, report.notices)


MODES = {"spilled": {"hold_bytes": 0}, "read again": {"hold_bytes": 0, "spill": False},
         "spilled past some kept": {"hold_bytes": 100_000}}


@pytest.mark.parametrize("only_valid", [False, True])
@pytest.mark.parametrize("mode", sorted(MODES))
def test_large_sheet_equals_kept(archive, tmp_path, csvfile, only_valid, mode):
    rows = _rows(450)
    rows[7] = list(rows[3])  # a duplicate in the file
    rows.insert(0, ["【示例】2017-01-29", "示例", "其他", "", "", ""])
    if only_valid:
        rows[100][0] = "不是日期"
    path = csvfile([HEADER, *rows])
    other = new_village(tmp_path / "另一个.db")
    try:
        import_file(archive, "activity", csvfile([HEADER, rows[20]], name="已有.csv"), today=TODAY)
        import_file(other, "activity", csvfile([HEADER, rows[20]], name="已有.csv"), today=TODAY)
        kept = import_file(archive, "activity", path, only_valid=only_valid, today=TODAY)
        twice = import_file(other, "activity", path, only_valid=only_valid, today=TODAY, **MODES[mode])
        assert _summary(kept) == _summary(twice)
        assert kept.rows_added == 450 - 2 - only_valid and kept.rows_existing == 2
        assert _records(archive)[0] == _records(other)[0]
    finally:
        other.close()


def test_scan_keeps_rows_only_within_the_budget(csvfile):
    path = csvfile([HEADER, *_rows(1200)])
    with scan_file(path, "activity", TODAY) as small:
        assert small.held is not None and len(small.held) == 1200 and small.held_bytes < importer.HOLD_BYTES
        assert small.spilled is None
        kept = [r.cleaned for r in small.held]
    with scan_file(path, "activity", TODAY, hold_bytes=small.held_bytes // 2) as large:
        assert large.held is None and large.spilled is not None and large.rows_valid == 1200
        assert [r.row for r in large.valid_rows()] == list(range(2, 1202))  # from the temporary file, in order
        assert [r.cleaned for r in large.valid_rows()] == kept
        file = large.spilled.file
    assert file.closed


class _FullDisk(io.BytesIO):
    def __init__(self, room: int):
        super().__init__()
        self.room = room

    def write(self, data):
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


@pytest.mark.parametrize("room", [0, 30_000])
def test_full_disk_reads_the_sheet_again(archive, tmp_path, csvfile, monkeypatch, room):
    path = csvfile([HEADER, *_rows(1200)])
    monkeypatch.setattr(importer.tempfile, "TemporaryFile", lambda **_kw: _FullDisk(room))
    with scan_file(path, "activity", TODAY, hold_bytes=0) as scan:
        assert scan.held is None and scan.spilled is None and scan.rows_valid == 1200
        report = import_scanned(archive, scan)
    other = new_village(tmp_path / "另一个.db")
    try:
        kept = import_file(other, "activity", path, today=TODAY)
        assert _summary(report) == _summary(kept) and _records(archive)[0] == _records(other)[0]
    finally:
        other.close()


def test_problems_are_counted_past_the_kept_ones(archive, csvfile, monkeypatch):
    monkeypatch.setattr(importer, "KEEP_PROBLEMS", 60)
    rows = [["不是日期", f"活动{i}", "不知道"] for i in range(200)]  # two problems a row
    before = fingerprint(archive)
    report = import_file(archive, "activity", csvfile([HEADER[:3], *rows]), today=TODAY)
    assert report.refused and len(report.problems) == 60 and report.problem_count == 400
    text = report.text()
    assert "发现 400 处问题" in text and "只列出前 50 处，另有 350 处问题（共 400 处）" in text
    assert fingerprint(archive) == before


def test_file_changed_between_the_readings_changes_nothing(archive, csvfile):
    path = csvfile([HEADER, *_rows(300)])
    before = fingerprint(archive)
    with scan_file(path, "activity", TODAY, hold_bytes=0, spill=False) as scan:
        data = path.read_bytes()
        with open(path, "r+b") as f:  # the same file, edited in place: same size, same rows, other text
            f.write(data.replace("广场舞第1期".encode(), "广场舞第X期".encode(), 1))
        with pytest.raises(DomainError) as e:
            import_scanned(archive, scan)
    assert e.value.code == "sheet_changed" and "被改动" in e.value.message
    assert fingerprint(archive) == before


@pytest.mark.parametrize("spill", [True, False])
def test_cancel_while_writing_changes_nothing(archive, csvfile, spill):
    path = csvfile([HEADER, *_rows(900)])
    before = fingerprint(archive)
    seen = []
    with scan_file(path, "activity", TODAY, hold_bytes=0, spill=spill) as scan, pytest.raises(DomainError) as e:
        import_scanned(archive, scan, progress=lambda done, total, _text: seen.append(done),
                       cancelled=lambda: len(seen) >= 2)
    assert e.value.code == "cancelled" and seen == [200, 400]
    assert fingerprint(archive) == before


def test_many_example_rows_are_named_briefly(archive, csvfile):
    rows = [[f"【示例】第{i}行", "示例", "其他"] for i in range(30)] + [["2024-02-10", "舞龙", "民俗节庆"]]
    report = import_file(archive, "activity", csvfile([HEADER[:3], *rows]), today=TODAY)
    [notice] = [n for n in report.notices if "示例" in n]
    assert notice.startswith("第 2、3、4") and "21 等 30 行是模板示例行" in notice and report.rows_added == 1
