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
(/FontFile2). Parsing a face's tables (cmap, widths, glyph locations: ~35,000 characters for Micro Hei) took
~0.17 s per process; the parsed tables are kept in the user cache folder (``storage.paths.cache_dir``, one
``marshal`` file per face, keyed by the font file's size and time and ReportLab's version), so later runs
only read the font's bytes. A missing, stale or unreadable cache is rebuilt; an unwritable folder just
means parsing every time. The face built from the cache equals the parsed one (the tests compare them). The TTC's second face (Micro Hei Mono) is never used: its width table disagrees with its
glyphs, which PDF/A forbids.

``HeadingParagraph(text, style, stroke_ratio=0.0)``
    A platypus ``Paragraph`` that may be drawn in fake bold (text render mode 2, fill + stroke, stroke width
    ``fontSize * stroke_ratio``). Text extraction (pypdf) is unaffected.
"""

from __future__ import annotations

import marshal
import os
from array import array
from dataclasses import dataclass
from fnmatch import fnmatch
from itertools import chain
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace, unShapedFontGlob
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
        pdfmetrics.registerFont(load_ttfont(SONG, SONG_PATH))
    if HEI not in registered:
        pdfmetrics.registerFont(load_ttfont(HEI, TTC_PATH, SUBFONT_REGULAR))
    for italic in (0, 1):
        addMapping(SONG, 0, italic, SONG)
        addMapping(SONG, 1, italic, HEI)
        addMapping(HEI, 0, italic, HEI)
        addMapping(HEI, 1, italic, HEI)
    _FONTS = Fonts()
    return _FONTS


# -- parsed faces kept between runs ---------------------------------------------------------------------------
CACHE_FORMAT = 1
_NAMES = ("name", "familyName", "styleName", "fullName", "uniqueFontID")  # TTFNameBytes: kept as text
_SKIP = ("_ttf_data", "_pdfScale", "_pos", "charToGlyph", "charWidths", "glyphToChar", "hmetrics", "glyphPos")


def load_ttfont(name: str, path: Path, subfont: int = 0) -> TTFont:
    """``TTFont(name, path, subfontIndex=subfont)``, its parsed tables taken from the cache when they match."""
    path = Path(path)
    cache = _cache_file(path, subfont)
    state = _read_cache(cache) if cache is not None else None
    if state is not None:
        try:
            face = _face_from(state, path)
        except (KeyError, TypeError, ValueError, AttributeError, OSError):
            face = None
        if face is not None:  # what TTFont.__init__ does, with the parsed face
            font = TTFont.__new__(TTFont)
            font.fontName = name
            font.face = face
            font.encoding = TTEncoding()
            font.state = WeakKeyDictionary()
            font._asciiReadable = reportlab.rl_config.ttfAsciiReadable
            font.shapable = not any(fnmatch(name, g) for g in unShapedFontGlob)
            return font
    font = TTFont(name, str(path), subfontIndex=subfont)
    if cache is not None:
        _write_cache(cache, font.face)
    return font


def _cache_file(path: Path, subfont: int) -> Path | None:
    try:
        st = path.stat()
        from storage.paths import cache_dir

        folder = cache_dir() / "fonts"
    except (OSError, ImportError):
        return None
    key = f"{path.stem}-{subfont}-{st.st_size}-{st.st_mtime_ns}-rl{reportlab.Version}-v{CACHE_FORMAT}"
    return folder / f"{key}.marshal"


def _read_cache(cache: Path) -> dict | None:
    try:
        state = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return state if isinstance(state, dict) and state.get("_format") == CACHE_FORMAT else None


def _write_cache(cache: Path, face) -> None:
    state = {k: v for k, v in face.__dict__.items() if k not in _SKIP}
    for k in _NAMES:
        state[k] = state[k].ustr
    # the big tables as flat arrays: ~10x quicker to load than the same dicts and lists of small objects
    chars = list(face.charToGlyph)
    state["_chars"] = array("l", chars).tobytes()
    state["_glyphs"] = array("l", (face.charToGlyph[c] for c in chars)).tobytes()
    state["_wchars"] = array("l", face.charWidths).tobytes()
    state["_widths"] = array("d", face.charWidths.values()).tobytes()
    pairs = [(g, c) for g, cs in face.glyphToChar.items() for c in cs]
    state["_g2c_glyphs"] = array("l", (g for g, _ in pairs)).tobytes()
    state["_g2c_chars"] = array("l", (c for _, c in pairs)).tobytes()
    # advance widths: ints as read, then floats (ReportLab repeats the last one scaled): keep where they turn
    aws = [m[0] for m in face.hmetrics]
    ints = next((i for i, a in enumerate(aws) if type(a) is not int), len(aws))
    if not all(type(a) is float for a in aws[ints:]) or not all(type(m[1]) is int for m in face.hmetrics):
        return  # a shape this cache does not know: parse every time
    state["_aw_int"] = array("l", aws[:ints]).tobytes()
    state["_aw_float"] = array("d", aws[ints:]).tobytes()
    state["_lsb"] = array("l", (m[1] for m in face.hmetrics)).tobytes()
    state["_glyph_pos"] = array("q", face.glyphPos).tobytes()
    state["_format"] = CACHE_FORMAT
    tmp = cache.with_name(f"{cache.name}.{os.getpid()}.part")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(state))
        os.replace(tmp, cache)  # atomic: a reader never sees half a file
    except (OSError, ValueError):
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def _face_from(state: dict, path: Path) -> TTFontFace:
    face = TTFontFace.__new__(TTFontFace)
    flat = {k: state.pop(k) for k in (
        "_chars", "_glyphs", "_wchars", "_widths", "_g2c_glyphs", "_g2c_chars", "_aw_int", "_aw_float", "_lsb",
        "_glyph_pos", "_format")}
    face.__dict__.update(state)
    chars = array("l", flat["_chars"])
    face.charToGlyph = dict(zip(chars, array("l", flat["_glyphs"]), strict=True))
    face.charWidths = dict(zip(array("l", flat["_wchars"]), array("d", flat["_widths"]), strict=True))
    g2c: dict = {}
    for g, c in zip(array("l", flat["_g2c_glyphs"]), array("l", flat["_g2c_chars"]), strict=True):
        got = g2c.get(g)
        if got is None:
            g2c[g] = [c]
        else:
            got.append(c)
    face.glyphToChar = g2c
    face.hmetrics = list(zip(chain(array("l", flat["_aw_int"]), array("d", flat["_aw_float"])),
                             array("l", flat["_lsb"]), strict=True))
    face.glyphPos = array("q", flat["_glyph_pos"]).tolist()
    for k in _NAMES:
        face.__dict__[k] = TTFNameBytes(state[k].encode("utf8"), "utf8")
    face.filename = str(path)
    face._ttf_data = path.read_bytes()
    face._pos = 0
    upm = face.unitsPerEm
    face._pdfScale = (lambda x: x) if upm == 1000 else (lambda x, m=1000 / upm: x * m)
    if len(face.hmetrics) != face.numGlyphs or len(face.glyphPos) != face.numGlyphs + 1:
        raise ValueError("stale font cache")
    return face


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
