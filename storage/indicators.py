"""The indicator checklist (达标对照表): the figures an inspection scores, measured for a period as of its end.

Thresholds differ by region (DOMAIN.md lists the ones found), so a profile is a named set of
indicators and the keeper picks one in settings (``Settings.indicator_profile``; empty = ``national``,
the rules of the law and the facilities regulations with the center's own weekly standard). Yearly
counts are prorated to the period's length (a quarter needs a quarter of them). Each result carries
the threshold, the measured value, met or not (None when the archive does not record the figure) and
the evidence: item numbers (件号) where the records have them, else the register it comes from.

``measure(s, center, start, end, profile_key) -> list[Result]`` is the one entry; a station report's
per-village table takes ``measure_centers(s, start, end, profile_key) -> {center id: [Result]}``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import asof, hours, rules
from .models import Activity, Center, OpeningLog

LARGE_EVENT = 300  # participants from which an activity counts as a large event (大型活动)


@dataclass(frozen=True)
class Indicator:
    key: str  # what is measured (see MEASURES)
    label: str
    threshold: float | None  # None: the center's own weekly standard (weekly_hours only)
    per_year: bool = False  # a yearly count, prorated to the period


@dataclass(frozen=True)
class IndicatorProfile:
    key: str
    name: str
    source: str
    indicators: tuple[Indicator, ...]


def _common(notice_days: int) -> tuple[Indicator, ...]:
    return (Indicator("equipment_accepted", "设备通过镇街现场验收", 100),
            Indicator("closures_announced", f"闭馆提前 {notice_days} 天以上公告", notice_days))


PROFILES = {p.key: p for p in (
    IndicatorProfile("national", "国家规定（默认）",
                     "《公共文化服务保障法》第三十一条，《公共文化体育设施条例》第十七、十八条；每周开放时间按本中心设定的标准",
                     (Indicator("weekly_hours", "每周开放时间", None),
                      Indicator("activities", "全年开展活动", 12, True)) + _common(rules.NOTICE_DAYS)),
    IndicatorProfile("jiangxi", "江西省村级标准", "江西省村级综合性文化服务中心标准：每周开放不少于 42 小时，"
                     "闭馆提前 5 天公告，农家书屋藏书不少于 1500 种",
                     (Indicator("weekly_hours", "每周开放时间", 42),
                      Indicator("bookhouse_titles", "农家书屋藏书", 1500)) + _common(5)),
    IndicatorProfile("taojiang", "桃江县标准", "桃江县：每周开放不少于 42 小时、全年开放不少于 300 天、全年读书活动不少于 2 次",
                     (Indicator("weekly_hours", "每周开放时间", 42),
                      Indicator("open_days", "全年开放天数", 300, True),
                      Indicator("reading_events", "全年读书活动", 2, True)) + _common(rules.NOTICE_DAYS)),
    IndicatorProfile("dongguan_nancheng", "东莞市南城街道标准",
                     "东莞南城：每周开放不少于 35 小时，全年活动不少于 6 场、培训不少于 6 场、大型活动不少于 1 场",
                     (Indicator("weekly_hours", "每周开放时间", 35),
                      Indicator("activities", "全年开展活动", 6, True),
                      Indicator("trainings", "全年开展培训", 6, True),
                      Indicator("large_events", f"全年大型活动（{LARGE_EVENT} 人次以上）", 1, True))
                     + _common(rules.NOTICE_DAYS)),
    IndicatorProfile("guangxi", "广西乡镇综合文化站标准", "广西：乡镇综合文化站全年开展活动不少于 20 场",
                     (Indicator("weekly_hours", "每周开放时间", None),
                      Indicator("activities", "全年开展活动", 20, True)) + _common(rules.NOTICE_DAYS)),
)}
DEFAULT_PROFILE = "national"


def profile(key: str | None) -> IndicatorProfile:
    """The profile by key; an empty or unknown key (an old settings file) falls back to the default."""
    return PROFILES.get(key or DEFAULT_PROFILE, PROFILES[DEFAULT_PROFILE])


def choices() -> list[tuple[str, str]]:
    """(key, Chinese name) for a settings combo, default first."""
    return [(k, p.name) for k, p in PROFILES.items()]


@dataclass
class Result:
    key: str
    label: str
    threshold: str  # in words, e.g. "≥ 42 小时/周", "≥ 300 天/年（本期按比例 76 天）"
    measured: str
    met: bool | None  # None: not recorded in the archive
    evidence: str  # item numbers (件号) or the register the figure comes from
    need: float | None = None
    value: float | None = None


def _prorated(per_year: float, start: date, end: date) -> int:
    days = (end - start).days + 1
    return per_year if days >= 365 else math.ceil(per_year * days / 365)


def _numbers(items: list[str], limit: int = 6) -> str:
    if not items:
        return "—"
    head = items[0].rsplit("-", 1)[0] + "-"  # KPCCCD-2017-HD-: later numbers of the same year show their tail
    shown = "、".join([items[0]] + [n[len(head):] if n.startswith(head) else n for n in items[1:limit]])
    return shown + (f" 等 {len(items)} 件" if len(items) > limit else f"（共 {len(items)} 件）")


def _count_result(ind: Indicator, start, end, numbers: list[str], unit: str) -> Result:
    need = _prorated(ind.threshold, start, end)
    full = (end - start).days + 1 >= 365
    words = f"≥ {ind.threshold:g} {unit}/年" + ("" if full else f"（本期按比例 {need:g} {unit}）")
    return Result(ind.key, ind.label, words, f"{len(numbers)} {unit}", len(numbers) >= need, _numbers(numbers),
                  need, len(numbers))


def _activities(s: Session, center: Center, start: date, end: date) -> list:
    """(item_number, category, participants) rows: plain tuples, a year can hold thousands."""
    q = (select(Activity.item_number, Activity.category, Activity.participants).where(Activity.center_id == center.id, Activity.deleted_at.is_(None),
                                Activity.start_date >= start, Activity.start_date <= end)
         .order_by(Activity.item_number))
    return s.execute(q).all()


def _weekly_hours(s, center, ind, start, end, standard) -> Result:
    need = standard if ind.threshold is None else ind.threshold
    posted = [sl for slots in asof.schedule(s, center, end).values() for sl in slots]
    # the posted week of the schedule in effect on the last day (closures aside; rooms open together count once)
    week = sum(hours.merged_minutes([(hours.minutes(sl.start_time), hours.minutes(sl.end_time))
                                     for sl in posted if sl.weekday == wd]) for wd in range(7)) / 60
    return Result(ind.key, ind.label, f"≥ {need:g} 小时/周", f"{week:g} 小时/周",
                  week >= need, f"{end} 有效的开放时间表", need, week)


def _open_days(s, center, ind, start, end) -> Result:
    days = [d for (d,) in s.execute(select(OpeningLog.log_date).where(
        OpeningLog.center_id == center.id, OpeningLog.deleted_at.is_(None), OpeningLog.log_date >= start,
        OpeningLog.log_date <= end))]
    r = _count_result(ind, start, end, [], "天")
    r.measured, r.value, r.met = f"{len(days)} 天", len(days), len(days) >= r.need
    r.evidence = f"开放登记 {min(days)} 至 {max(days)}" if days else "没有开放登记"
    return r


def _equipment(s, center, ind, start, end) -> Result:
    lines = asof.ledger(s, center, end)
    accepted = [ln for ln in lines if ln.acceptance.level is not None]
    missing = [ln.item.item_number for ln in lines if ln.acceptance.level is None]
    share = 100 * len(accepted) / len(lines) if lines else 100
    evidence = ("未通过：" + _numbers(missing)) if missing else (_numbers([ln.item.item_number for ln in lines])
                                                               if lines else "本期末没有在账设备")
    return Result(ind.key, ind.label, f"在账设备 100% 通过（截至 {end}）",
                  f"{len(accepted)}/{len(lines)} 项（{share:.0f}%）", not missing, evidence, 100, share)


def _closures(s, center, ind, start, end) -> Result:
    closures = [c for c in asof.closures(s, center, start, end) if c.kind == "closure"]
    late = [c for c in closures if c.notice_date is None or (c.start_date - c.notice_date).days < ind.threshold]
    evidence = "；".join(f"{c.start_date} {c.reason}" + (f"（{c.notice_date} 公告）" if c.notice_date else "（无公告日期）")
                        for c in (late or closures)[:4]) or "本期没有闭馆"
    return Result(ind.key, ind.label, f"每次提前 ≥ {ind.threshold:g} 天", f"{len(closures) - len(late)}/{len(closures)} 次按时",
                  not late, ("不及时：" if late else "") + evidence, ind.threshold, len(closures) - len(late))


def measure(s: Session, center: Center, start: date, end: date, profile_key: str | None = None) -> list[Result]:
    """Every indicator of the profile for [start, end], as recorded on or before ``end``."""
    prof = profile(profile_key)
    standard = asof.profile(s, center, end).weekly_standard_hours
    acts = None
    out = []
    for ind in prof.indicators:
        if ind.key in ("activities", "trainings", "reading_events", "large_events") and acts is None:
            acts = _activities(s, center, start, end)
        if ind.key == "weekly_hours":
            out.append(_weekly_hours(s, center, ind, start, end, standard))
        elif ind.key == "open_days":
            out.append(_open_days(s, center, ind, start, end))
        elif ind.key == "activities":
            out.append(_count_result(ind, start, end, [a.item_number for a in acts], "场"))
        elif ind.key == "trainings":
            out.append(_count_result(ind, start, end, [a.item_number for a in acts if a.category == "培训讲座"], "场"))
        elif ind.key == "reading_events":
            out.append(_count_result(ind, start, end, [a.item_number for a in acts if a.category == "阅读服务"], "场"))
        elif ind.key == "large_events":
            out.append(_count_result(ind, start, end, [a.item_number for a in acts
                                                       if (a.participants or 0) >= LARGE_EVENT], "场"))
        elif ind.key == "equipment_accepted":
            out.append(_equipment(s, center, ind, start, end))
        elif ind.key == "closures_announced":
            out.append(_closures(s, center, ind, start, end))
        else:  # recorded elsewhere (e.g. the bookhouse's catalogue): the inspector checks it on site
            out.append(Result(ind.key, ind.label, f"≥ {ind.threshold:g}", "本档案不记录", None, "现场核对", ind.threshold))
    return out


def measure_centers(s: Session, start: date, end: date, profile_key: str | None = None,
                    center_ids=None) -> dict[int, list[Result]]:
    """``measure`` for every village center of the archive (a station's per-village table), by center id."""
    q = select(Center).where(Center.village != "").order_by(Center.code)
    if center_ids is not None:
        q = q.where(Center.id.in_(list(center_ids)))
    return {c.id: measure(s, c, start, end, profile_key) for c in s.scalars(q)}


__all__ = ["PROFILES", "DEFAULT_PROFILE", "Indicator", "IndicatorProfile", "Result", "choices", "measure", "measure_centers",
           "profile"]
