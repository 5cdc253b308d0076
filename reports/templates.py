"""A4 page template, styles and table helpers shared by the dossier and the town report (no Qt).

API
---
``get_styles() -> Styles``
    Paragraph styles, all in the bundled CJK font with ``wordWrap='CJK'``: ``title`` (cover), ``subtitle``,
    ``h1`` (section), ``h2`` (sub-section), ``body``, ``small``, ``note`` (grey), ``cell`` / ``cell_right`` /
    ``cell_center`` (table body), ``cell_head`` (table header), ``caption`` (photo captions), ``toc1`` /
    ``toc2`` (table of contents levels). Colours: ``HEAD_COLOR`` (dark blue, headings and table headers),
    ``ACCENT`` (dark red, warnings), ``GRID`` (table lines).

``heading(text, level=1, *, key=None, toc=True) -> Flowable``
    A fake-bold heading (see ``fonts.HeadingParagraph``) that adds itself to the table of contents
    (``toc=True``) and to the PDF outline (bookmarks). ``key`` names the bookmark (default: generated).

``doc.toc_placeholder() -> Flowable``: the table of contents in one pass. It takes the rest of its page;
    when the document is saved, the entries of every ``heading()`` are drawn there with their page numbers
    (dotted rules, clickable). Use it when the contents fit on that one page (≈ 35 entries).

``long_table(header, rows, col_widths, *, align=None, font_size=None, zebra=True, style=None) -> Table``
    A table that may run over many pages: ``repeatRows=1`` (header on every page), CJK wrapping.
    ``rows`` are lists of str/None/Flowable (a Flowable, e.g. a ``Paragraph`` with markup, is kept as is).
    To stay fast on thousands of rows, text cells stay plain strings: one that does not fit its column is
    broken into lines by ``wrap_text`` (CJK rules) instead of becoming a ``Paragraph`` (≈ 10× faster).
    ``align`` is a per-column string of ``L``/``C``/``R`` (e.g. ``"LLCR"``). ``style`` adds TableStyle commands.

``kv_table(pairs, col_widths) -> Table``: a two-column "label : value" block (profile, cover).

``ArchiveDocTemplate(target, *, center_name, title, fingerprint="", author=None, subject="", keywords="",
creation_date=None, deterministic=False)``
    A4 ``BaseDocTemplate`` with one page template ``"body"``: a header on every page (center name left,
    document title right, thin rule) and a footer "第 X 页 / 共 Y 页" (centre) with the archive fingerprint
    (left, shortened) in the CJK font. PDF metadata: title, author (default: the center name), subject,
    keywords, creator, creation date (``creation_date``: a ``datetime``; in ``deterministic`` mode the
    document is built invariant, so the same story gives the same bytes). No encryption, no JavaScript.
    ``doc.render(story, cancelled=None) -> bytes`` builds with ``multiBuild`` (TOC page numbers settle over
    passes) and returns the PDF bytes. ``cancelled()`` returning True stops the build (raises ``Cancelled``).

``FRAME_WIDTH`` is the usable text width (points); ``Cancelled`` is the exception for a stopped build.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib import textsplit as _textsplit
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus import paragraph as _paragraph

from .fonts import HeadingParagraph, register_fonts
from .pdfa import to_pdfa
from .register import Register
from .wrapping import _width, wrap_text

# ReportLab's CJK line breaker lets a line open with Chinese full-width closing punctuation (its list is
# Japanese-first and lacks ，；：？！》”); add them so a paragraph hangs them at the line's end instead.
_CANNOT_START = _textsplit.ALL_CANNOT_START + "，；：？！》〉”’…％"
_paragraph.ALL_CANNOT_START = _textsplit.ALL_CANNOT_START = _CANNOT_START

PAGE_WIDTH, PAGE_HEIGHT = A4
# GB/T 9704 as the model: a binding margin on the left; registers keep a little more width on the right
MARGIN_LEFT = 28 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 30 * mm
MARGIN_BOTTOM = 25 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
TABLE_SIZE = 10  # table text never below 10 pt (a printed ledger shows 五号, 10.5 pt)

# print is black on white: headings black, rules and fills in greys
HEAD_COLOR = colors.black
ACCENT = colors.HexColor("#A61B1B")
GRID = colors.HexColor("#555555")
HEADER_FILL = colors.HexColor("#E6E6E6")
ZEBRA = colors.HexColor("#F4F4F4")
GREY = colors.HexColor("#444444")
CELL_PAD = 3


class Cancelled(Exception):
    """The caller asked to stop building the PDF."""


@dataclass
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    caption: ParagraphStyle
    toc1: ParagraphStyle
    toc2: ParagraphStyle


_STYLES: Styles | None = None


def get_styles() -> Styles:
    global _STYLES
    if _STYLES is not None:
        return _STYLES
    fonts = register_fonts()
    font, hei = fonts.regular, fonts.heading

    def ps(name, size, leading=None, **kw):
        kw.setdefault("wordWrap", "CJK")
        kw.setdefault("fontName", font)
        return ParagraphStyle(name, fontSize=size, leading=leading or size * 1.5, **kw)

    _STYLES = Styles(
        title=ps("va-title", 26, 38, fontName=hei, alignment=TA_CENTER, spaceAfter=10),
        subtitle=ps("va-subtitle", 16, 24, alignment=TA_CENTER, spaceAfter=6),
        h1=ps("va-h1", 16, 24, fontName=hei, spaceBefore=4, spaceAfter=8),
        h2=ps("va-h2", 14, 21, fontName=hei, spaceBefore=8, spaceAfter=4),
        body=ps("va-body", 12, 20, spaceAfter=4),
        small=ps("va-small", 10, 15),
        note=ps("va-note", 10.5, 16, textColor=GREY, spaceBefore=3, spaceAfter=4),
        cell=ps("va-cell", TABLE_SIZE, 12.5),
        cell_right=ps("va-cell-r", TABLE_SIZE, 12.5, alignment=TA_RIGHT),
        cell_center=ps("va-cell-c", TABLE_SIZE, 12.5, alignment=TA_CENTER),
        cell_head=ps("va-cell-h", TABLE_SIZE, 12.5, fontName=hei, alignment=TA_CENTER),
        caption=ps("va-caption", 10, 14.5),
        toc1=ps("va-toc1", 12, 20, leftIndent=0, firstLineIndent=0),
        toc2=ps("va-toc2", 10.5, 16, leftIndent=18, firstLineIndent=0, textColor=GREY),
    )
    return _STYLES


def heading(text: str, level: int = 1, *, key: str | None = None, toc: bool = True):
    st = get_styles()
    p = HeadingParagraph(text, st.h1 if level <= 1 else st.h2)
    p._va_toc = (level - 1, text, key) if toc else None
    return p


_ALIGN = {"L": "LEFT", "C": "CENTER", "R": "RIGHT"}


def _cell_styles(font_size: float | None):
    st = get_styles()
    if font_size is None or font_size == TABLE_SIZE:
        return {"L": st.cell, "C": st.cell_center, "R": st.cell_right}, st.cell_head
    out = {}
    for k, base in (("L", st.cell), ("C", st.cell_center), ("R", st.cell_right)):
        out[k] = ParagraphStyle(f"{base.name}-{font_size}", parent=base, fontSize=font_size,
                                leading=font_size * 1.3)
    head = ParagraphStyle(f"va-cell-h-{font_size}", parent=st.cell_head, fontSize=font_size,
                          leading=font_size * 1.3)
    return out, head


def long_table(header, rows, col_widths, *, align: str | None = None, font_size: float | None = None,
               zebra: bool = True, style=None):
    """A multi-page table with the header repeated on every page (see module docstring).

    Plain-text registers become a lean ``Register``; a table holding flowables or style commands beyond
    text colours, row backgrounds and a two-cell total span falls back to ReportLab's ``Table``."""
    fonts = register_fonts()
    font = fonts.regular
    size = max(TABLE_SIZE, font_size or TABLE_SIZE)
    align = (align or "L" * len(col_widths)).ljust(len(col_widths), "L")
    limits = [w - 2 * CELL_PAD - 0.5 for w in col_widths]
    n = len(col_widths)
    body = []
    plain = True
    for row in rows:
        out = []
        for i, value in enumerate(row):
            if value is None:
                out.append("")
            elif isinstance(value, str):
                if "\n" in value or _width(font, value) * size / 1000 > limits[i]:
                    out.append(wrap_text(value, font, size, limits[i]))
                else:
                    out.append(value)
            else:
                out.append(value)
                plain = False
        body.append(out)
    text_colors, row_fills, spans = {}, {}, set()
    for cmd in style or []:
        op, (c0, r0), (c1, r1) = cmd[0], cmd[1], cmd[2]
        r0, r1 = (r if r >= 0 else len(body) + 1 + r for r in (r0, r1))
        c0, c1 = (c if c >= 0 else n + c for c in (c0, c1))
        if op == "TEXTCOLOR":
            for r in range(max(1, r0), min(r1, len(body)) + 1):
                for c in range(c0, c1 + 1):
                    text_colors[(c, r - 1)] = cmd[3]
        elif op == "BACKGROUND":
            for r in range(max(1, r0), min(r1, len(body)) + 1):
                row_fills[r - 1] = cmd[3]
        elif op == "SPAN" and r0 == r1 and (c0, c1) == (0, 1):
            spans.add(r0 - 1)
        else:
            plain = False
    if plain:
        head = [wrap_text(h, fonts.heading, size, limits[i]) for i, h in enumerate(header)]
        return Register(head, body, col_widths, font=font, head_font=fonts.heading, size=size, align=align,
                        zebra=zebra, text_colors=text_colors, row_fills=row_fills, spans=spans, grid=GRID,
                        header_fill=HEADER_FILL, zebra_fill=ZEBRA)
    cell_styles, head_style = _cell_styles(size)
    data = [[Paragraph(escape(h), head_style) for h in header], *body]
    cmds = [
        ("FONT", (0, 0), (-1, -1), font, size, size * 1.25),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for i, a in enumerate(align):
        if a != "L":
            cmds.append(("ALIGN", (i, 1), (i, -1), _ALIGN[a]))
    if zebra and len(data) > 2:
        cmds.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
    cmds += list(style or [])
    return Table(data, colWidths=col_widths, repeatRows=1, style=TableStyle(cmds))


def fit_width(texts, minimum: float, *, size: float = TABLE_SIZE, maximum: float = 160) -> float:
    """A column width that keeps the widest of ``texts`` (e.g. item numbers) on one line."""
    font = register_fonts().regular
    widest = max((_width(font, t) * size / 1000 for t in texts), default=0)
    return min(maximum, max(minimum, widest + 2 * CELL_PAD + 1))


def kv_table(pairs, col_widths) -> Table:
    st = get_styles()
    label = ParagraphStyle("va-kv-label", parent=st.body, textColor=HEAD_COLOR, spaceAfter=0)
    value = ParagraphStyle("va-kv-value", parent=st.body, spaceAfter=0)
    data = [[Paragraph(_escape(k), label), Paragraph(_escape(v or "—"), value)] for k, v in pairs]
    return Table(data, colWidths=col_widths, style=TableStyle([
        ("FONT", (0, 0), (-1, -1), register_fonts().regular, 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))


def cn_date(day) -> str:
    """A date as official prose writes it: 2017年3月5日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


BLANK_DATE = "＿＿＿＿年＿＿月＿＿日"
BLANK_NAME = "＿＿＿＿＿＿＿＿"


def sign_off_table(statement: list[str], keeper: str = "") -> Table:
    """The 备考表 block: a statement (e.g. 本卷共 N 件 N 页), 立卷人 and 检查人 each with a date line, and
    room for the unit's seal. Used at the end of the dossier and of the town report."""
    st = get_styles()
    body = ParagraphStyle("va-sign", parent=st.body, fontSize=12, leading=20, spaceAfter=0)
    label = ParagraphStyle("va-sign-l", parent=body, fontName=register_fonts().heading)
    keeper_text = _escape(keeper) if keeper else BLANK_NAME
    rows = [
        [Paragraph("卷内情况说明", label), Paragraph("<br/>".join(_escape(t) for t in statement), body)],
        [Paragraph("立卷人", label), Paragraph(f"{keeper_text}　　　　日期：{BLANK_DATE}", body)],
        [Paragraph("检查人", label), Paragraph(f"{BLANK_NAME}　　　　日期：{BLANK_DATE}", body)],
        [Paragraph("单位盖章", label), Paragraph("", body)],
    ]
    return Table(rows, colWidths=[32 * mm, FRAME_WIDTH - 32 * mm], rowHeights=[None, 18 * mm, 18 * mm, 40 * mm],
                 style=TableStyle([
                     ("FONT", (0, 0), (-1, -1), register_fonts().regular, 12),
                     ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                     ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID), ("TOPPADDING", (0, 0), (-1, -1), 6),
                     ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), 8),
                 ]))


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


escape = _escape


def _numbered_canvas(doc: ArchiveDocTemplate):
    """A canvas class that holds pages back until save, so each footer can say how many pages there are."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kw):
            super().__init__(*args, **kw)
            self._va_pages = []

        def showPage(self):
            self._va_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._va_pages)
            for state in self._va_pages:
                self.__dict__.update(state)
                doc.draw_frame_marks(self, total)
                if doc._toc_slot and doc._toc_slot[0] == self.getPageNumber():
                    doc.draw_toc(self)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


class ArchiveDocTemplate(BaseDocTemplate):
    """A4 with header and footer on every page; see the module docstring."""

    def __init__(self, target, *, center_name: str, title: str, fingerprint: str = "", author: str | None = None,
                 subject: str = "", keywords: str = "", creation_date: datetime | None = None,
                 deterministic: bool = False, **kw):
        self.fonts = register_fonts()
        get_styles()
        self.center_name = center_name
        self.doc_title = title
        self.fingerprint = fingerprint
        self.creation_date = creation_date
        self.deterministic = deterministic
        self.cancelled = None
        self._toc_slot = None
        self._toc_entries: list[tuple[int, str, int, str]] = []
        super().__init__(
            target, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, title=title, author=author or center_name, subject=subject,
            keywords=keywords, creator="村级文化档案 Village Archive", producer="村级文化档案 (ReportLab)",
            invariant=1 if deterministic else 0, initialFontName=self.fonts.regular, **kw)
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="body", frames=[frame])])

    # -- header / footer, drawn when the page count is known ------------------------------------------------
    def draw_frame_marks(self, canv: Canvas, total: int) -> None:
        font = self.fonts.regular
        canv.saveState()
        top = PAGE_HEIGHT - 18 * mm
        canv.setFont(font, 9)
        canv.setFillColor(GREY)
        canv.drawString(MARGIN_LEFT, top, self.center_name)
        canv.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, top, self.doc_title)
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_LEFT, top - 2.5 * mm, PAGE_WIDTH - MARGIN_RIGHT, top - 2.5 * mm)
        bottom = 13 * mm
        canv.setLineWidth(0.3)
        canv.line(MARGIN_LEFT, bottom + 5 * mm, PAGE_WIDTH - MARGIN_RIGHT, bottom + 5 * mm)
        canv.setFillColor(colors.black)
        canv.setFont(font, 10)
        canv.drawCentredString(PAGE_WIDTH / 2 + (MARGIN_LEFT - MARGIN_RIGHT) / 2, bottom,
                               f"第 {canv.getPageNumber()} 页 / 共 {total} 页")
        if self.fingerprint:
            canv.setFont(font, 8)
            canv.setFillColor(GREY)
            canv.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, bottom, f"档案指纹 {short_fingerprint(self.fingerprint)}")
        canv.restoreState()

    on_page_end = None  # optional callable(page_number), e.g. for progress

    def afterPage(self):
        if self.on_page_end is not None:
            self.on_page_end(self.page)

    # -- table of contents and outline ------------------------------------------------------------------------
    def afterFlowable(self, flowable):
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        entry = getattr(flowable, "_va_toc", None)
        if entry:
            level, text, key = entry
            key = key or f"va-h{len(self._toc_entries) + 1}"  # per document: the same story, the same names
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
            self.notify("TOCEntry", (level, text, self.page, key))
            self._toc_entries.append((level, text, self.page, key))

    def toc_placeholder(self) -> Flowable:
        return _TocPlaceholder(self)

    def draw_toc(self, canv: Canvas) -> None:
        """Draw the collected contents into the placeholder's space (called while saving)."""
        _page, x, top, width = self._toc_slot
        st = get_styles()
        rows, cmds = [], [("FONT", (0, 0), (-1, -1), self.fonts.regular, 10),
                          ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
        for i, (level, text, page, _key) in enumerate(self._toc_entries):
            style = st.toc1 if level == 0 else st.toc2
            rows.append([Paragraph(_escape(text), style), Paragraph(str(page), ParagraphStyle(
                f"va-tocn{level}", parent=style, alignment=TA_RIGHT, leftIndent=0))])
            cmds.append(("LINEBELOW", (0, i), (-1, i), 0.4 if level == 0 else 0.25, GRID, None, (1, 2)))
            cmds.append(("TOPPADDING", (0, i), (-1, i), 5 if level == 0 else 1))
        if not rows:
            return
        table = Table(rows, colWidths=[width - 40, 40], style=TableStyle(cmds))
        _w, h = table.wrapOn(canv, width, top)
        room = top - MARGIN_BOTTOM
        scale = min(1.0, room / h) if h else 1.0  # too many entries for one page: shrink, never overflow
        canv.saveState()
        canv.translate(x, top)
        canv.scale(scale, scale)
        table.drawOn(canv, 0, -h)
        canv.restoreState()
        y = top
        for (_level, _text, _page, key), rh in zip(self._toc_entries, table._rowHeights, strict=True):
            canv.linkAbsolute("", key, (x, y - rh * scale, x + width * scale, y), thickness=0)
            y -= rh * scale

    def render(self, story, cancelled=None) -> bytes:
        """Build (multi-pass for the TOC) and return the PDF bytes."""
        self.cancelled = cancelled
        buf = self.filename if hasattr(self.filename, "write") else None
        canvasmaker = _numbered_canvas(self)
        saved_a85 = rl_config.useA85
        rl_config.useA85 = 0  # binary streams: ~20 % smaller and much faster without the pure-Python encoder
        try:
            self.multiBuild(story, canvasmaker=canvasmaker)
        finally:
            rl_config.useA85 = saved_a85
        if buf is not None:
            data = buf.getvalue()
        else:
            with open(self.filename, "rb") as f:
                data = f.read()
        return to_pdfa(data, metadata_date=self.creation_date if self.deterministic else None)

    def handle_documentBegin(self):
        super().handle_documentBegin()
        self._toc_slot = None
        self._toc_entries = []
        canv = self.canv
        if self.creation_date is not None:
            stamp = pdf_date(self.creation_date)
            canv.setDateFormatter(lambda *_ignored: stamp)


class _TocPlaceholder(Flowable):
    """Reserves the rest of its page for the contents, drawn at save time by ``ArchiveDocTemplate``."""

    def __init__(self, doc: ArchiveDocTemplate):
        super().__init__()
        self._doc = doc

    def wrap(self, aw, ah):
        self._size = (aw, ah * 0.999)
        return self._size

    def drawOn(self, canv, x, y, _sW=0):
        w, h = self._size
        self._doc._toc_slot = (canv.getPageNumber(), x, y + h, w)

    def draw(self):
        pass


def pdf_date(when: datetime) -> str:
    """A PDF date string, e.g. D:20171231120000+08'00' (naive datetimes are written without a zone)."""
    text = f"D:{when:%Y%m%d%H%M%S}"
    offset = when.utcoffset()
    if offset is None:
        return text
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{text}{sign}{minutes // 60:02d}'{minutes % 60:02d}'"


def short_fingerprint(fingerprint: str, groups: int = 4) -> str:
    """First 16 hex digits in groups of four: ``1a2b 3c4d 5e6f 7a8b``."""
    head = fingerprint[: 4 * groups]
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))
