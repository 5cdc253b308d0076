"""Reading a ``records/*.json`` member one record at a time, in memory bounded by one record, not the file.

``json.loads`` of a whole records file builds every object at once: a 35 MB activities file of a ten-year
archive becomes ~100 MB of dicts, and a 64 MB file of short strings, empty lists or one long line with a
single emoji (four bytes per character once decoded) takes 300–650 MB. Here the member's inflated pieces are
decoded incrementally into a text window, and each value is parsed with ``json.JSONDecoder.raw_decode`` at
its place in the window: the window holds what has not been parsed yet, and a single value (a record or a
header field) longer than ``VALUE_CHARS`` characters is refused. The file's structure is fixed by the
exporter (``{"format": …, "kind": …, "count": …, "records": [{…}, …]}``); any JSON object of that shape
reads the same way, whatever the order of its keys.

``RecordFile(name, chunks)``: iterate ``records()`` (each item as the JSON gave it), then ``header`` holds the
other top-level fields and ``records_list`` whether ``records`` was a list. A problem raises ``RecordsError``
with the Chinese reason (the caller adds the file name). ``sha256`` is the digest of the bytes read, so a
caller can check that they are the bytes it hashed before.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterable, Iterator

VALUE_CHARS = 1024 * 1024  # the longest record (or header value) read, in characters; a real one has < 50,000
_NOT_SPACE = re.compile(r"[^ \t\n\r]")
_SEPARATOR = re.compile(r"[ \t\n\r]*([,\]])[ \t\n\r]*")  # between two items of the records list


def _no_constant(name):
    raise ValueError(f"不允许 {name}")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)


class RecordsError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RecordFile:
    def __init__(self, chunks: Iterable[bytes]):
        self._chunks = iter(chunks)
        self._utf8 = codecs.getincrementaldecoder("utf-8")("strict")
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._base = 0  # characters dropped from the window so far
        self._lines = 0  # newlines among them
        self._last_nl = -1  # where the last of them was
        self._digest = hashlib.sha256()
        self.header: dict = {}
        self.records_list: bool | None = None  # None: no "records" key; False: not a list

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()

    # ---- the text window ---------------------------------------------------------------------------------

    def _fill(self) -> bool:
        """Drop what was parsed, append the next piece; False at the end of the member."""
        if self._eof:
            return False
        if self._pos:
            n = self._buf.count("\n", 0, self._pos)
            if n:
                self._lines += n
                self._last_nl = self._base + self._buf.rfind("\n", 0, self._pos)
            self._base += self._pos
            self._buf = self._buf[self._pos:]
            self._pos = 0
        try:
            piece = next(self._chunks)
        except StopIteration:
            self._eof = True
            self._buf += self._decode(b"", True)
            return True
        self._digest.update(piece)
        self._buf += self._decode(piece, False)
        return True

    def _decode(self, piece: bytes, final: bool) -> str:
        try:
            text = self._utf8.decode(piece, final)
        except UnicodeDecodeError as e:
            raise RecordsError("不是有效的 UTF-8 JSON（文字编码或嵌套层数有误）") from e
        if self._base == 0 and not self._buf and text.startswith("\ufeff"):
            text = text[1:]  # a byte-order mark, as json.loads accepts one in bytes
        return text

    def _where(self, pos: int) -> str:
        nl = self._buf.rfind("\n", 0, pos)
        line = self._lines + self._buf.count("\n", 0, pos) + 1
        col = pos - nl if nl >= 0 else self._base + pos - self._last_nl
        return f"第 {line} 行第 {col} 列附近"

    def _bad(self, pos: int | None = None) -> RecordsError:
        return RecordsError(f"不是有效的 UTF-8 JSON（{self._where(self._pos if pos is None else pos)}有误）")

    def _next_char(self) -> str:
        """The next character that is not whitespace ('' at the end), left unconsumed."""
        while True:
            m = _NOT_SPACE.search(self._buf, self._pos)
            if m:
                self._pos = m.start()
                return self._buf[self._pos]
            self._pos = len(self._buf)
            if not self._fill():
                return ""

    def _expect(self, chars: str) -> str:
        c = self._next_char()
        if not c or c not in chars:
            raise self._bad()
        self._pos += 1
        return c

    def _value(self):
        """One JSON value at the current place, growing the window until it is whole (at most VALUE_CHARS)."""
        self._next_char()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as e:
                # the value may go on in the next piece: the parser stopped near the window's end (a literal
                # such as "true" cut in two), or in a string that had not ended yet
                cut = e.pos >= len(self._buf) - 16 or e.msg.startswith("Unterminated string")
                if cut and self._more():
                    continue
                raise self._bad(e.pos) from e
            except (RecursionError, ValueError) as e:
                raise RecordsError("不是有效的 UTF-8 JSON（文字编码或嵌套层数有误）") from e
            if end > len(self._buf) - 64 and not self._eof and self._more():
                continue  # a number may go on in the next piece ("12." of "12.5" parses as 12)
            if end - self._pos > VALUE_CHARS:
                raise self._too_long()
            self._pos = end
            return value

    def _too_long(self) -> RecordsError:
        return RecordsError(f"中有一条记录超过 {VALUE_CHARS // 1024**2} MB 字符的上限，拒绝读取")

    def _more(self) -> bool:
        """Grow the window for a value cut by its end: at least double what is pending, so that a long value
        is parsed again a few times, not once per piece."""
        pending = len(self._buf) - self._pos
        if pending > VALUE_CHARS:
            raise self._too_long()
        start = self._pos
        grew = False
        while self._fill():
            grew = True
            if len(self._buf) - self._pos >= max(2 * pending, 4096) or self._eof:
                break
        return grew or start != self._pos

    # ---- the file's structure ----------------------------------------------------------------------------

    def records(self) -> Iterator:
        """Every item of the ``records`` list; the other top-level keys land in ``header``."""
        first = self._next_char()
        if first and first in '["-0123456789tfn':
            raise RecordsError("的文件头不正确")  # JSON, but not an object
        self._expect("{")
        if self._next_char() == "}":
            self._pos += 1
        else:
            while True:
                key = self._value()
                if not isinstance(key, str):
                    raise self._bad()
                self._expect(":")
                if key == "records":
                    if self.records_list is not None:
                        raise RecordsError("的文件头不正确（records 出现了两次）")
                    if self._next_char() == "[":
                        self.records_list = True
                        self._pos += 1
                        yield from self._items()
                    else:
                        self.records_list = False
                        self._value()
                else:
                    self.header[key] = self._value()
                if self._expect(",}") == "}":
                    break
        if self._next_char():
            raise self._bad()

    def _items(self) -> Iterator:
        if self._next_char() == "]":
            self._pos += 1
            return
        decode = _DECODER.raw_decode
        while True:
            if self._pos >= len(self._buf) or self._buf[self._pos] in " \t\n\r":
                self._next_char()  # after a slow step below: the fast one starts on the item itself
            buf, pos = self._buf, self._pos
            try:  # the common case, without the checks of _value: a whole item, then ", " well inside the window
                value, end = decode(buf, pos)
                m = _SEPARATOR.match(buf, end)
                fast = m is not None and m.end() < len(buf) and end - pos <= VALUE_CHARS
            except (json.JSONDecodeError, RecursionError, ValueError):
                fast = False
            if fast:
                self._pos = m.end()
                yield value
                if m.group(1) == "]":
                    return
                continue
            yield self._value()
            if self._expect(",]") == "]":
                return
