"""The indicator checklist (达标对照表) section of the dossier: each indicator of the chosen profile with
its threshold, the value measured for the period as of its end, met or not, and the evidence (件号).

The figures come from ``storage.indicators.measure`` (collected into ``DossierData.indicators``).
"""

from __future__ import annotations

from storage import indicators

from .templates import ACCENT, FRAME_WIDTH, escape, get_styles, heading, long_table

VERDICT = {True: "达标", False: "未达标", None: "现场核对"}


def build(data, n: str) -> list:
    prof = indicators.profile(data.indicator_profile)
    st = get_styles()
    out = [heading(f"{n}、达标对照表"),
           _note(st, f"对照标准：{prof.name}。依据：{prof.source}。"),
           _note(st, f"按 {data.period.label}（{data.period.start} 至 {data.period.end}）的记录计算，"
                     f"设备、时间表按 {data.period.end} 当天的情况；全年指标按本期天数折算。")]
    rows, style = [], []
    for i, r in enumerate(data.indicators, 1):
        rows.append([str(i), r.label, r.threshold, r.measured, VERDICT[r.met], r.evidence])
        if r.met is False:
            style.append(("TEXTCOLOR", (4, i), (4, i), ACCENT))
    widths = [24, 86, 96, 92, 40, 0]
    widths[-1] = FRAME_WIDTH - sum(widths)
    out.append(long_table(["序号", "指标", "标准", "本期实测", "结论", "证据（件号）"], rows, widths,
                          align="RLLLCL", style=style))
    met = sum(1 for r in data.indicators if r.met)
    failed = sum(1 for r in data.indicators if r.met is False)
    out.append(_note(st, f"共 {len(data.indicators)} 项指标：达标 {met} 项，未达标 {failed} 项，"
                         f"需现场核对 {len(data.indicators) - met - failed} 项。对照标准可在“设置”中选择。"))
    return out


def _note(st, text: str):
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), st.note)
