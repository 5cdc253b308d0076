"""Plain-text cell wrapping for long tables (no Qt): CJK may break between any two characters, Latin words and
numbers stay whole where they fit, and no line opens with closing punctuation or ends with an opening one.

``wrap_text(text, font, size, width) -> str``: the lines joined by newlines, for a plain table cell; ~10× faster
than a ``Paragraph`` with ``wordWrap='CJK'`` on thousands of cells, and a text met again is looked up.
"""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth

_WIDTHS: dict[str, dict[str, float]] = {}
_WORD = re.compile(r"[A-Za-z0-9_.,:;/%+#@&'\-]+|\s+|.", re.S)
_NO_START = set("，。、；：？！）》」』】〕〉”’%,.;:!?)]}·…—")
_NO_END = set("（《「『【〔〈“‘([{")


def _char_width(font: str, ch: str) -> float:
    widths = _WIDTHS.setdefault(font, {})
    w = widths.get(ch)
    if w is None:
        w = widths[ch] = stringWidth(ch, font, 1000)
    return w


_TOKENS: dict[tuple[str, str], float] = {}


def _width(font: str, token: str) -> float:
    key = (font, token)
    w = _TOKENS.get(key)
    if w is None:
        if len(_TOKENS) > 200_000:
            _TOKENS.clear()
        w = _TOKENS[key] = stringWidth(token, font, 1000)  # the C accelerator: the same sum of advances
    return w


def _break_before(lines: list[list[str]], token: str) -> None:
    """Open a new line for ``token``; carry characters along so that no line opens with closing
    punctuation and none ends with opening punctuation (as long as the old line keeps a token)."""
    last = lines[-1]
    carry: list[str] = []
    if token[0] in _NO_START:
        while len(last) > 1:
            moved = last.pop()
            carry.insert(0, moved)
            if moved[0] not in _NO_START and not moved.isspace():
                break
    while len(last) > 1 and last[-1][-1] in _NO_END:
        carry.insert(0, last.pop())
    while last and last[-1].isspace():
        last.pop()
    while carry and carry[0].isspace():
        carry.pop(0)
    lines.append(carry + [token])


_WRAPPED: dict[tuple, str] = {}


def wrap_text(text: str, font: str, size: float, width: float) -> str:
    """Break ``text`` into lines no wider than ``width`` points: CJK may break between any two characters,
    Latin words and numbers stay whole where they fit, no line starts with closing punctuation or ends
    with an opening one. Returns the lines joined by newlines (for a plain table cell). Much faster than
    a Paragraph with ``wordWrap='CJK'`` for thousands of cells; a text met again (a register repeats
    places, organizers, categories) is looked up, not wrapped again."""
    key = (text, font, size, width)
    got = _WRAPPED.get(key)
    if got is None:
        if len(_WRAPPED) > 100_000:
            _WRAPPED.clear()
        got = _WRAPPED[key] = _wrap(str(text), font, size, width)
    return got


def _wrap(text: str, font: str, size: float, width: float) -> str:
    limit = width * 1000 / size
    out_lines = []
    for para in text.split("\n"):
        if _width(font, para) <= limit:  # every token fits: the line as it is, without outer spaces
            out_lines.append(para.strip())
            continue
        lines: list[list[str]] = [[]]
        used = 0.0  # width of lines[-1], kept up to date instead of re-summed per token
        pending = False  # a space did not fit: the next token starts a new line
        for token in _WORD.findall(para):
            w = _width(font, token)
            if token.isspace():
                if lines[-1] and used + w <= limit:
                    lines[-1].append(token)
                    used += w
                elif lines[-1]:
                    pending = True
                continue
            fits = used + w <= limit
            if pending:
                pending = False
                if fits and token[0] in _NO_START:  # hang it on this line rather than open the next
                    lines[-1].append(token)
                    used += w
                    continue
                _break_before(lines, token)
                used = _line_width(font, lines[-1])
            elif fits or not lines[-1]:
                lines[-1].append(token)
                used += w
            else:
                _break_before(lines, token)
                used = _line_width(font, lines[-1])
            if w > limit and len(token) > 1 and lines[-1][-1] == token:
                _cut_long_word(lines, font, limit)
                used = _line_width(font, lines[-1])
        out_lines += ["".join(line).strip() for line in lines]
    return "\n".join(out_lines)


def _line_width(font: str, line: list[str]) -> float:
    return sum(_width(font, t) for t in line)


def _cut_long_word(lines: list[list[str]], font: str, limit: float) -> None:
    """The last token is a single word wider than the cell: cut it character by character."""
    word = lines[-1].pop()
    used = sum(_width(font, t) for t in lines[-1])
    for ch in word:
        cw = _char_width(font, ch)
        if used + cw > limit and lines[-1]:
            lines.append([])
            used = 0.0
        lines[-1].append(ch)
        used += cw
