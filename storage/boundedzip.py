"""Inflating zip members with hard limits on what is actually produced, not on what the headers claim.

A zip's sizes are claims: ``zipfile`` would inflate a member far past its declared size if its deflate
stream says so, and a small file can claim a small member that inflates to gigabytes. Here a member is
read from the file in 64 KB pieces and inflated with ``decompressobj().decompress(piece, max_length)``:
output never grows by more than one step at a time, and reading stops as soon as the output passes the
member's declared size, the caller's cap, or ``ratio`` times the compressed bytes read so far.
Used by archive files (bags) and spreadsheets (.xlsx).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

IN_STEP = 64 * 1024
OUT_STEP = 1024 * 1024


class InflateRefused(Exception):
    """``code``: size_lie (more or less than declared), too_big, ratio, bad_data."""

    def __init__(self, code: str, name: str, detail: str = ""):
        super().__init__(f"{code}: {name} {detail}")
        self.code = code
        self.name = name
        self.detail = detail


def mb(n: int) -> str:
    return f"{n / 1024**2:.0f} MB" if n >= 1024**2 else f"{n} 字节"


def data_offset(f: BinaryIO, info: zipfile.ZipInfo) -> int:
    """Where the member's compressed bytes start, from its local header (its own name/extra lengths)."""
    f.seek(info.header_offset)
    head = f.read(30)
    if len(head) < 30 or head[:4] != b"PK\x03\x04":
        raise InflateRefused("bad_data", info.filename, "本地文件头缺失")
    nlen, xlen = struct.unpack("<2H", head[26:30])
    return info.header_offset + 30 + nlen + xlen


def raw_chunks(f: BinaryIO, start: int, length: int) -> Iterator[bytes]:
    f.seek(start)
    left = length
    while left > 0:
        piece = f.read(min(IN_STEP, left))
        if not piece:
            return
        left -= len(piece)
        yield piece


def inflate(f: BinaryIO, info: zipfile.ZipInfo, *, cap: int, ratio: int, ratio_floor: int,
            check: Callable[[bytes], None] | None = None) -> Iterator[bytes]:
    """The member's bytes in pieces of at most OUT_STEP. Refuses (InflateRefused) past ``cap``, past the
    declared size, or when output > ratio × input read (once above ``ratio_floor``); at the end the size
    and CRC must be exactly as declared. ``check`` sees every piece (e.g. an XML scanner)."""
    name = info.filename
    limit = min(cap, info.file_size)
    if info.file_size > cap:
        raise InflateRefused("too_big", name, mb(info.file_size))
    start = data_offset(f, info)
    produced, consumed, crc = 0, 0, 0
    if info.compress_type == zipfile.ZIP_STORED:
        for piece in raw_chunks(f, start, info.compress_size):
            produced += len(piece)
            if produced > limit:
                raise InflateRefused("size_lie", name)
            crc = zlib.crc32(piece, crc)
            if check:
                check(piece)
            yield piece
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        d = zlib.decompressobj(-15)
        for piece in raw_chunks(f, start, info.compress_size):
            consumed += len(piece)
            pending = piece
            while pending and not d.eof:
                try:
                    out = d.decompress(pending, OUT_STEP)
                except zlib.error as e:
                    raise InflateRefused("bad_data", name, str(e)) from e
                pending = d.unconsumed_tail
                produced += len(out)
                if produced > limit:
                    raise InflateRefused("size_lie" if produced > info.file_size else "too_big", name)
                if produced > ratio_floor and produced > ratio * max(consumed - len(pending), 1):
                    raise InflateRefused("ratio", name, f"{mb(consumed)} → {mb(produced)}")
                if out:
                    crc = zlib.crc32(out, crc)
                    if check:
                        check(out)
                    yield out
            if d.eof:
                break
        if not d.eof:
            raise InflateRefused("bad_data", name, "压缩数据不完整")
    else:
        raise InflateRefused("bad_data", name, "不支持的压缩方式")
    if produced != info.file_size or crc != info.CRC:
        raise InflateRefused("size_lie" if produced != info.file_size else "bad_data", name)


def clean_deflate(f: BinaryIO, info: zipfile.ZipInfo) -> bool:
    """The deflate stream ends exactly at its last byte and the unused bits of that byte are zero, as every
    deflate writer leaves them: a flipped padding bit changes no content, but it is a changed file.
    Streams with output bounded by the declared size (a longer stream is not clean)."""
    if info.compress_size == 0:
        return False
    start = data_offset(f, info)
    d = zlib.decompressobj(-15)
    produced = 0
    try:
        for piece in raw_chunks(f, start, info.compress_size - 1):
            pending = piece
            while pending and not d.eof:
                out = d.decompress(pending, OUT_STEP)
                pending = d.unconsumed_tail
                produced += len(out)
                if produced > info.file_size:
                    return False
            if d.eof:
                return False  # the stream ended before its last byte
        f.seek(start + info.compress_size - 1)
        last_byte = f.read(1)
        if len(last_byte) != 1:
            return False
        last = last_byte[0]
        whole = d.copy()
        tail = whole.decompress(bytes([last]), OUT_STEP)
        if not whole.eof or whole.unused_data or produced + len(tail) != info.file_size:
            return False
        for bit in range(8):
            if last & (1 << bit):
                probe = d.copy()
                try:
                    if probe.decompress(bytes([last & ~(1 << bit)]), OUT_STEP) == tail and probe.eof:
                        return False  # that bit was padding, and it is set
                except zlib.error:
                    pass
    except zlib.error:
        return False
    return True
