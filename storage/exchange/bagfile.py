"""Reading an archive file (a zipped BagIt bag) safely: in memory, with limits, never extracted to disk.

``open_bag`` reads the file once, checks the zip's structure for the security property (no path outside
the bag, no absolute paths, no links or devices, no encryption, no duplicate names, size limits against
zip bombs) and returns a ``BagZip`` whose members are read through ``read`` with the same limits.
A problem raises ``BagRefused`` with the property it breaks and a Chinese message.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .. import boundedzip, oserrors
from ..boundedzip import InflateRefused


@dataclass(frozen=True)
class Limits:
    """Checked against what is read: a member stops inflating the moment it passes any of these."""

    zip_bytes: int = 4 * 1024**3  # the archive file itself (read from disk in pieces, never whole)
    total: int = 4 * 1024**3  # all members uncompressed
    member: int = 64 * 1024**2 + 1024  # one member uncompressed: an attachment is at most 64 MB
    records: int = 64 * 1024**2  # one records/*.json file, parsed whole
    records_values: int = 4_000_000  # separators (, and :) in one records file: bounds the parsed objects
    records_objects: int = 400_000  # objects ({) in one records file
    members: int = 200_000
    ratio: int = 100  # uncompressed / compressed, for members above ratio_floor
    ratio_floor: int = 1024**2
    tag_file: int = 32 * 1024**2
    kept: int = 160 * 1024**2  # records and the dossier PDF held in memory between checking and reading


DEFAULT_LIMITS = Limits()
CHUNK = 1024 * 1024


class BagRefused(Exception):
    """The file breaks a rule; ``prop`` is the property (security, usability, ...)."""

    def __init__(self, prop: str, code: str, message: str):
        super().__init__(message)
        self.prop = prop
        self.code = code
        self.message = message


def _mb(n: int) -> str:
    return f"{n / 1024**2:.0f} MB" if n >= 1024**2 else f"{n} 字节"


def _name_problem(name: str) -> str | None:
    if not name:
        return "有一个没有名字的条目"
    if any(ord(ch) < 32 for ch in name):
        return f"文件名“{name!r}”含有控制字符"
    if "\\" in name:
        return f"文件名“{name}”使用了反斜杠路径"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return f"文件“{name}”是绝对路径"
    parts = name.rstrip("/").split("/")
    if any(p == ".." for p in parts):
        return f"文件“{name}”指向包外（含有 ../）"
    if any(p in ("", ".") for p in parts):
        return f"文件名“{name}”格式不正确"
    return None


class BagZip:
    """The members of a checked zip: ``top`` folder, ``names`` (paths inside the bag, files only)."""

    def __init__(self, source: str, file: BinaryIO, limits: Limits):
        """``file`` is read in pieces (seek + read); it stays open for ``read`` until ``close``."""
        self.source = source
        self.limits = limits
        self.file = file
        digest, size = hashlib.sha256(), 0
        file.seek(0)
        while piece := file.read(CHUNK):
            digest.update(piece)
            size += len(piece)
        self.size, self.sha256 = size, digest.hexdigest()
        file.seek(0)
        head = file.read(4)
        if head not in (b"PK\x03\x04", b"PK\x05\x06"):
            raise BagRefused("usability", "not_zip", "不是 zip 格式的档案文件（可能拿错了文件，或文件已损坏）。")
        try:
            self.zip = zipfile.ZipFile(file)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, zlib.error,
                NotImplementedError) as e:
            raise BagRefused("usability", "bad_zip", "zip 文件已损坏或不完整（可能没有复制完），请重新复制一份。") from e
        self.infos: dict[str, zipfile.ZipInfo] = {}
        self.cache: dict[str, bytes] = {}  # members already read whole (records, PDF)
        self.top = ""
        self._check(infos)

    def close(self) -> None:
        self.cache.clear()
        self.file.close()

    def __del__(self):
        try:
            self.file.close()
        except Exception:  # noqa: BLE001 - closing at interpreter exit
            pass

    def _at(self, offset: int, n: int) -> bytes:
        self.file.seek(offset)
        return self.file.read(n)

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        lim = self.limits
        if len(infos) > lim.members:
            raise BagRefused("security", "too_many_files", f"包内文件太多（{len(infos)} 个，最多 {lim.members} 个）。")
        if not infos:
            raise BagRefused("usability", "empty_zip", "zip 文件是空的。")
        seen: dict[str, str] = {}
        tops = set()
        total = 0
        for info in infos:
            name = info.filename
            problem = _name_problem(name)
            if problem:
                raise BagRefused("security", "bad_path", problem + "，为安全起见拒绝读取。")
            key = unicodedata.normalize("NFC", name.rstrip("/")).casefold()
            if key in seen:
                twin = "出现了两次" if seen[key] == name else f"与“{seen[key]}”重名"
                raise BagRefused("security", "duplicate_name",
                                 f"包内有重复的文件名：“{name}”{twin}，无法确定该用哪一个。")
            seen[key] = name
            mode = info.external_attr >> 16
            kind = stat.S_IFMT(mode)
            if info.create_system == 3 and kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                what = "符号链接" if kind == stat.S_IFLNK else "特殊文件"
                raise BagRefused("security", "link", f"包内的“{name}”是{what}，为安全起见拒绝读取。")
            if info.flag_bits & 0x1:
                raise BagRefused("usability", "encrypted", f"包内的“{name}”被加密了，档案文件不能加密。")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise BagRefused("usability", "compression", f"包内的“{name}”使用了不支持的压缩方式。")
            if info.file_size > lim.member:
                raise BagRefused("security", "member_too_big",
                                 f"包内的“{name}”解压后有 {_mb(info.file_size)}，超过单个文件 {_mb(lim.member)} 的上限。")
            if info.file_size > lim.ratio_floor and info.file_size > lim.ratio * max(info.compress_size, 1):
                raise BagRefused("security", "zip_bomb",
                                 f"包内的“{name}”压缩比异常（{_mb(info.compress_size)} 解压成 {_mb(info.file_size)}），"
                                 "疑似“压缩炸弹”，拒绝读取。")
            total += info.file_size
            if total > lim.total:
                raise BagRefused("security", "total_too_big", f"包内文件解压后总计超过 {_mb(lim.total)}，拒绝读取。")
            tops.add(name.split("/", 1)[0])
            if not info.is_dir():
                if "/" not in name:
                    raise BagRefused("usability", "no_top_folder",
                                     f"“{name}”不在包的顶层文件夹里：档案文件应只含一个顶层文件夹。")
                self.infos[name.split("/", 1)[1]] = info
        if len(tops) != 1:
            raise BagRefused("usability", "many_top_folders",
                             "档案文件应只含一个顶层文件夹，这个文件里有 " + "、".join(sorted(tops)[:5]) + "。")
        self.top = tops.pop()

    def layout_problems(self, stamp: tuple | None = None) -> list[str]:
        """Differences from the exact layout the exporter writes, so that no byte of the file can change
        unnoticed: entries back to back from offset 0, local headers equal to the central
        directory, regular files 0644 made on Unix, no extra fields or comments, one timestamp for all
        (``stamp``, the bagging time, when given), the central directory right after the last entry and
        the end record at the very end."""
        out = []
        infos = sorted(self.zip.infolist(), key=lambda i: i.header_offset)
        zip64 = any(i.file_size >= 0xFFFFFFFF or i.compress_size >= 0xFFFFFFFF or i.header_offset >= 0xFFFFFFFF
                     for i in infos) or len(infos) >= 0xFFFF
        expected = 0
        stamps = {i.date_time for i in infos}
        if len(stamps) != 1 or (stamp is not None and stamps != {stamp}):
            out.append("包内文件的时间戳不一致")
        for info in infos:
            name = info.filename
            if info.header_offset != expected:
                out.append(f"“{name}”前后有多余或重叠的数据")
                break
            head = self._at(expected, 30)
            if len(head) < 30:
                out.append(f"“{name}”的文件头不完整")
                break
            (sig, ver, system, flags, method, dostime, dosdate, crc, csize, usize, nlen,
             xlen) = struct.unpack("<4s2B4HL2L2H", head)
            encoded = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
            y, mo, d, h, mi, s = info.date_time
            want = (b"PK\x03\x04", info.extract_version, 0, info.flag_bits, info.compress_type,
                    (h << 11) | (mi << 5) | (s // 2), ((y - 1980) << 9) | (mo << 5) | d, info.CRC)
            if (sig, ver, system, flags, method, dostime, dosdate, crc) != want or nlen != len(encoded) \
                    or self._at(expected + 30, nlen) != encoded:
                out.append(f"“{name}”的本地文件头与中央目录不一致")
            if not zip64 and (csize, usize, xlen) != (info.compress_size, info.file_size, 0):
                out.append(f"“{name}”的本地文件头中的大小与中央目录不一致")
            version = 45 if zip64 else 20
            utf8 = any(ord(ch) > 127 for ch in name)
            if (info.create_system, info.create_version, info.extract_version, info.reserved, info.volume,
                    info.internal_attr, info.external_attr, info.flag_bits, info.comment) != \
                    (3, version, version, 0, 0, 0, 0o100644 << 16, 0x800 if utf8 else 0, b"") \
                    or (info.extra and not zip64):
                out.append(f"“{name}”的属性不是本软件导出时的样子")
            start = expected + 30 + nlen + xlen
            if info.compress_type == zipfile.ZIP_DEFLATED and not self._clean(info):
                out.append(f"“{name}”的压缩数据有多余的位")
            expected = start + info.compress_size
        if not zip64:
            end = self.size - 22
            record = self._at(end, 22) if end >= 0 else b""
            if end < 0 or record[:4] != b"PK\x05\x06":
                out.append("zip 文件末尾有多余数据或注释")
            else:
                _sig, disk, disk_cd, n_disk, n_total, cd_size, cd_offset, comment = struct.unpack("<4s4H2LH", record)
                if (disk, disk_cd, n_disk, n_total, cd_offset, cd_size, comment) != \
                        (0, 0, len(infos), len(infos), expected, end - expected, 0) \
                        or not self._central_directory_exact(expected, end):
                    out.append("zip 文件的中央目录或结尾记录被改动过")
        return out[:5]

    def _clean(self, info: zipfile.ZipInfo) -> bool:
        try:
            return boundedzip.clean_deflate(self.file, info)
        except InflateRefused:
            return False

    def _central_directory_exact(self, start: int, end: int) -> bool:
        """Every central directory record, byte for byte, is what its parsed entry says (lengths included)."""
        if end - start > 64 * 1024**2:
            return False
        raw, p = self._at(start, end - start), 0
        end -= start
        for info in self.zip.infolist():
            rec = raw[p:p + 46]
            if len(rec) < 46:
                return False
            encoded = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
            y, mo, d, h, mi, s = info.date_time
            want = (b"PK\x01\x02", info.create_version, info.create_system, info.extract_version, info.reserved,
                    info.flag_bits, info.compress_type, (h << 11) | (mi << 5) | (s // 2),
                    ((y - 1980) << 9) | (mo << 5) | d, info.CRC, info.compress_size, info.file_size, len(encoded),
                    len(info.extra), len(info.comment), info.volume, info.internal_attr, info.external_attr,
                    info.header_offset)
            if struct.unpack("<4s4B4HL2L5H2L", rec) != want or raw[p + 46:p + 46 + len(encoded)] != encoded:
                return False
            p += 46 + len(encoded) + len(info.extra) + len(info.comment)
        return p == end

    @property
    def names(self) -> list[str]:
        return list(self.infos)

    def exists(self, name: str) -> bool:
        return name in self.infos

    def chunks(self, name: str):
        """The member's bytes in pieces, inflated from the file with hard caps on what comes out: never past
        its declared size, the member limit or the compression ratio (CRC and size checked at the end)."""
        info = self.infos[name]
        lim = self.limits
        try:
            yield from boundedzip.inflate(self.file, info, cap=lim.member, ratio=lim.ratio, ratio_floor=lim.ratio_floor)
        except InflateRefused as e:
            raise _refusal(name, e, lim) from e
        except (OSError, ValueError) as e:
            raise BagRefused("usability", "bad_member",
                             f"包内的“{name}”已损坏，无法读出（文件可能没有复制完整），请重新复制一份。") from e

    def read_cached(self, name: str) -> bytes:
        data = self.cache.get(name)
        return data if data is not None else self.read(name)

    def read(self, name: str, limit: int | None = None) -> bytes:
        info = self.infos[name]
        if limit is not None and info.file_size > limit:
            raise BagRefused("security", "member_too_big",
                             f"包内的“{name}”有 {_mb(info.file_size)}，超过这类文件 {_mb(limit)} 的上限。")
        return b"".join(self.chunks(name))


def _refusal(name: str, e: InflateRefused, lim: Limits) -> BagRefused:
    if e.code == "size_lie":
        return BagRefused("security", "size_lie", f"包内的“{name}”解压后的实际大小与文件头登记的不符，"
                          "疑似“压缩炸弹”或被改动的文件，拒绝读取（在读到多于登记的大小时即已停止）。")
    if e.code == "ratio":
        return BagRefused("security", "zip_bomb", f"包内的“{name}”压缩比异常（{e.detail}，上限 {lim.ratio} 倍），"
                          "疑似“压缩炸弹”，拒绝读取。")
    if e.code == "too_big":
        return BagRefused("security", "member_too_big",
                          f"包内的“{name}”解压后超过单个文件 {_mb(lim.member)} 的上限，拒绝读取。")
    return BagRefused("usability", "bad_member",
                      f"包内的“{name}”已损坏，无法读出（文件可能没有复制完整），请重新复制一份。")


def open_bag(path: str | os.PathLike | bytes, source: str | None = None,
             limits: Limits = DEFAULT_LIMITS) -> BagZip:
    """Read and check a zip from a path (or bytes). Raises ``BagRefused``."""
    if isinstance(path, (bytes, bytearray)):
        return BagZip(source or "archive.zip", io.BytesIO(bytes(path)), limits)
    p = Path(path)
    source = source or p.name
    try:
        if p.is_symlink():
            raise BagRefused("security", "link", "档案文件本身是一个链接，请直接选择文件。")
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):  # a device or a pipe never ends (/dev/zero) or blocks
            raise BagRefused("usability", "not_a_file", f"{p} 不是一个普通文件，无法作为档案文件读取。")
        size = info.st_size
        if size > limits.zip_bytes:
            raise BagRefused("security", "zip_too_big", f"档案文件有 {_mb(size)}，超过 {_mb(limits.zip_bytes)} 的上限。")
        file = open(p, "rb")  # noqa: SIM115 - the BagZip owns it until closed
    except OSError as e:
        raise BagRefused("usability", "unreadable", oserrors.explain(e, "读取档案文件", p)) from e
    try:
        return BagZip(source, file, limits)
    except BaseException:
        file.close()
        raise


def parse_tag_lines(text: str) -> dict[str, str]:
    """bag-info.txt: ``Label: value`` lines, continuation lines indented. Repeated labels are joined by \\n."""
    out: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if not line.strip():
            continue
        if line[0] in " \t" and last:
            out[last] += " " + line.strip()
            continue
        label, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"行“{line[:60]}”不是“标签: 值”的格式")
        last = label.strip()
        out[last] = out[last] + "\n" + value.strip() if last in out else value.strip()
    return out


def decode_manifest_path(path: str) -> str:
    return path.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def encode_manifest_path(path: str) -> str:
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def parse_manifest(text: str) -> dict[str, str]:
    """``checksum path`` per line → {path: checksum}; raises ValueError on a bad or repeated line."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        digest, sep, path = line.strip().partition(" ")
        path = decode_manifest_path(path.lstrip(" *"))
        if not sep or not path:
            raise ValueError(f"行“{line[:60]}”格式不正确")
        if path in out:
            raise ValueError(f"“{path}”出现了两次")
        out[path] = digest.lower()
    return out
