"""Import a checked sheet into the archive: all or nothing, nothing twice, every step audited.

* Refused (nothing written, nothing audited) when any row has a problem, unless the caller
  explicitly asks for ``only_valid`` (the GUI does, after the keeper chose it).
* A row whose natural key (activity: date + name + place; equipment: name + spec + purchase date;
  opening log: the day) is already in the archive — or earlier in the same file — is skipped.
* One transaction: the records (through the registers' own writers or the equivalent bulk path,
  see ``bulk.py``), their acceptance stages, a ``SheetImport`` row and its "import" audit entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import audit, centers, equipment
from ..errors import DomainError
from ..models import Activity, Equipment, OpeningLog, SheetImport
from . import bulk
from .columns import SheetKind, get_kind
from .readers import Table, read_table
from .validation import Problem, SheetCheck, check_table

PROGRESS_EVERY = 200
REPORT_PROBLEMS = 50  # problems listed in a report; the total is always given


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
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # item numbers (or days) of the new records
    earlier_imports: list[str] = field(default_factory=list)  # when this same file was imported before

    @property
    def rows_skipped(self) -> int:
        return self.rows_existing + self.rows_invalid

    def _problem_lines(self, limit: int | None) -> list[str]:
        shown = self.problems if limit is None else self.problems[:limit]
        out = [f"  {p.text()}" for p in shown]
        if len(self.problems) > len(shown):
            out.append(f"  ……只列出前 {len(shown)} 处，另有 {len(self.problems) - len(shown)} 处问题"
                       f"（共 {len(self.problems)} 处）。常见原因是整列格式不对，请先改正上面这些再试。")
        return out

    def lines(self, limit: int | None = REPORT_PROBLEMS) -> list[str]:
        kind = get_kind(self.kind)
        out = [f"文件：{self.source_name}（SHA-256 {self.sha256[:16]}…），{kind.title}表，共 {self.rows_total} 行数据。"]
        out += self.notices
        for when in self.earlier_imports:
            out.append(f"这个文件在 {when} 已经导入过，已有的记录不会重复导入。")
        if self.refused:
            out.append(f"发现 {len(self.problems)} 处问题，没有导入任何数据（档案没有改动）。请改正后重新导入：")
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
    """Read and validate without touching any archive (the GUI's preview)."""
    return check_table(read_table(path), get_kind(kind), today)


def import_file(archive, kind: str, path, *, only_valid: bool = False, progress: Callable | None = None,
                cancelled: Callable[[], bool] | None = None, today: date | None = None) -> ImportReport:
    return import_checked(archive, check_file(path, kind, today), only_valid=only_valid, progress=progress,
                          cancelled=cancelled)


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
    with archive.session() as s:
        center = centers.own_center(s)
        report.earlier_imports = [f"{r.created_at.astimezone():%Y-%m-%d %H:%M}" for r in s.scalars(
            select(SheetImport).where(SheetImport.center_id == center.id, SheetImport.source_sha256 == table.sha256,
                                      SheetImport.kind == kind.name).order_by(SheetImport.id))]
        known = existing_keys(s, kind, center.id)
        todo = []
        for row in check.valid_rows:
            key = row.key(kind.name)
            if row.duplicate_of is not None or key in known:
                report.rows_existing += 1
                continue
            todo.append(row)
        write = WRITERS[kind.name]
        total = len(todo)
        for start in range(0, total, PROGRESS_EVERY):
            if cancelled is not None and cancelled():
                raise DomainError("cancelled", "已取消导入，档案没有任何改动。")
            report.added += write(s, archive.actor, center, todo[start:start + PROGRESS_EVERY])
            if progress is not None:
                progress(min(start + PROGRESS_EVERY, total), total, f"正在导入第 {start + 1} 行起的数据…")
        report.rows_added = len(report.added)
        log = SheetImport(center_id=center.id, kind=kind.name, source_name=table.source_name[:255],
                          source_sha256=table.sha256, rows_total=report.rows_total, rows_added=report.rows_added,
                          rows_skipped=report.rows_skipped, created_by=archive.actor)
        s.add(log)
        audit.record(s, archive.actor, "import", log, reason=f"{table.source_name[:400]} sha256:{table.sha256}")
    return report


def existing_keys(s: Session, kind: SheetKind, center_id: int) -> set[tuple]:
    """Natural keys of every record of the center, deleted ones included: a record the keeper deleted
    does not come back by importing the same sheet again."""
    if kind.name == "activity":
        q = select(Activity.start_date, Activity.title, Activity.location).where(Activity.center_id == center_id)
    elif kind.name == "equipment":
        q = select(Equipment.name, Equipment.model_spec, Equipment.purchase_date).where(
            Equipment.center_id == center_id)
    else:
        q = select(OpeningLog.log_date).where(OpeningLog.center_id == center_id)
    return {tuple(r) for r in s.execute(q)}


def _write_equipment(s: Session, actor: str, center, rows) -> list[str]:
    added = []
    for row in rows:
        item = equipment.create_equipment(s, actor, center, status=row.status, **row.cleaned)
        for stage, on, result in row.stages:
            equipment.set_acceptance(s, actor, item, stage, accepted_on=on, result=result)
        added.append(item.item_number)
    return added


WRITERS = {"activity": bulk.write_activities, "equipment": _write_equipment, "opening_log": bulk.write_logs}
