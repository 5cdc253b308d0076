"""A lean flowable for long registers: rows of plain text laid out once, split by page, drawn as raw PDF operators.

ReportLab's general ``Table`` recomputes cell geometry on every split and draws each cell through the
canvas API; for a register of thousands of rows that was most of the dossier's time. ``Register`` wraps
every cell once (``wrap_text``), keeps prefix sums of the row heights, splits with a bisection and draws a
page of rows as one block of operators, encoding each distinct string once per document.

``Register(header, rows, col_widths, *, font, head_font, size, align, zebra, colors)``
    ``rows``: lists of ``str`` (already wrapped: lines separated by ``\\n``). ``colors``: ``{(col, row):
    Color}`` text colours, ``row_fills``: ``{row: Color}`` backgrounds; ``spans``: rows whose first two cells
    are drawn as one (a total row). The header repeats on every page. Used by ``templates.long_table``.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from reportlab.lib import colors as rl_colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

PAD_X = 3
PAD_TOP = 2.5
PAD_BOTTOM = 3


def _rgb(color) -> str:
    r, g, b = color.red, color.green, color.blue
    return f"{r:.3f} {g:.3f} {b:.3f}"


class _Shared:
    """What every piece of a split register shares: the wrapped cells, heights and the encoder caches."""

    def __init__(self, header, rows, col_widths, font, head_font, size, align, zebra, text_colors, row_fills,
                 spans, grid, header_fill, zebra_fill):
        self.widths = list(col_widths)
        self.xs = [0.0, *accumulate(self.widths)]
        self.font, self.head_font, self.size = font, head_font, size
        self.leading = size * 1.25
        self.align = align
        self.header = [h.split("\n") for h in header]
        self.rows = [[(c or "").split("\n") for c in row] for row in rows]
        self.header_h = max(len(c) for c in self.header) * self.leading + PAD_TOP + PAD_BOTTOM
        self.heights = [max((len(c) for c in r), default=1) * self.leading + PAD_TOP + PAD_BOTTOM
                        for r in self.rows]
        self.tops = [0.0, *accumulate(self.heights)]
        self.zebra = zebra
        self.text_colors = text_colors
        self.row_fills = row_fills
        self.spans = spans
        self.grid, self.header_fill, self.zebra_fill = grid, header_fill, zebra_fill

    def fit(self, start: int, room: float) -> int:
        """How many rows from ``start`` fit in ``room`` points below a header."""
        limit = self.tops[start] + room - self.header_h
        return bisect_right(self.tops, limit + 1e-6, lo=start) - 1 - start


class _Encoder:
    """Encodes strings to subset font operators once per (document, font, text)."""

    def __init__(self, canv):
        self.canv = canv
        self.doc = canv._doc
        self.cache: dict = {}
        self.widths: dict = {}

    def parts(self, font_name: str, text: str):
        key = (font_name, text)
        got = self.cache.get(key)
        if got is None:
            font = pdfmetrics.getFont(font_name)
            esc = self.canv._escape
            got = self.cache[key] = [(font.getSubsetInternalName(subset, self.doc), f"({esc(chunk)}) Tj")
                                     for subset, chunk in font.splitString(text, self.doc)]
        return got

    def width(self, font_name: str, text: str, size: float) -> float:
        key = (font_name, text)
        w = self.widths.get(key)
        if w is None:
            w = self.widths[key] = pdfmetrics.stringWidth(text, font_name, 1000)
        return w * size / 1000


_ENCODERS: dict = {}


def _encoder(canv) -> _Encoder:
    enc = _ENCODERS.get(id(canv))
    if enc is None or enc.canv is not canv:
        _ENCODERS.clear()  # one document at a time per process is the common case; keep no stale canvases
        enc = _ENCODERS[id(canv)] = _Encoder(canv)
    return enc


class Register(Flowable):
    def __init__(self, header, rows, col_widths, *, font, head_font, size, align, zebra=True, text_colors=None,
                 row_fills=None, spans=(), grid=rl_colors.grey, header_fill=rl_colors.lightgrey,
                 zebra_fill=rl_colors.whitesmoke, _shared=None, _start=0, _stop=None):
        super().__init__()
        self.s = _shared or _Shared(header, rows, col_widths, font, head_font, size, align, zebra,
                                    text_colors or {}, row_fills or {}, set(spans), grid, header_fill, zebra_fill)
        self.start = _start
        self.stop = len(self.s.rows) if _stop is None else _stop
        self.width = self.s.xs[-1]

    def _height(self) -> float:
        return self.s.header_h + self.s.tops[self.stop] - self.s.tops[self.start]

    def wrap(self, aw, ah):
        self.height = self._height()
        return self.width, self.height

    def split(self, aw, ah):
        n = self.s.fit(self.start, ah)
        if n <= 0 or self.start + n >= self.stop:
            return [] if n <= 0 else [self]
        cut = self.start + n
        return [Register(None, None, None, font=None, head_font=None, size=None, align=None, _shared=self.s,
                         _start=self.start, _stop=cut),
                Register(None, None, None, font=None, head_font=None, size=None, align=None, _shared=self.s,
                         _start=cut, _stop=self.stop)]

    # -- drawing -------------------------------------------------------------------------------------------
    def draw(self):
        s = self.s
        canv = self.canv
        enc = _encoder(canv)
        height = self._height()
        out: list[str] = ["q"]
        # backgrounds: header, zebra and explicit fills
        out.append(f"{_rgb(s.header_fill)} rg 0 {height - s.header_h:.2f} {self.width:.2f} {s.header_h:.2f} re f")
        y = height - s.header_h
        row_y = []
        for i in range(self.start, self.stop):
            h = s.heights[i]
            y -= h
            row_y.append(y)
            fill = s.row_fills.get(i)
            if fill is None and s.zebra and i % 2 == 1:
                fill = s.zebra_fill
            if fill is not None:
                out.append(f"{_rgb(fill)} rg 0 {y:.2f} {self.width:.2f} {h:.2f} re f")
        # grid
        out.append(f"{_rgb(s.grid)} RG 0.4 w")
        out.append(f"0 0 {self.width:.2f} {height:.2f} re S")
        for yy in [height - s.header_h, *row_y[:-1]]:
            out.append(f"0 {yy:.2f} m {self.width:.2f} {yy:.2f} l S")
        for x in s.xs[1:-1]:
            out.append(f"{x:.2f} 0 m {x:.2f} {height:.2f} l S")
        # spanned rows: white-out the inner line between their first two cells
        for k, i in enumerate(range(self.start, self.stop)):
            if i in s.spans:
                fill = s.row_fills.get(i, rl_colors.white)
                x = s.xs[1]
                out.append(f"{_rgb(fill)} RG 0.6 w {x:.2f} {row_y[k] + 0.3:.2f} m {x:.2f} "
                           f"{row_y[k] + s.heights[i] - 0.3:.2f} l S")
        out.append("BT 0 g")
        state = {"font": None, "color": None}

        def text(font_name, size, line, x_left, width, align, y_base, color):
            if not line:
                return
            if align == "L":
                x = x_left + PAD_X
            else:
                w = enc.width(font_name, line, size)
                x = x_left + width - PAD_X - w if align == "R" else x_left + (width - w) / 2
            if color != state["color"]:
                out.append(f"{_rgb(color)} rg" if color is not None else "0 g")
                state["color"] = color
            out.append(f"1 0 0 1 {x:.2f} {y_base:.2f} Tm")
            for name, op in enc.parts(font_name, line):
                if state["font"] != (name, size):
                    out.append(f"{name} {size:g} Tf")
                    state["font"] = (name, size)
                out.append(op)

        size = s.size
        ascent = size * 0.88
        top = height
        for c, lines in enumerate(s.header):
            block = len(lines) * s.leading
            y0 = top - s.header_h + (s.header_h - block) / 2 + block - ascent - (s.leading - size) / 2
            for j, line in enumerate(lines):
                text(s.head_font, size, line, s.xs[c], s.widths[c], "C", y0 - j * s.leading, None)
        for k, i in enumerate(range(self.start, self.stop)):
            h = s.heights[i]
            y_top = row_y[k] + h
            spanned = i in s.spans
            for c, lines in enumerate(s.rows[i]):
                block = len(lines) * s.leading
                y0 = y_top - PAD_TOP - (h - PAD_TOP - PAD_BOTTOM - block) / 2 - ascent - (s.leading - size) / 2
                x_left, width = s.xs[c], s.widths[c]
                if spanned and c == 0:
                    width = s.widths[0] + s.widths[1]
                color = s.text_colors.get((c, i))
                for j, line in enumerate(lines):
                    text(s.font, size, line, x_left, width, s.align[c], y0 - j * s.leading, color)
        out.append("ET Q")
        canv._code.append("\n".join(out))
