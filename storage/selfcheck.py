"""Completeness self-check (完整性自查) and integrity check of an archive."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from . import asof, attachments, hours, kinds, numbering, rules
from .engine import Archive, integrity_problems
from .models import Activity, Attachment, Center, Closure, OpeningLog

SEVERITY_NAMES = {"error": "错误", "warning": "提醒"}
FINDING_NAMES = {
    "activity_no_photo": "活动缺少照片", "activity_no_participants": "活动未填参与人数",
    "equipment_not_accepted": "设备未通过镇街验收", "week_without_log": "整周没有开放登记",
    "hours_under_standard": "计划开放时长低于标准", "closure_late": "闭馆公告不及时",
    "number_gap": "档号不连续", "attachment_hash_mismatch": "附件校验不符", "no_schedule": "没有开放时间表",
    "status_history_gap": "设备状态无变更记录",
    "log_on_closure_day": "闭馆日有开放登记", "visitors_during_closure": "闭馆期间有接待",
    "log_on_rest_day": "非开放日有开放登记", "log_outside_hours": "登记时间超出公布时间",
    "festival_date_off": "节日活动日期不符", "attachment_orphan": "附件没有所属记录",
}


@dataclass
class Finding:
    code: str
    severity: str  # "error" breaks integrity; "warning" is a gap the keeper should fill
    message: str
    entity: str | None = None
    uuid: str | None = None
    item_number: str | None = None


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    integrity: list[str] = field(default_factory=list)

    @property
    def integrity_ok(self) -> bool:
        return not self.integrity and not any(f.severity == "error" for f in self.findings)

    def as_dict(self) -> dict:
        return {"integrity_ok": self.integrity_ok, "integrity": self.integrity,
                "findings": [asdict(f) for f in self.findings]}


def _live(model, center: Center):
    return select(model).where(model.center_id == center.id, model.deleted_at.is_(None))


def _in_period(column, start: date | None, end: date | None):
    conds = []
    if start:
        conds.append(column >= start)
    if end:
        conds.append(column <= end)
    return conds


def activity_findings(s: Session, center: Center, start=None, end=None) -> list[Finding]:
    out = []
    has_photo = exists().where(kinds.attached_to("activity", Activity.id), Attachment.deleted_at.is_(None))
    q = _live(Activity, center).where(*_in_period(Activity.start_date, start, end)).order_by(Activity.item_number)
    for a, photo in s.execute(q.add_columns(has_photo)):
        if not photo:
            out.append(Finding("activity_no_photo", "warning", f"活动“{a.title}”（{a.start_date}）没有照片。",
                               "activity", a.uuid, a.item_number))
        if a.participants is None:
            out.append(Finding("activity_no_participants", "warning",
                               f"活动“{a.title}”（{a.start_date}）没有填写参与人数。", "activity", a.uuid, a.item_number))
    return out


def equipment_findings(s: Session, center: Center, end=None) -> list[Finding]:
    """Items bought by ``end`` not accepted by ``end`` (a stage dated later does not count for the period)."""
    out = []
    lines = asof.ledger(s, center, end or date.max)
    for line in lines:
        e = line.item
        if line.acceptance.level is None:
            later = [r for r in line.acceptance.later if r.stage == "town" and r.result == "通过"]
            when = f"（期末后于 {later[0].accepted_on} 通过）" if later else ""
            out.append(Finding("equipment_not_accepted", "warning",
                               f"设备“{e.name}”截至 {end} 还没有通过镇街现场验收{when}。" if end else
                               f"设备“{e.name}”还没有通过镇街现场验收。", "equipment", e.uuid, e.item_number))
    for e in asof.status_history_gaps(s, center):
        out.append(Finding("status_history_gap", "error",
                           f"设备“{e.name}”的当前状态“{e.status}”在状态变更记录里没有对应的登记。",
                           "equipment", e.uuid, e.item_number))
    return out


def opening_findings(s: Session, center: Center, start=None, end=None, data: hours.OpeningData | None = None
                     ) -> list[Finding]:
    from . import consistency

    data = hours.load(s, center) if data is None else data
    return (schedule_findings(s, center, start, end, data) + closure_findings(s, center, start, end)
            + consistency.opening_log_findings(s, center, start, end, data)
            + consistency.festival_findings(s, center, start, end))


def schedule_findings(s: Session, center: Center, start=None, end=None, data: hours.OpeningData | None = None
                      ) -> list[Finding]:
    """Weeks without any opening log, and weeks whose posted schedule is under the standard."""
    out = []
    today = date.today()
    standard = asof.profile(s, center, min(end, today)).weekly_standard_hours if end else center.weekly_standard_hours
    data = hours.load(s, center) if data is None else data
    first_slot = min((sl.effective_from for sl in data.slots), default=None)
    first_log = s.scalar(select(func.min(OpeningLog.log_date)).where(OpeningLog.center_id == center.id,
                                                                    OpeningLog.deleted_at.is_(None)))
    known = [d for d in (first_slot, first_log) if d]
    if not known:
        return [Finding("no_schedule", "warning", "还没有登记开放时间表，也没有开放登记。")]
    begin = max(start, min(known)) if start else min(known)  # not before the center kept records
    finish = min(end or today, today)
    log_days = {d for (d,) in s.execute(select(OpeningLog.log_date).where(
        OpeningLog.center_id == center.id, OpeningLog.deleted_at.is_(None),
        *_in_period(OpeningLog.log_date, begin, finish)))}
    for monday, week_hours in hours.hours_by_week(data, begin, finish - timedelta(days=6)):
        sunday = monday + timedelta(days=6)
        if not any(monday + timedelta(days=i) in log_days for i in range(7)):
            out.append(Finding("week_without_log", "warning", f"{monday}—{sunday} 这一周没有任何开放登记。"))
        if week_hours < standard:
            out.append(Finding("hours_under_standard", "warning",
                               f"{monday}—{sunday} 这一周计划开放 {week_hours:g} 小时，"
                               f"低于每周 {standard:g} 小时的标准。"))
    return out


def closure_findings(s: Session, center: Center, start=None, end=None) -> list[Finding]:
    out = []
    q = _live(Closure, center).where(Closure.kind == "closure", *_in_period(Closure.start_date, start, end))
    for c in s.scalars(q.order_by(Closure.start_date)):
        if rules.closure_posted_late(c.start_date, c.notice_date):
            when = f"{c.notice_date} 才公告" if c.notice_date else "没有公告日期"
            out.append(Finding("closure_late", "warning",
                               f"{c.start_date} 起的闭馆（{c.reason}）{when}，应提前 {rules.NOTICE_DAYS} 天公告。",
                               "closure", c.uuid))
    return out


def numbering_findings(s: Session, center: Center) -> list[Finding]:
    """Numbers 1..n of every year must all exist (deleted ones included): n is the counter's last number."""
    out = []
    counters = numbering.counters(s, center.id)
    for numbered in kinds.numbered():
        model, kind = numbered.model, numbered.number_code
        by_year: dict[int, set[int]] = {}
        for year, seq in s.execute(select(model.year, model.seq).where(model.center_id == center.id)):
            by_year.setdefault(year, set()).add(seq)
        years = set(by_year) | {y for (k, y) in counters if k == kind}
        for year in sorted(years):
            have = by_year.get(year, set())
            last = max(counters.get((kind, year), 0), max(have, default=0))
            missing = [n for n in range(1, last + 1) if n not in have]
            if missing:
                nums = "、".join(numbering.format_number(center.code, year, kind, n) for n in missing[:10])
                more = f" 等 {len(missing)} 个" if len(missing) > 10 else ""
                out.append(Finding("number_gap", "error", f"档号不连续，缺少：{nums}{more}。"))
    return out


def center_findings(s: Session, center: Center, start: date | None = None, end: date | None = None, *,
                    data: hours.OpeningData | None = None, numbering: list[Finding] | None = None) -> list[Finding]:
    """Every finding about one center's records in [start, end] (the station stores their count at import).
    Checking several periods of one center, pass what does not depend on the period once: ``data`` (its posted
    hours, ``hours.load``) and ``numbering`` (``numbering_findings``, which covers every year)."""
    return (activity_findings(s, center, start, end) + equipment_findings(s, center, end)
            + opening_findings(s, center, start, end, data)
            + (numbering_findings(s, center) if numbering is None else list(numbering)))


def orphan_findings(s: Session) -> list[Finding]:
    """Attachments whose owner kind is unknown or whose owner record is gone: a file nobody can reach."""
    out = []
    owners = {k.key: k for k in kinds.owners()}
    for kind_key, n in s.execute(select(Attachment.owner_kind, func.count()).where(
            Attachment.owner_kind.not_in(list(owners))).group_by(Attachment.owner_kind)):
        out.append(Finding("attachment_orphan", "error", f"有 {n} 个附件挂在未知的记录类型“{kind_key}”上。", "attachment"))
    for kind in owners.values():
        n = s.scalar(select(func.count()).select_from(Attachment).where(
            Attachment.owner_kind == kind.key, Attachment.owner_id.not_in(select(kind.model.id))))
        if n:
            out.append(Finding("attachment_orphan", "error", f"有 {n} 个附件挂在已不存在的{kind.name}上。", "attachment"))
    return out


def run(archive: Archive, center_uuid: str | None = None, start: date | None = None,
        end: date | None = None, integrity: bool = True) -> CheckReport:
    report = CheckReport()
    if integrity:
        report.integrity = integrity_problems(archive.engine)
    with archive.session() as s:
        q = select(Center).order_by(Center.id)
        if center_uuid:
            q = q.where(Center.uuid == center_uuid)
        for center in s.scalars(q):
            report.findings += center_findings(s, center, start, end)
        if integrity:
            report.findings += orphan_findings(s)
            for digest in attachments.mismatched_blobs(s):
                report.findings.append(Finding("attachment_hash_mismatch", "error",
                                               f"附件 {digest[:12]}… 的内容与登记的校验值不符，文件可能已损坏。",
                                               "blob", None))
    return report
