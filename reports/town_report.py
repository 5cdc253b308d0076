"""The town report (全镇汇总报告): the station's centers for one year, in the dossier's fonts and page template.

``render_town_report(archive, *, year, deterministic=False, progress=None, cancelled=None, today=None) -> bytes``
    Cover facts, the quarterly coverage against the plan (Q1 50 %, Q2 90 %, Q3 100 %) measured on each
    quarter's last day, one row per center (status, last archive file, activities, equipment, weekly hours
    against the standard, self-check findings), activities by category, the centers that need attention
    (overdue ones included), and the archive files received. Everything is as of the year's last day (today
    while the year runs); times are in the dossier's zone. The footer carries the station fingerprint of
    the report (``storage.exchange.overview.station_fingerprint``); the station's signing key is printed
    whole as 密钥指纹. The figures come from ``storage.exchange.overview``; nothing here decides a rule.
"""

from __future__ import annotations

import io
from datetime import date, datetime

from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from storage import centers, indicators, signing
from storage.exchange import checklists
from storage.exchange.importer import RESULT_NAMES
from storage.exchange.overview import activity_stats, bags_received, overview_in

from .dossier_data import LOCAL_TZ
from .templates import (
    FRAME_WIDTH,
    ArchiveDocTemplate,
    Cancelled,
    cn_date,
    escape,
    get_styles,
    heading,
    kv_table,
    long_table,
    sign_off_table,
)

TITLE = "综合性文化服务中心全镇汇总报告"


def grouped(hex_digits: str) -> str:
    """A fingerprint printed whole, in groups of four, so it can be read out and compared."""
    digits = hex_digits.replace(" ", "")
    return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def indicator_table(rows, lists: dict, profile) -> list:
    """六: one row per center, one column per indicator of the station's profile: √ met, × not, — not recorded."""
    st = get_styles()
    inds = profile.indicators
    body = []
    for r in rows:
        lines = lists.get(r.center_id)
        if lines is None:
            body.append([r.code, r.village or r.name] + ["—"] * len(inds) + ["未报送"])
            continue
        by_key = {ln.key: ln for ln in lines}
        cells = []
        for ind in inds:
            ln = by_key.get(ind.key)
            cells.append("—" if ln is None or ln.met is None else f"{'√' if ln.met else '×'} {ln.measured}")
        judged = [ln for ln in lines if ln.met is not None]
        cells.append(f"{sum(ln.met for ln in judged)}/{len(judged)}")
        body.append([r.code, r.village or r.name] + cells)
    share = (1 - 0.13 - 0.13 - 0.1) / max(len(inds), 1)
    return [heading("六、各中心达标对照"),
            Paragraph(escape(f"按{profile.name}：{profile.source}。√ 达标，× 未达标，— 本档案不记录或未报送；"
                             "与统计截至日前的记录对照。"), st.note),
            long_table(["编码", "村(社区)"] + [ind.label for ind in inds] + ["达标项"],
                       body or [["—", "没有中心"] + [""] * (len(inds) + 1)],
                       [FRAME_WIDTH * w for w in (0.13, 0.13, *([share] * len(inds)), 0.1)],
                       align="LL" + "C" * (len(inds) + 1))]


def render_town_report(archive, *, year: int, deterministic: bool = False, progress=None, cancelled=None,
                       today: date | None = None, profile: str | None = None) -> bytes:
    def step(done: int, text: str) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(done, 4, text)

    step(0, "正在汇总各中心……")
    today = today or (date(year, 12, 31) if deterministic else datetime.now(LOCAL_TZ).date())
    with archive.session() as s:
        ov = overview_in(s, year, today)
        step(1, "正在统计活动……")
        own = centers.own_center(s)
        station_name, town, keeper = own.name, own.town, own.keeper
        key = signing.full_fingerprint(own.public_key) if own.public_key else ""
        stats = activity_stats(s, year, ov.as_of)
        profile = indicators.profile(profile or checklists.station_profile())
        lists = checklists.checklists_for(s, year, [r.center_id for r in ov.rows], profile.key)
        bags = [(datetime.fromisoformat(b["received"]), b["file"], b["center"], b["signer"] or "—",
                 RESULT_NAMES.get(b["result"], b["result"])) for b in bags_received(s, year, ov.as_of)]
    st = get_styles()
    step(2, "正在排版……")
    title = f"{town}{year}年{TITLE}"
    printed = datetime.combine(today, datetime.min.time(), LOCAL_TZ) if deterministic else datetime.now(LOCAL_TZ)
    buf = io.BytesIO()
    doc = ArchiveDocTemplate(buf, center_name=station_name, title=f"{year}年{TITLE}", fingerprint=ov.fingerprint,
                             subject=title, keywords=f"全镇汇总, {town}, {year}", creation_date=printed,
                             deterministic=deterministic)
    rows = ov.rows
    total_acts = sum(r.activities_year for r in rows)
    story = [Spacer(1, 120), Paragraph(escape(town), st.subtitle), Paragraph(f"{year}年", st.subtitle),
             Paragraph(TITLE, st.title), Spacer(1, 40),
             kv_table([("编制单位", station_name), ("统计截至", f"{ov.as_of:%Y-%m-%d}"),
                       ("中心数", f"{len(rows)} 个（已建成 {ov.covered} 个，其中已验收 {ov.accepted} 个）"),
                       ("本年活动", f"{total_acts} 场"), ("档案指纹", grouped(ov.fingerprint)),
                       ("密钥指纹", grouped(key) if key else "—"),
                       ("编制日期", cn_date(printed))], [FRAME_WIDTH * 0.3, FRAME_WIDTH * 0.7]),
             Spacer(1, 12),
             Paragraph("所有数字均为统计截至日的情况：建设状态取镇街登记的状态记录，报送档案文件不等于已建成。"
                       "档案指纹是本报告所依据的规划、状态记录和各中心档案文件的 SHA-256 摘要（页脚显示前 16 位），"
                       "用同一档案重新生成，指纹相同。密钥指纹是本站签名密钥的完整 SHA-256 摘要。", st.note),
             PageBreak()]
    story.append(heading("一、季度建设进度"))
    story.append(Paragraph("按规划：第一季度覆盖 50%，第二季度 90%，第三季度 100%，第四季度查漏补缺。", st.body))
    story.append(long_table(
        ["季度", "目标", "按规划应建成", "季末实际已建成", "结论"],
        [[q["quarter"], f"{q['target_pct']}%", f"{q['planned']} 个（{q['planned_pct']:g}%）",
          "—" if q["covered_pct"] is None else f"{q['covered']} 个（{q['covered_pct']:g}%）",
          "—" if q["on_track"] is None else ("达标" if q["on_track"] else "未达标")] for q in ov.quarters],
        [FRAME_WIDTH * w for w in (0.16, 0.12, 0.26, 0.26, 0.2)], align="CCCCC"))
    story.append(Spacer(1, 10))
    story.append(heading("二、各中心总览"))
    story.append(long_table(
        ["编码", "村(社区)", "档案管理员", "状态", "目标季度", "最近档案", "本年活动", "设备", "每周开放/标准", "自查"],
        [[r.code, r.village or r.name, r.keeper or "—", r.plan_status_name, r.target_quarter or "—",
          r.last_bag or "未报送", str(r.activities_year), str(r.equipment),
          f"{r.weekly_hours:g}/{r.standard_hours:g}", "—" if r.findings is None else str(r.findings)] for r in rows],
        [FRAME_WIDTH * w for w in (0.11, 0.13, 0.1, 0.08, 0.09, 0.12, 0.08, 0.07, 0.13, 0.09)],
        align="LLLCCCRRCR"))
    story.append(Spacer(1, 10))
    story.append(heading("三、活动分类统计"))
    story.append(long_table(["类别", "场次", "参与人次"], [[c or "—", str(n), str(p)] for c, n, p in stats]
                            or [["（本年没有活动）", "0", "0"]],
                            [FRAME_WIDTH * w for w in (0.5, 0.25, 0.25)], align="LRR"))
    story.append(Spacer(1, 10))
    story.append(heading("四、需要关注的中心"))
    attention = []
    for r in rows:
        why = []
        if r.overdue:
            why.append(f"目标季度 {r.target_quarter} 已过，尚未建成（{r.plan_status_name}）")
        elif r.plan_status is None:
            why.append("镇街未登记建设状态")
        if not r.last_bag:
            why.append("尚未报送档案")
        if not r.hours_ok:
            why.append(f"每周开放 {r.weekly_hours:g} 小时，低于 {r.standard_hours:g} 小时标准")
        if r.last_bag and not r.activities_year:
            why.append("本年没有活动记录")
        if why:
            attention.append([r.code, r.village or r.name, "；".join(why)])
    story.append(long_table(["编码", "村(社区)", "问题"], attention or [["—", "—", "没有需要关注的中心"]],
                            [FRAME_WIDTH * w for w in (0.15, 0.2, 0.65)]))
    story.append(Spacer(1, 10))
    story.append(heading("五、档案文件接收记录"))
    story.append(long_table(["接收时间", "文件", "中心", "密钥指纹（前 16 位）", "结果"],
                            [[f"{t:%Y-%m-%d %H:%M}", f, c, fp, res] for t, f, c, fp, res in bags]
                            or [["—", "本年没有接收档案文件", "", "", ""]],
                            [FRAME_WIDTH * w for w in (0.2, 0.27, 0.25, 0.18, 0.1)]))
    story.append(Spacer(1, 10))
    story += indicator_table(ov.rows, lists, profile)
    story += [Spacer(1, 14), KeepTogether([heading("审核签字"), Spacer(1, 6), sign_off_table(
        [f"本报告汇总 {len(rows)} 个中心（已建成 {ov.covered} 个），本年活动 {total_acts} 场，"
         f"接收档案文件 {len(bags)} 个。"], keeper)])]
    pdf = doc.render(story, cancelled=cancelled)
    step(4, "完成")
    return pdf
