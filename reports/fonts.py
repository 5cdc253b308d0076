"""The bundled CJK TrueType fonts for every PDF we make (no Qt here).

API
---
``register_fonts() -> Fonts``
    Registers the two bundled faces with ReportLab (once per process; later calls are free) and returns
    the names to use:

    - ``Fonts.regular`` = ``"ARPLSungtiLGB"``: AR PL SungtiL GB (``assets/fonts/gbsn00lp.ttf``, 宋体, Arphic
      Public License). Body text, tables, headers, footers, charts. Its Latin letters and digits are
      half-width and fixed-pitch (as in SimSun), so it also serves for fingerprints (``Fonts.mono``).
    - ``Fonts.heading`` = ``"WQYMicroHei"``: WenQuanYi Micro Hei (``assets/fonts/wqy-microhei.ttc``
      subfont 0, a 黑体-style sans, Apache-2.0/GPL-3 with font exception). Headings, the cover title and
      table headers, as GB/T 9704 sets titles in 黑体/小标宋 and the body in 宋/仿宋.
    ``<b>`` inside a paragraph maps to the heading face, so markup never falls back to Helvetica.

Both are TrueType outlines (ReportLab rejects CFF/OTF), cover all of GB 2312 and are subset-embedded
(/FontFile2). The TTC's second face (Micro Hei Mono) is never used: its width table disagrees with its
glyphs, which PDF/A forbids.

``HeadingParagraph(text, style, stroke_ratio=0.0)``
    A platypus ``Paragraph`` that may be drawn in fake bold (text render mode 2, fill + stroke, stroke width
    ``fontSize * stroke_ratio``). Text extraction (pypdf) is unaffected.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

import assets

SONG_PATH = assets.SONG_FONT
TTC_PATH = assets.FONT
SUBFONT_REGULAR = 0
SONG = "ARPLSungtiLGB"
HEI = "WQYMicroHei"


@dataclass(frozen=True)
class Fonts:
    regular: str = SONG
    heading: str = HEI
    mono: str = SONG


_FONTS: Fonts | None = None


def register_fonts() -> Fonts:
    """Register the bundled fonts once; return their names. Raises FileNotFoundError if one is missing."""
    global _FONTS
    if _FONTS is not None:
        return _FONTS
    for path in (SONG_PATH, TTC_PATH):
        if not path.is_file():
            raise FileNotFoundError(f"找不到报表字体文件 {path}，请重新安装本软件。")
    registered = set(pdfmetrics.getRegisteredFontNames())
    if SONG not in registered:
        pdfmetrics.registerFont(TTFont(SONG, str(SONG_PATH)))
    if HEI not in registered:
        pdfmetrics.registerFont(TTFont(HEI, str(TTC_PATH), subfontIndex=SUBFONT_REGULAR))
    for italic in (0, 1):
        addMapping(SONG, 0, italic, SONG)
        addMapping(SONG, 1, italic, HEI)
        addMapping(HEI, 0, italic, HEI)
        addMapping(HEI, 1, italic, HEI)
    _FONTS = Fonts()
    return _FONTS


class HeadingParagraph(Paragraph):
    """A paragraph optionally in fake bold: text render mode 2 (fill + stroke) in the text colour."""

    def __init__(self, text, style, stroke_ratio: float = 0.0, **kw):
        super().__init__(text, style, **kw)
        self._stroke_ratio = stroke_ratio

    def draw(self):
        if not self._stroke_ratio:
            return super().draw()
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.style.textColor)
        canv.setLineWidth(self.style.fontSize * self._stroke_ratio)
        canv._code.append("2 Tr")  # text state may be set outside BT/ET; restored by Q
        try:
            super().draw()
        finally:
            canv.restoreState()
