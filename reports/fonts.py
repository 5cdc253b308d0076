"""The bundled CJK TrueType font for every PDF we make (no Qt here).

API
---
``register_fonts() -> Fonts``
    Registers ``assets/fonts/wqy-microhei.ttc`` with ReportLab (once per process; later calls are free)
    and returns the names to use:

    - ``Fonts.regular`` = ``"WQYMicroHei"``: TTC subfont 0 (WenQuanYi Micro Hei, proportional Latin).
      Body text, tables, headers, footers, charts: everything.
    - ``Fonts.mono`` = ``"WQYMicroHeiMono"``: TTC subfont 1 (monospaced Latin) for fingerprints and hashes.
    - ``Fonts.heading`` = the same face as ``regular``. Micro Hei has a single weight, so headings are set
      apart by size and colour, and drawn in a fake bold (text render mode 2, fill + thin stroke) by
      :class:`HeadingParagraph`. ``<b>`` inside a paragraph maps to the same face (the family is registered
      with all four styles pointing at it) so markup never falls back to Helvetica.

``TTC_PATH``, ``SUBFONT_REGULAR`` (0), ``SUBFONT_MONO`` (1) are exported for anyone who needs them.

Fonts are subset-embedded as TrueType (/FontFile2): ReportLab rejects OTF/CFF CJK fonts, and the built-in
``STSong-Light`` embeds nothing, so it must not be used (see STACK-NOTES.md).

``HeadingParagraph(text, style, stroke_ratio=0.035)``
    A platypus ``Paragraph`` drawn with text render mode 2 (fill then stroke, stroke width
    ``fontSize * stroke_ratio`` in the text colour): a readable fake bold for a one-weight CJK face.
    Text extraction (pypdf) is unaffected.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

import assets

TTC_PATH = assets.FONT
SUBFONT_REGULAR = 0
SUBFONT_MONO = 1
REGULAR = "WQYMicroHei"
MONO = "WQYMicroHeiMono"


@dataclass(frozen=True)
class Fonts:
    regular: str = REGULAR
    heading: str = REGULAR
    mono: str = MONO


_FONTS: Fonts | None = None


def register_fonts() -> Fonts:
    """Register the bundled font once; return the font names. Raises FileNotFoundError if it is missing."""
    global _FONTS
    if _FONTS is not None:
        return _FONTS
    if not TTC_PATH.is_file():
        raise FileNotFoundError(f"找不到报表字体文件 {TTC_PATH}，请重新安装本软件。")
    registered = set(pdfmetrics.getRegisteredFontNames())
    if REGULAR not in registered:
        pdfmetrics.registerFont(TTFont(REGULAR, str(TTC_PATH), subfontIndex=SUBFONT_REGULAR))
    if MONO not in registered:
        pdfmetrics.registerFont(TTFont(MONO, str(TTC_PATH), subfontIndex=SUBFONT_MONO))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(REGULAR, bold, italic, REGULAR)
            addMapping(MONO, bold, italic, MONO)
    _FONTS = Fonts()
    return _FONTS


class HeadingParagraph(Paragraph):
    """A paragraph in fake bold: text render mode 2 (fill + stroke) in the text colour."""

    def __init__(self, text, style, stroke_ratio: float = 0.035, **kw):
        super().__init__(text, style, **kw)
        self._stroke_ratio = stroke_ratio

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.style.textColor)
        canv.setLineWidth(self.style.fontSize * self._stroke_ratio)
        canv._code.append("2 Tr")  # text state may be set outside BT/ET; restored by Q
        try:
            super().draw()
        finally:
            canv.restoreState()
