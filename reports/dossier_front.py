"""The dossier as an archive file (案卷): cover, DA/T 22-2015 catalogue (归档文件目录) and 备考表 (no Qt).

``FileFacts.of(data)`` gathers what the three share, so the cover, the catalogue and the 备考表 can never
disagree: the catalogue rows in date order with 文号 and 保管期限, 件数, 页数, 照片, the retention of the
whole file (its longest item's) and the file's 档号.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from storage import retention

from .dossier_data import CatalogueRow, DossierData
from .fonts import register_fonts
from .templates import (
    ACCENT,
    FRAME_WIDTH,
    GREY,
    GRID,
    cn_date,
    escape,
    fit_width,
    get_styles,
    heading,
    long_table,
    short_fingerprint,
    sign_off_table,
)

DOSSIER_TITLE = "检查档案汇编"
SECRECY = ""  # village records are not classified: DA/T 22 leaves 密级 blank for them


@dataclass
class Entry:
    row: CatalogueRow
    doc_number: str
    term: str


@dataclass
class FileFacts:
    entries: list[Entry]
    items: int
    pages: int
    photos: int
    deleted: int
    term: str
    archive_number: str
    fonds: str
    year: str

    @classmethod
    def of(cls, data: DossierData) -> FileFacts:
        c = data.center
        ids = {e.item_number: e.id for e in data.equipment}
        entries = []
        for r in sorted(data.catalogue, key=lambda r: (r.day, r.item_number)):
            kind = r.kind
            number = ""
            stages = data.stages.get(ids.get(r.item_number), {}) if kind == "equipment" else {}
            for stage in ("town", "city", "prefecture"):
                got = stages.get(stage)
                if got is not None and got.report_number:
                    number = got.report_number
                    break
            entries.append(Entry(r, number, retention.term_for(c, kind)))
        period = data.period
        year = str(period.start.year) if period.start.year == period.end.year else \
            f"{period.start.year}—{period.end.year}"
        term = retention.longest(e.term for e in entries) if entries else retention.term_for(c, "activity")
        return cls(entries=entries, items=len(entries), pages=sum(e.row.pages for e in entries),
                   photos=len(data.photos), deleted=sum(e.row.deleted for e in entries), term=term,
                   archive_number=retention.archive_number(c, year.split("—")[0], term),
                   fonds=(getattr(c, "fonds_number", "") or "").strip(), year=year)


# -- cover ------------------------------------------------------------------------------------------------

def cover(data: DossierData, facts: FileFacts) -> list:
    st = get_styles()
    fonts = register_fonts()
    c = data.center
    label = ParagraphStyle("va-cover-l", parent=st.body, fontName=fonts.heading, fontSize=13, leading=20,
                           spaceAfter=0)
    value = ParagraphStyle("va-cover-v", parent=st.body, fontSize=13, leading=20, spaceAfter=0)

    def row(k, v):
        return [Paragraph(k, label), Paragraph(escape(v), value)]

    ident = Table([row("全宗号", facts.fonds or "（尚未分配）"), row("档　号", facts.archive_number),
                   row("年　度", facts.year), row("保管期限", facts.term)],
                  colWidths=[26 * mm, 52 * mm], hAlign="RIGHT", style=TableStyle([
                      ("BOX", (0, 0), (-1, -1), 0.8, "black"), ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONT", (0, 0), (-1, -1), fonts.regular, 12)]))
    facts_rows = [
        row("立档单位", c.name), row("所属镇(街)", f"{c.town} {c.village}".strip()),
        row("起止日期", f"{cn_date(data.period.start)}至{cn_date(data.period.end)}"),
        row("件数、页数", f"本卷共 {facts.items} 件，{facts.pages} 页，照片 {facts.photos} 张"),
        row("立卷人", c.keeper or "（未填写）"), row("立卷日期", "＿＿＿＿年＿＿月＿＿日"),
        row("检查人", "＿＿＿＿＿＿＿＿"), row("检查日期", "＿＿＿＿年＿＿月＿＿日"),
        row("打印日期", cn_date(data.printed)),
    ]
    table = Table(facts_rows, colWidths=[34 * mm, FRAME_WIDTH - 34 * mm], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("FONT", (0, 0), (-1, -1), fonts.regular, 12)]))
    fp = data.fingerprint
    small = ParagraphStyle("va-cover-fp", parent=st.small, textColor=GREY, fontSize=8.5, leading=12)
    badge = "（示范点）" if c.is_demonstration else ""
    return [
        ident,
        Spacer(1, 22 * mm),
        Paragraph(escape(c.name) + badge, st.subtitle),
        Spacer(1, 4 * mm),
        Paragraph(DOSSIER_TITLE, st.title),
        Paragraph(escape(data.period.label), st.subtitle),
        Spacer(1, 16 * mm),
        table,
        Spacer(1, 14 * mm),
        Paragraph(f"档案指纹（SHA-256）：{short_fingerprint(fp)}　{fp}", small),
        Paragraph("档案指纹是本期全部记录及附件校验值的摘要；用同一档案文件重新生成，指纹相同。"
                  "已删除的记录保留在归档文件目录中并注明“已删除”。", small),
        PageBreak(),
    ]


# -- catalogue (归档文件目录) -----------------------------------------------------------------------------

CATALOGUE_HEADER = ["件号", "责任者", "文号", "题名", "日期", "页数", "密级", "保管期限", "备注"]


def _stamp(facts: FileFacts) -> Table:
    """An 归档章-style block: the fields DA/T 22 stamps on each item, stated once for the whole file."""
    fonts = register_fonts()
    head = ["全宗号", "年度", "保管期限", "件数", "页数", "档号"]
    vals = [facts.fonds or "—", facts.year, facts.term, str(facts.items), str(facts.pages), facts.archive_number]
    w = [22 * mm, 20 * mm, 24 * mm, 18 * mm, 18 * mm, 44 * mm]
    return Table([head, vals], colWidths=w, hAlign="LEFT", style=TableStyle([
        ("FONT", (0, 0), (-1, 0), fonts.heading, 10), ("FONT", (0, 1), (-1, 1), fonts.regular, 10.5),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 1.2, ACCENT), ("INNERGRID", (0, 0), (-1, -1), 0.6, ACCENT),
        ("TEXTCOLOR", (0, 0), (-1, -1), ACCENT)]))


def catalogue(data: DossierData, facts: FileFacts, n: str) -> list:
    st = get_styles()
    out = [heading(f"{n}、归档文件目录"), _stamp(facts), Spacer(1, 3 * mm),
           Paragraph(escape("按 DA/T 22—2015《归档文件整理规则》编制，以件为单位，年度内按日期排列。页数 = 登记表 1 页 + 附件数；"
                            "文号为验收报告编号。已删除的件保留件号，备注注明“已删除”。"), st.note)]
    if not facts.entries:
        return out + [Paragraph("本期没有归档的件。", st.body)]
    rows, style = [], []
    for i, e in enumerate(facts.entries, 1):
        r = e.row
        note = "已删除" + (f"：{r.reason}" if r.reason else "") if r.deleted else ""
        rows.append([_number_cell(r.item_number), r.responsible, e.doc_number,
                     r.title, f"{r.day:%Y%m%d}", str(r.pages), SECRECY, e.term, note])
        if r.deleted:
            style.append(("TEXTCOLOR", (0, i), (-1, i), GREY))
            style.append(("TEXTCOLOR", (8, i), (8, i), ACCENT))
    cells = [r[0] for r in rows]
    number_w = fit_width((part for c in cells for part in c.split("\n")), 56)
    doc_w = fit_width((e.doc_number for e in facts.entries), 40, maximum=74)
    widths = [number_w, 56, doc_w, 0, 48, 28, 28, 36, 30]
    widths[3] = FRAME_WIDTH - sum(widths)
    out.append(long_table(CATALOGUE_HEADER, rows, widths, align="LLLLCRCCL", zebra=False, style=style))
    out.append(Paragraph(escape(f"本期共 {facts.items} 件 {facts.pages} 页，其中已删除 {facts.deleted} 件。"), st.note))
    return out


def _number_cell(number: str) -> str:
    """件号 in a narrow column: break before the kind (KPCCCD-2017-/HD-0001), never inside a part."""
    parts = number.rsplit("-", 2)
    return f"{parts[0]}-\n{parts[1]}-{parts[2]}" if len(parts) == 3 and len(number) > 11 else number


# -- 备考表 -----------------------------------------------------------------------------------------------

def backup_table(data: DossierData, facts: FileFacts) -> list:
    statement = [f"本卷共 {facts.items} 件 {facts.pages} 页、照片 {facts.photos} 张。",
                 f"其中已删除 {facts.deleted} 件（保留件号，见归档文件目录备注）。" if facts.deleted else
                 "卷内文件齐全，件号连续。",
                 f"档号 {facts.archive_number}，保管期限 {facts.term}。"]
    return [KeepTogether([heading("备考表"), Spacer(1, 4 * mm), sign_off_table(statement, data.center.keeper)])]
