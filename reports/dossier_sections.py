"""The flowables of each dossier section, from ``DossierData`` (ReportLab only, no queries, no Qt).

Every function returns a list of flowables; ``SECTIONS`` maps a section key to its number, Chinese
title and builder. Registers leave deleted records out; the catalogue shows them marked 已删除.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter, defaultdict
from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from storage import hours, rules, selfcheck

from .charts import bar_chart, hbar_chart
from .dossier_data import PHOTO_BOX_MM, DossierData
from .fonts import register_fonts
from .photos import PRINT_PPI
from .templates import (
    ACCENT,
    FRAME_WIDTH,
    GRID,
    HEAD_COLOR,
    TABLE_SIZE,
    cn_date,
    escape,
    fit_width,
    get_styles,
    heading,
    kv_table,
    long_table,
    wrap_text,
)

DOSSIER_TITLE = "检查档案汇编"
NUMERALS = "一二三四五六七八九十"
FINDING_NAMES = selfcheck.FINDING_NAMES


def _d(day: date | None) -> str:
    return day.isoformat() if day else "—"


def _t(t) -> str:
    return f"{t:%H:%M}" if t else ""


def _money(value) -> str:
    return f"{value:,.2f}"


def _p(text: str, style=None) -> Paragraph:
    return Paragraph(escape(text), style or get_styles().body)


def _note(text: str) -> Paragraph:
    return Paragraph(escape(text), get_styles().note)


# -- cover and contents ------------------------------------------------------------------------------------

def contents(doc) -> list:
    return [heading("目　录", toc=False), Spacer(1, 4), doc.toc_placeholder(), PageBreak()]


# -- 1 profile ---------------------------------------------------------------------------------------------

PROFILE_LABELS = {"name": "中心名称", "town": "所属镇(街)", "village": "村(社区)", "address": "地址",
                  "keeper": "档案管理员", "phone": "联系电话", "is_demonstration": "示范点", "plan_status": "建设状态",
                  "weekly_standard_hours": "每周开放时间标准"}


def profile(data: DossierData, n: str) -> list:
    c = data.center
    plan = rules.PLAN_STATUS_NAMES.get(c.plan_status, c.plan_status)
    rows = [
        ("中心名称", c.name), ("中心编码", c.code), ("所属镇(街)", c.town), ("村(社区)", c.village or "—"),
        ("地址", c.address), ("档案管理员", c.keeper), ("联系电话", c.phone),
        ("示范点", "是" if c.is_demonstration else "否"), ("建设状态", plan),
        ("每周开放时间标准", f"{c.weekly_standard_hours:g} 小时"),
    ]
    out = [heading(f"{n}、中心概况与场地设施"), heading("中心基本情况", 2),
           kv_table(rows, [38 * mm, FRAME_WIDTH - 38 * mm])]
    later = [PROFILE_LABELS[k] for k in getattr(c, "changed_after", ()) if k in PROFILE_LABELS]
    out.append(_note(f"以上为 {data.period.end} 当天的情况。"
                     + (f"此后{'、'.join(later)}有变更，见修改记录，不影响本期。" if later else "")))
    deleted_acts = sum(r.deleted for r in data.catalogue if r.kind == "activity")
    deleted_items = sum(r.deleted for r in data.catalogue if r.kind == "equipment")
    contents_rows = [
        ("活动", f"{len(data.activities)} 场" + (f"（另有已删除 {deleted_acts} 件，见卷内目录）" if deleted_acts else "")),
        ("设备", f"在账 {len(data.equipment)} 项，其中本期购置 {len(data.bought_in_period())} 项"
               + (f"（另有已删除 {deleted_items} 件）" if deleted_items else "")),
        ("开放登记", f"{len(data.logs)} 天"),
        ("闭馆与加开公告", f"{len(data.closures)} 次"),
        ("照片", f"{len(data.photos)} 张"),
        ("卷内目录", f"{len(data.catalogue)} 件"),
    ]
    out += [heading("本期档案概况", 2), kv_table(contents_rows, [38 * mm, FRAME_WIDTH - 38 * mm]),
            heading("场地设施", 2)]
    if not data.facilities:
        out.append(_note("还没有登记场地。"))
        return out
    body = []
    for i, f in enumerate(data.facilities, 1):
        slots = data.slots.get(f.id, [])
        minutes = sum((s.end_time.hour * 60 + s.end_time.minute) - (s.start_time.hour * 60 + s.start_time.minute)
                      for s in slots if s.effective_to is None or s.effective_to >= data.period.end)
        body.append([str(i), f.name, f.kind or "—", f"{f.area_m2:g}" if f.area_m2 else "—",
                     str(len({s.weekday for s in slots})), f"{minutes / 60:g}"])
    out.append(long_table(["序号", "场地名称", "类型", "面积（平方米）", "每周开放天数", "每周开放小时"], body,
                          [34, 130, 90, 70, 66, FRAME_WIDTH - 390], align="CLLRRR"))
    out.append(_note("每周开放天数、小时按期末有效的开放时间表计算，各场地分别统计；中心的开放时长见第五部分。"))
    return out


# -- 2 summary ---------------------------------------------------------------------------------------------

def _quarter_key(day: date, by_year: bool):
    return day.year if by_year else (day.year, rules.quarter_of(day))


def summary(data: DossierData, n: str) -> list:
    st = get_styles()
    period = data.period
    quarters = period.quarters()
    by_year = len(quarters) > 8
    keys = sorted({y for y, _ in quarters}) if by_year else quarters
    multi_year = len({y for y, _ in quarters}) > 1
    label = (lambda k: f"{k}年") if by_year else (
        (lambda k: f"{k[0]}年Q{k[1]}") if multi_year else (lambda k: f"第{k[1]}季度"))
    counts: dict = defaultdict(Counter)
    people: Counter = Counter()
    missing = 0
    festivals = 0
    for a in data.activities:
        k = _quarter_key(a.start_date, by_year)
        counts[a.category][k] += 1
        people[k] += a.participants or 0
        missing += a.participants is None
        festivals += bool(a.festival)
    cats = [c for c in rules.ACTIVITY_CATEGORIES if c in counts] + sorted(set(counts) - set(rules.ACTIVITY_CATEGORIES))
    rows = [[c, *[str(counts[c][k] or "") for k in keys], str(sum(counts[c].values()))] for c in cats]
    totals = Counter()
    for c in cats:
        totals.update(counts[c])
    rows.append(["活动合计", *[str(totals[k]) for k in keys], str(len(data.activities))])
    rows.append(["参与人次", *[str(people[k]) for k in keys], str(sum(people.values()))])
    first = 70
    rest = (FRAME_WIDTH - first) / (len(keys) + 1)
    bold_rows = [("BACKGROUND", (0, len(rows) - 1), (-1, len(rows)), colors_total()),
                 ("TEXTCOLOR", (0, len(rows) - 1), (-1, len(rows)), HEAD_COLOR)]
    table = long_table(["活动类别", *[label(k) for k in keys], "合计"], rows, [first] + [rest] * (len(keys) + 1),
                       align="L" + "R" * (len(keys) + 1), zebra=False, style=bold_rows)

    bought = data.bought_in_period()
    acc = data.acceptance_counts()
    weeks = data.weeks()
    std = data.center.weekly_standard_hours
    under = [w for w in weeks if w[1] < std]
    avg_week = sum(h for _, h in weeks) / len(weeks) if weeks else 0
    visitors = sum(g.visitors for g in data.logs)
    late = [c for c in data.closures if c.kind == "closure" and rules.closure_posted_late(c.start_date, c.notice_date)]
    qty = sum(e.quantity for e in data.equipment)
    figures = [
        ("活动场次", f"{len(data.activities)} 场，其中节庆活动 {festivals} 场"),
        ("参与人次", f"{sum(people.values())} 人次"
                 + (f"，平均每场 {sum(people.values()) / max(1, len(data.activities) - missing):.0f} 人次" if data.activities else "")
                 + (f"（{missing} 场未填人数）" if missing else "")),
        ("设备台账", f"{len(data.equipment)} 项，{qty} 件，原值合计 {_money(data.equipment_value())} 元（截至{cn_date(period.end)}）"),
        ("本期购置设备", f"{len(bought)} 项，金额 {_money(data.equipment_value(bought))} 元"),
        ("验收情况", f"截至{cn_date(period.end)}：三级验收均已通过 {acc.get('prefecture', 0)} 项；通过镇街、市局两级 {acc.get('city', 0)} 项；"
                 f"仅通过镇街现场验收 {acc.get('town', 0)} 项；尚未通过镇街现场验收 {acc.get(None, 0)} 项"),
        ("每周开放时间", f"标准 {std:g} 小时；本期 {len(weeks)} 个整周平均计划开放 {avg_week:.1f} 小时，"
                   f"{len(under)} 周低于标准"),
        ("开放天数", f"开放登记 {len(data.logs)} 天"),
        ("接待人数", f"{visitors} 人次" + (f"，平均每天 {visitors / len(data.logs):.0f} 人次" if data.logs else "")),
        ("闭馆公告", f"{sum(c.kind == 'closure' for c in data.closures)} 次，其中公告不及时 {len(late)} 次"),
    ]
    out = [heading(f"{n}、工作汇总"), heading("主要数据", 2), kv_table(figures, [32 * mm, FRAME_WIDTH - 32 * mm]),
           heading("活动分季度、分类别统计" if not by_year else "活动分年度、分类别统计", 2), table, Spacer(1, 6)]
    months = period.months()
    per_month = Counter((a.start_date.year, a.start_date.month) for a in data.activities)
    if len(months) <= 24:
        labels = [str(m) if len(months) <= 12 else f"{y % 100:02d}/{m}" for y, m in months]
        values = [per_month[m] for m in months]
        title = "各月活动场次（横轴：月份）"
    else:
        years = sorted({y for y, _ in months})
        labels, values, title = [f"{y}" for y in years], [sum(v for (y2, _), v in per_month.items() if y2 == y)
                                                         for y in years], "各年活动场次"
    cat_labels = cats or ["—"]
    cat_values = [sum(counts[c].values()) for c in cats] or [0]
    half = FRAME_WIDTH / 2
    charts = Table([[bar_chart(labels, values, width=half - 4, height=62 * mm, title=title),
                     hbar_chart(cat_labels, cat_values, width=half - 4, height=62 * mm, title="各类别活动场次")]],
                   colWidths=[half, half], style=TableStyle([("FONT", (0, 0), (-1, -1), register_fonts().regular, 8),
                                                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    out += [CondPageBreak(70 * mm), heading("活动统计图", 2), charts]
    out.append(_note("参与人次、接待人数按登记数字合计；设备原值由单价（精确到分）乘数量求和，不含已删除的设备。"))
    del st
    return out


def colors_total():
    from reportlab.lib import colors

    return colors.HexColor("#EEF1F6")


# -- 3 activity register -----------------------------------------------------------------------------------

def activities(data: DossierData, n: str) -> list:
    out = [heading(f"{n}、活动登记表"),
           _note(f"{data.period.label}共 {len(data.activities)} 场活动，按档号顺序排列；已删除的活动不列入（见卷内目录）。")]
    if not data.activities:
        return out + [_p("本期没有登记活动。")]
    rows = []
    for a in data.activities:
        when = a.start_date.isoformat()
        if a.end_date and a.end_date != a.start_date:
            when += f"\n至{a.end_date:%m-%d}"
        kind = a.category + (f"\n{a.festival}" if a.festival else "")
        rows.append([a.item_number, when, a.title, kind, f"{a.location}\n{a.organizer}".strip(),
                     "" if a.participants is None else str(a.participants), str(a.photos or 0)])
    widths = [fit_width((a.item_number for a in data.activities), 92), 58, 0, 52, 100, 30, 30]
    widths[2] = FRAME_WIDTH - sum(widths)
    out.append(long_table(["档号", "日期", "题名", "类别 / 节日", "地点 / 组织者", "人数", "照片"], rows, widths,
                          align="LLLLLRR"))
    return out


# -- 4 equipment ledger ------------------------------------------------------------------------------------

STAGE_SHORT = {"town": "镇街", "city": "市局", "prefecture": "上级"}


def _stages_cell(stages: dict, later: list[str] = ()) -> tuple[str, bool]:
    """The three stages as of the period's end, one line each, then any later stage in words; and whether
    the cell needs attention (not accepted / not passed by the end)."""
    lines, alert = [], False
    for key in rules.ACCEPTANCE_STAGES:
        row = stages.get(key)
        if row is None:
            lines.append(f"{STAGE_SHORT[key]} 未验收")
            alert = alert or key == "town"
            continue
        passed = row.result == "通过"
        lines.append(f"{STAGE_SHORT[key]} {row.accepted_on:%Y%m%d}" + ("" if passed else f" {row.result}")
                     + (f" {row.report_number}" if row.report_number else ""))
        alert = alert or not passed
    return "\n".join(lines + list(later)), alert


def equipment(data: DossierData, n: str) -> list:
    out = [heading(f"{n}、设备台账"),
           _note(f"截至{cn_date(data.period.end)}在账设备 {len(data.equipment)} 项（不含已删除）。状态和验收情况均为期末当天的情况。验收分三级："
                 "镇街现场验收（镇街）、市局检查（市局）、上级检查组验收（上级），逐级写明验收日期、结论和报告编号；"
                 "期末以后才进行的验收另行注明“期末后于……”，不计入本期。")]
    if not data.equipment:
        return out + [_p("没有登记设备。")]
    rows, style = [], []
    for i, e in enumerate(data.equipment, 1):
        name = e.name + (f"\n{e.model_spec}" if e.model_spec else "")
        acc = data.acceptance.get(e.id)
        stages, alert = _stages_cell(data.stages.get(e.id, {}), acc.later_notes() if acc else ())
        rows.append([f"{e.item_number}\n{e.purchase_date}", name, str(e.quantity),
                     f"{_money(e.unit_price)}\n{_money(e.total_price)}", data.status_at_end.get(e.id, e.status),
                     stages])
        if alert:
            style.append(("TEXTCOLOR", (5, i), (5, i), ACCENT))
    widths = [fit_width((e.item_number for e in data.equipment), 92), 0, 28, 64, 34, 168]
    widths[1] = FRAME_WIDTH - sum(widths)
    total_qty = sum(e.quantity for e in data.equipment)
    rows.append(["合计", "", str(total_qty), _money(data.equipment_value()), "", ""])
    last = len(rows)
    style += [("SPAN", (0, last), (1, last))]
    out.append(long_table(["档号 / 购置日期", "名称 / 规格", "数量", "单价 / 金额（元）", "状态",
                           "验收（镇街、市局、上级；通过的不注结论）"], rows, widths, align="LLRRCL", style=style))
    return out


# -- 5 opening hours ---------------------------------------------------------------------------------------

def _minutes(t) -> int:
    return t.hour * 60 + t.minute + (1 if (t.hour, t.minute) == (23, 59) else 0)


def opening(data: DossierData, n: str) -> list:
    period = data.period
    out = [heading(f"{n}、开放时间"), heading("每周开放时间表", 2)]
    rows = []
    for f in data.facilities:
        slots = data.slots.get(f.id, [])
        if not slots:
            continue
        cells = []
        for wd in range(7):
            day = [s for s in slots if s.weekday == wd]
            cells.append("\n".join(f"{_t(s.start_time)}—{_t(s.end_time)}" for s in day) or "休息")
        name = f.name
        ranges = {(s.effective_from, s.effective_to) for s in slots}
        if len(ranges) > 1 or any(to is not None for _, to in ranges):
            name += "\n" + "；".join(f"{a}起" + (f"至{b}" if b else "") for a, b in sorted(ranges, key=str))
        rows.append([name, *cells])
    if rows:
        first = 85
        out.append(long_table(["场地", *rules.WEEKDAYS], rows, [first] + [(FRAME_WIDTH - first) / 7] * 7,
                              align="LCCCCCCC"))
    else:
        out.append(_p("本期没有登记开放时间表。"))
    weeks = data.weeks()
    std = data.center.weekly_standard_hours
    if weeks:
        under = sum(1 for _, h in weeks if h < std)
        out.append(_note(f"按时间表（扣除闭馆、加上加开）计算，本期 {len(weeks)} 个整周每周计划开放 "
                         f"{min(h for _, h in weeks):g}—{max(h for _, h in weeks):g} 小时，标准 {std:g} 小时，"
                         f"{under} 周低于标准。多个场地同时开放只计一次。"))
    out.append(heading("闭馆与加开公告", 2))
    if data.closures:
        rows, style = [], []
        for i, c in enumerate(data.closures, 1):
            days = f"{c.start_date}" + (f"至{c.end_date}" if c.end_date != c.start_date else "")
            if c.kind == "closure":
                ahead = (c.start_date - c.notice_date).days if c.notice_date else None
                late = rules.closure_posted_late(c.start_date, c.notice_date)
                verdict = "公告不及时" if late else "按时公告"
                if late:
                    style.append(("TEXTCOLOR", (5, i), (6, i), ACCENT))
                rows.append(["闭馆", days, "全天", c.reason, _d(c.notice_date),
                             "—" if ahead is None else f"{ahead} 天", verdict])
            else:
                rows.append(["加开", days, f"{_t(c.start_time)}—{_t(c.end_time)}", c.reason, _d(c.notice_date), "", ""])
        widths = [34, 80, 58, 0, 62, 40, 60]
        widths[3] = FRAME_WIDTH - sum(widths)
        out.append(long_table(["类型", "日期", "时间", "原因 / 说明", "公告日期", "提前", "结论"], rows, widths,
                              align="CLCLLRC", style=style))
        out.append(_note(f"闭馆应提前 {rules.NOTICE_DAYS} 天公告（《公共文化体育设施条例》）；不足 {rules.NOTICE_DAYS} 天或没有公告日期的标为“公告不及时”。"))
    else:
        out.append(_p("本期没有闭馆或加开公告。"))
    out.append(heading("开放登记月度汇总", 2))
    out += _monthly(data)
    del period
    return out


def _monthly(data: DossierData) -> list:
    period = data.period
    by_month: dict = defaultdict(lambda: [0, 0, 0, 0])  # days, door-open minutes, minutes within posted, visitors
    for g in data.logs:
        m = by_month[(g.log_date.year, g.log_date.month)]
        m[0] += 1
        m[1] += max(0, _minutes(g.closed_at) - _minutes(g.opened_at))
        m[2] += hours.overlap_minutes(data.opening.posted_intervals(g.log_date), g.opened_at, g.closed_at)
        m[3] += g.visitors
    plan: dict = defaultdict(lambda: [0, 0])  # scheduled days, minutes
    day = period.start
    while day <= period.end:
        minutes = data.opening.day_minutes(day)
        p = plan[(day.year, day.month)]
        p[0] += minutes > 0
        p[1] += minutes
        day += timedelta(days=1)
    rows = []
    tot = [0, 0, 0, 0, 0, 0]
    for y, m in period.months():
        days, minutes, within, visitors = by_month[(y, m)]
        pdays, pmin = plan[(y, m)]
        rows.append([f"{y}年{m}月", str(pdays), str(days), f"{pmin / 60:g}", f"{minutes / 60:g}", f"{within / 60:g}",
                     str(visitors), f"{visitors / days:.0f}" if days else "—"])
        for i, v in enumerate((pdays, days, pmin, minutes, within, visitors)):
            tot[i] += v
    rows.append(["合计", str(tot[0]), str(tot[1]), f"{tot[2] / 60:g}", f"{tot[3] / 60:g}", f"{tot[4] / 60:g}",
                 str(tot[5]), f"{tot[5] / tot[1]:.0f}" if tot[1] else "—"])
    w = FRAME_WIDTH / 8
    last = len(rows)
    return [long_table(["月份", "计划开放天数", "登记开放天数", "计划开放小时", "登记开门小时", "其中公布时间内",
                        "接待人数", "日均接待"],
                       rows, [w] * 8, align="LRRRRRRR",
                       style=[("TEXTCOLOR", (0, last), (-1, last), HEAD_COLOR)]),
            _note("计划数按开放时间表和闭馆、加开公告逐日计算；登记开门小时是每天开放登记的开门至关门时长，"
                  "“其中公布时间内”只计落在当天公布开放时段内的部分（中午、傍晚休息时段和闭馆日不计）。")]


# -- 6 photos ----------------------------------------------------------------------------------------------

PHOTO_COLS = 2  # photos a row, each with its caption as text beside it
PHOTO_CELL = FRAME_WIDTH / PHOTO_COLS
PHOTO_IMG_W = PHOTO_BOX_MM[0] * mm + 8


def _photo_caption(photo, width: float) -> str:
    """Plain wrapped text (a Paragraph per caption cost more than the rest of the photo pages)."""
    font = register_fonts().regular
    head = photo.item_number if photo.owner_kind in ("活动", "开放登记") else f"{photo.item_number}（{photo.owner_kind}）"
    number, sep, rest = head.partition("（")
    parts = number.rsplit("-", 2)
    if len(parts) == 3:  # break before the kind, never inside a part: KPCCCD-2017- / HD-0001
        number = f"{parts[0]}-\n{parts[1]}-{parts[2]}"
    head = number + sep + rest
    lines = [head, photo.caption or "（无说明）"]
    if photo.taken_on:
        lines.append(f"摄于{cn_date(photo.taken_on)}")
    lines.append(photo.filename)
    return "\n".join(wrap_text(line, font, TABLE_SIZE, width) for line in "\n".join(lines).split("\n"))


class JpegImage(Flowable):
    """A JPEG embedded as it is (DCTDecode). ReportLab's ``drawImage`` decodes every in-memory image to raw RGB
    just to name it (65 MB for a year's photos); this names it by the JPEG bytes' digest instead."""

    def __init__(self, jpeg: bytes, width: float, height: float):
        super().__init__()
        self.jpeg, self.width, self.height = jpeg, width, height

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        doc = canv._doc
        name = hashlib.sha1(self.jpeg).hexdigest()
        reg = doc.getXObjectName(name)
        if doc.idToObject.get(reg) is None:
            xobj = PDFImageXObject(name, ImageReader(io.BytesIO(self.jpeg)))
            xobj.name = name
            canv._setXObjects(xobj)
            doc.Reference(xobj, reg)
            doc.addForm(name, xobj)
        canv._currentPageHasImages = 1
        canv._formsinuse.append(name)  # the page's /Resources must name it
        canv._code.append(f"q {self.width:.3f} 0 0 {self.height:.3f} 0 0 cm /{reg} Do Q")


def _photo_image(photo):
    p = photo.printed
    if p is None:
        return Paragraph(f"（无法预览：{escape(photo.filename)}，原件保存在电子档案中）", get_styles().caption)
    return JpegImage(p.jpeg, p.width_mm * mm, p.height_mm * mm)


def photos(data: DossierData, n: str) -> list:
    out = [heading(f"{n}、照片附录"),
           _note(f"本期活动、设备购置、验收和开放登记的照片共 {len(data.photos)} 张，按档号排列。照片由原件缩放打印，"
                 f"有效分辨率不低于 {PRINT_PPI} ppi（原件较小的按原尺寸打印得小一些）；说明文字在照片右侧，未写入照片。")]
    if not data.photos:
        return out + [_p("本期没有照片。")]
    cap_w = PHOTO_CELL - PHOTO_IMG_W
    cells = [[_photo_image(p), _photo_caption(p, cap_w - 7.5)] for p in data.photos]
    rows = []
    for i in range(0, len(cells), PHOTO_COLS):
        row = [c for pair in cells[i:i + PHOTO_COLS] for c in pair]
        rows.append(row + [""] * (2 * PHOTO_COLS - len(row)))
    out.append(Table(rows, colWidths=[PHOTO_IMG_W, cap_w] * PHOTO_COLS, style=TableStyle([
        ("FONT", (0, 0), (-1, -1), register_fonts().regular, TABLE_SIZE, TABLE_SIZE * 1.35),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (0, -1), "CENTER"), ("ALIGN", (2, 0), (2, -1), "CENTER"),
        ("BOX", (0, 0), (-1, -1), 0.4, GRID), ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("LINEAFTER", (1, 0), (1, -1), 0.4, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ])))
    return out


# -- 7 self-check ------------------------------------------------------------------------------------------

def self_check(data: DossierData, n: str, report: selfcheck.CheckReport) -> list:
    out = [heading(f"{n}、完整性自查")]
    verdict = "通过" if report.integrity_ok else "未通过"
    errors = [f for f in report.findings if f.severity == "error"]
    warnings = [f for f in report.findings if f.severity != "error"]
    out.append(kv_table([
        ("自查期间", f"{cn_date(data.period.start)}至{cn_date(data.period.end)}"),
        ("数据库完整性", "正常" if not report.integrity else "；".join(report.integrity[:5])),
        ("自查结论", f"完整性检查{verdict}：错误 {len(errors)} 条，提醒 {len(warnings)} 条"),
    ], [32 * mm, FRAME_WIDTH - 32 * mm]))
    if not report.findings:
        out.append(_p("没有发现缺漏。"))
        return out
    by_code = Counter((f.severity, f.code) for f in report.findings)
    rows = [[selfcheck.SEVERITY_NAMES.get(sev, sev), FINDING_NAMES.get(code, code), str(k)]
            for (sev, code), k in sorted(by_code.items(), key=lambda x: (x[0][0] != "error", -x[1]))]
    out += [heading("按类别汇总", 2), long_table(["类型", "问题", "条数"], rows, [60, FRAME_WIDTH - 120, 60],
                                             align="CLR")]
    style, body = [], []
    for i, f in enumerate(sorted(report.findings, key=lambda f: (f.severity != "error", f.code,
                                                                f.item_number or "")), 1):
        body.append([str(i), selfcheck.SEVERITY_NAMES.get(f.severity, f.severity), f.item_number or "", f.message])
        if f.severity == "error":
            style.append(("TEXTCOLOR", (1, i), (1, i), ACCENT))
    number_w = fit_width((f.item_number or "" for f in report.findings), 92)
    out += [heading("自查明细", 2), long_table(["序号", "类型", "档号", "说明"], body,
                                           [36, 36, number_w, FRAME_WIDTH - 72 - number_w], align="RCLL",
                                           style=style)]
    return out
