"""Import a checked sheet into the archive: all or nothing, nothing twice, every step audited.

* Refused (nothing written, nothing audited) when any row has a problem, unless the caller
  explicitly asks for ``only_valid`` (the GUI does, after the keeper chose it).
* A row whose natural key (activity: date + name + place; equipment: name + spec + purchase date;
  opening log: the day) is already in the archive — or earlier in the same file — is skipped.
* One transaction: the records (through the registers' own writers or the equivalent bulk path,
  see ``bulk.py``), their acceptance stages, a ``SheetImport`` row and its "import" audit entry.

Memory stays bounded whatever the sheet (``scan_file`` / ``import_scanned``, used by the command line
and ``import_file``): the file is checked as a stream, keeping counts, the first problems and — while they
fit in ``HOLD_BYTES`` — the checked rows. Past that, the checked rows go to a temporary file (pickled in
batches, deleted when closed) and are read back while written, in batches, in the one transaction. If the
temporary file cannot be written (a full disk), the sheet is read and checked a second time instead (and
its digest compared again before the commit). Natural keys are compared by a 16-byte digest. ``check_file`` + ``import_checked`` keep every
row (the GUI's preview).
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import audit, centers, equipment, oserrors
from ..errors import DomainError
from ..models import Activity, Equipment, OpeningLog, SheetImport
from . import bulk
from .columns import SheetKind, get_kind
from .readers import HEADER_SEARCH_ROWS, SheetSource, Table, open_sheet, read_table
from .validation import CheckedRow, Problem, SheetCheck, check_table

PROGRESS_EVERY = 200  # rows written per batch
REPORT_PROBLEMS = 50  # problems listed in a report; the total is always given
KEEP_PROBLEMS = 1_000  # problems a streamed check keeps (the rest are counted)
HOLD_BYTES = 32 * 1024**2  # checked rows kept in memory (about 20,000 ordinary rows); the rest wait on disk


@dataclass
class ImportReport:
    kind: str
    source_name: str
    sha256: str
    rows_total: int = 0
    rows_added: int = 0
    rows_existing: int = 0  # already in the archive (or earlier in the file)
    rows_invalid: int = 0  # had problems; skipped only when the keeper chose to import the valid rows
    refused: bool = False
    problems: list[Problem] = field(default_factory=list)  # all of them, or the first KEEP_PROBLEMS
    problems_total: int | None = None  # when ``problems`` holds only the first ones
    notices: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # item numbers (or days) of the new records
    earlier_imports: list[str] = field(default_factory=list)  # when this same file was imported before

    @property
    def rows_skipped(self) -> int:
        return self.rows_existing + self.rows_invalid

    @property
    def problem_count(self) -> int:
        return len(self.problems) if self.problems_total is None else self.problems_total

    def _problem_lines(self, limit: int | None) -> list[str]:
        shown = self.problems if limit is None else self.problems[:limit]
        out = [f"  {p.text()}" for p in shown]
        total = self.problem_count
        if total > len(shown):
            out.append(f"  ……只列出前 {len(shown)} 处，另有 {total - len(shown)} 处问题"
                       f"（共 {total} 处）。常见原因是整列格式不对，请先改正上面这些再试。")
        return out

    def lines(self, limit: int | None = REPORT_PROBLEMS) -> list[str]:
        kind = get_kind(self.kind)
        out = [f"文件：{self.source_name}（SHA-256 {self.sha256[:16]}…），{kind.title}表，共 {self.rows_total} 行数据。"]
        out += self.notices
        for when in self.earlier_imports:
            out.append(f"这个文件在 {when} 已经导入过，已有的记录不会重复导入。")
        if self.refused:
            out.append(f"发现 {self.problem_count} 处问题，没有导入任何数据（档案没有改动）。请改正后重新导入：")
            out += self._problem_lines(limit)
            return out
        if self.rows_invalid:
            out.append(f"按您的选择，跳过了 {self.rows_invalid} 行有问题的数据：")
            out += self._problem_lines(limit)
        out.append(f"导入完成：新增 {self.rows_added} 行；已存在而跳过 {self.rows_existing} 行；"
                   f"有问题而跳过 {self.rows_invalid} 行。")
        return out

    def text(self, limit: int | None = REPORT_PROBLEMS) -> str:
        return "\n".join(self.lines(limit))


def check_file(path, kind: str, today: date | None = None) -> SheetCheck:
    """Read and validate without touching any archive, keeping every row (the GUI's preview)."""
    return check_table(read_table(path), get_kind(kind), today)


def import_file(archive, kind: str, path, *, only_valid: bool = False, progress: Callable | None = None,
                cancelled: Callable[[], bool] | None = None, today: date | None = None,
                hold_bytes: int = HOLD_BYTES, spill: bool = True) -> ImportReport:
    with scan_file(path, kind, today, hold_bytes=hold_bytes, spill=spill) as scan:
        if scan.refused(only_valid):
            return scan.report(refused=True)
        return import_scanned(archive, scan, only_valid=only_valid, progress=progress, cancelled=cancelled)


def import_table(archive, kind: str, table: Table, **options) -> ImportReport:
    return import_checked(archive, check_table(table, get_kind(kind), options.pop("today", None)), **options)


def import_checked(archive, check: SheetCheck, *, only_valid: bool = False, progress: Callable | None = None,
                   cancelled: Callable[[], bool] | None = None) -> ImportReport:
    kind = check.kind
    table = check.table
    report = ImportReport(kind=kind.name, source_name=table.source_name, sha256=table.sha256,
                          rows_total=len(check.data_rows), problems=check.problems, notices=check.notices())
    if check.file_problems or (check.problems and not only_valid):
        report.refused = True  # before the archive is touched (it may even be None)
        return report
    report.rows_invalid = len(check.invalid_rows)
    valid = check.valid_rows
    _write(archive, report, kind, table, valid, len(valid), progress, cancelled)
    return report


# -- the streaming path ---------------------------------------------------------------------------------------
@dataclass
class SheetScan:
    """A sheet checked as a stream: its header, counts and first problems; its file stays open (close it, or
    use the scan as a context manager) so that the rows can be read again to be written."""

    source: SheetSource
    check: SheetCheck  # header, mapping, file problems, notices; no rows
    rows_total: int = 0  # data rows (the template's example rows not counted)
    rows_invalid: int = 0
    problems: list[Problem] = field(default_factory=list)  # the first KEEP_PROBLEMS
    problems_total: int = 0
    held: list[CheckedRow] | None = field(default_factory=list)  # valid rows in order, None if not kept
    held_bytes: int = 0
    spilled: _Spill | None = None  # the valid rows in a temporary file, when not held

    @property
    def rows_valid(self) -> int:
        return self.rows_total - self.rows_invalid

    def refused(self, only_valid: bool = False) -> bool:
        return bool(self.check.file_problems) or (self.problems_total > 0 and not only_valid)

    def report(self, refused: bool = False) -> ImportReport:
        table = self.check.table
        return ImportReport(kind=self.check.kind.name, source_name=table.source_name, sha256=table.sha256,
                            rows_total=self.rows_total, refused=refused, problems=list(self.problems),
                            problems_total=self.problems_total, notices=self.check.notices())

    def valid_rows(self) -> Iterator[CheckedRow]:
        """The rows without problems, in file order: those kept, or the file read and checked again."""
        if self.held is not None:
            yield from self.held
            return
        if self.spilled is not None:
            yield from self.spilled.rows()
            return
        again = _Pass(self.source, self.check.kind, self.check.today)
        for row in again.rows():
            if row.ok:
                yield row
        if (again.scan.rows_total, again.scan.rows_invalid, again.scan.problems_total) != (
                self.rows_total, self.rows_invalid, self.problems_total) or not self.source.unchanged():
            raise DomainError("sheet_changed", f"{self.source.name} 在导入过程中被改动了，没有导入任何数据"
                                               "（档案没有改动）。请关闭正在编辑它的程序后重新导入。")

    def close(self) -> None:
        self.held = None
        if self.spilled is not None:
            self.spilled.close()
            self.spilled = None
        self.source.close()

    def __enter__(self) -> SheetScan:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Pass:
    """One reading of the source: header found, then every data row checked (and counted) as it comes."""

    def __init__(self, source: SheetSource, kind: SheetKind, today: date, hold_bytes: int = 0, spill: bool = False):
        check = SheetCheck(kind=kind, table=source.meta(), today=today)
        self.source, self.hold_bytes, self.spill = source, hold_bytes, spill
        self.scan = SheetScan(source=source, check=check, held=[] if hold_bytes > 0 else None)

    def rows(self) -> Iterator[CheckedRow]:
        scan, check = self.scan, self.scan.check
        try:
            stream = self.source.rows()
            first = list(islice(stream, HEADER_SEARCH_ROWS))
            position = check.start(first)
            scan.problems_total += len(check.file_problems)
            scan.problems += check.file_problems[:KEEP_PROBLEMS]
            if position is None:
                return
            for number, values in chain(first[position + 1:], stream):
                row = check.check_values(number, values)
                if row is None or row.example:
                    continue
                scan.rows_total += 1
                if row.problems:
                    scan.rows_invalid += 1
                    scan.problems_total += len(row.problems)
                    scan.problems += row.problems[:KEEP_PROBLEMS - len(scan.problems)]
                    continue
                row.raw = {}  # the cells as read are not needed any more
                yield row
        except OSError as e:
            raise DomainError("file_unreadable", oserrors.explain(e, "读取", self.source.name), "file") from e

    def run(self) -> SheetScan:
        scan = self.scan
        try:
            for row in self.rows():
                if scan.held is not None:
                    scan.held_bytes += _size(row)
                    if scan.held_bytes <= self.hold_bytes:
                        scan.held.append(row)
                        continue
                    held, scan.held = scan.held, None
                    scan.spilled = _Spill.start(held) if self.spill else None
                    del held  # the rows are in the temporary file now (or will be read again)
                if scan.spilled is not None and not scan.spilled.add(row):
                    scan.spilled = None  # the disk is full: read the sheet again while writing
            if scan.spilled is not None and not scan.spilled.finish():
                scan.spilled = None
        except BaseException:
            scan.close()
            raise
        return scan


class _Spill:
    """Checked rows in an anonymous temporary file, pickled in batches (the file is ours: written and read by
    this process only, deleted when closed). ``add``/``finish`` say False when the file cannot be written."""

    BATCH = 500

    def __init__(self, file):
        self.file, self.batch, self.count = file, [], 0

    @classmethod
    def start(cls, rows: list[CheckedRow]) -> _Spill | None:
        try:
            spill = cls(tempfile.TemporaryFile(prefix="va-sheet-"))
        except OSError:
            return None
        for row in rows:
            if not spill.add(row):
                return None
        return spill

    def add(self, row: CheckedRow) -> bool:
        self.batch.append((row.row, row.cleaned, row.status, row.stages))
        return len(self.batch) < self.BATCH or self._dump()

    def finish(self) -> bool:
        return self._dump()

    def _dump(self) -> bool:
        try:
            if self.batch:
                pickle.dump(self.batch, self.file, protocol=pickle.HIGHEST_PROTOCOL)
                self.count += len(self.batch)
                self.batch = []
            return True
        except OSError:
            self.close()
            return False

    def rows(self) -> Iterator[CheckedRow]:
        self.file.seek(0)
        read = 0
        while read < self.count:
            for number, cleaned, status, stages in pickle.load(self.file):
                read += 1
                yield CheckedRow(row=number, raw={}, cleaned=cleaned, status=status, stages=stages)

    def close(self) -> None:
        self.file.close()


def _size(row: CheckedRow) -> int:
    """About what a kept row costs (its dicts and objects, plus its text)."""
    return 1_500 + sum(sys.getsizeof(v) for v in row.cleaned.values() if isinstance(v, str))


def scan_file(path, kind: str, today: date | None = None, *, hold_bytes: int = HOLD_BYTES,
              spill: bool = True) -> SheetScan:
    """Read and check the whole file as a stream (nothing written to the archive, none needed). ``spill``:
    rows past ``hold_bytes`` go to a temporary file (else the file is read again to write them)."""
    source = open_sheet(path)
    try:
        return _Pass(source, get_kind(kind), today or date.today(), hold_bytes, spill).run()
    except BaseException:
        source.close()
        raise


def import_scanned(archive, scan: SheetScan, *, only_valid: bool = False, progress: Callable | None = None,
                   cancelled: Callable[[], bool] | None = None) -> ImportReport:
    report = scan.report()
    if scan.refused(only_valid):
        report.refused = True
        return report
    report.rows_invalid = scan.rows_invalid
    _write(archive, report, scan.check.kind, scan.check.table, scan.valid_rows(), scan.rows_valid, progress,
           cancelled)
    return report


def _write(archive, report: ImportReport, kind: SheetKind, table: Table, rows: Iterable[CheckedRow], total: int,
           progress: Callable | None, cancelled: Callable[[], bool] | None) -> None:
    """The valid rows, in file order, in one transaction: a row whose natural key is in the archive or earlier
    in the file is skipped, the others written in batches."""
    with archive.session() as s:
        center = centers.own_center(s)
        report.earlier_imports = [f"{r.created_at.astimezone():%Y-%m-%d %H:%M}" for r in s.scalars(
            select(SheetImport).where(SheetImport.center_id == center.id, SheetImport.source_sha256 == table.sha256,
                                      SheetImport.kind == kind.name).order_by(SheetImport.id))]
        known = existing_keys(s, kind, center.id)
        write = WRITERS[kind.name]
        done, batch = 0, []

        def flush() -> None:
            if cancelled is not None and cancelled():
                raise DomainError("cancelled", "已取消导入，档案没有任何改动。")
            report.added += write(s, archive.actor, center, batch)
            if progress is not None:
                progress(done, total, f"正在导入第 {batch[0].row} 行起的数据…")
            batch.clear()

        rows = iter(rows)
        try:
            for row in rows:
                done += 1
                key = key_digest(row.key(kind.name))
                if key in known:
                    report.rows_existing += 1
                    continue
                known.add(key)
                batch.append(row)
                if len(batch) >= PROGRESS_EVERY:
                    flush()
            if batch:
                flush()
        finally:
            if hasattr(rows, "close"):
                rows.close()  # a reading given up half-way (a cancel, an error) stops at once
        report.rows_added = len(report.added)
        log = SheetImport(center_id=center.id, kind=kind.name, source_name=table.source_name[:255],
                          source_sha256=table.sha256, rows_total=report.rows_total, rows_added=report.rows_added,
                          rows_skipped=report.rows_skipped, created_by=archive.actor)
        s.add(log)
        audit.record(s, archive.actor, "import", log, reason=f"{table.source_name[:400]} sha256:{table.sha256}")


def key_digest(key: tuple) -> bytes:
    """A natural key as 16 bytes: 100,000 keys of long titles cost a few MB, not a hundred."""
    return hashlib.blake2b(repr(key).encode(), digest_size=16).digest()


def existing_keys(s: Session, kind: SheetKind, center_id: int) -> set[bytes]:
    """Natural keys of every record of the center, deleted ones included: a record the keeper deleted
    does not come back by importing the same sheet again."""
    if kind.name == "activity":
        q = select(Activity.start_date, Activity.title, Activity.location).where(Activity.center_id == center_id)
    elif kind.name == "equipment":
        q = select(Equipment.name, Equipment.model_spec, Equipment.purchase_date).where(
            Equipment.center_id == center_id)
    else:
        q = select(OpeningLog.log_date).where(OpeningLog.center_id == center_id)
    return {key_digest(tuple(r)) for r in s.execute(q)}


def _write_equipment(s: Session, actor: str, center, rows) -> list[str]:
    added = []
    for row in rows:
        item = equipment.create_equipment(s, actor, center, status=row.status, **row.cleaned)
        for stage, on, result in row.stages:
            equipment.set_acceptance(s, actor, item, stage, accepted_on=on, result=result)
        added.append(item.item_number)
    return added


WRITERS = {"activity": bulk.write_activities, "equipment": _write_equipment, "opening_log": bulk.write_logs}
