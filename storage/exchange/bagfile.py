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
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Limits:
    zip_bytes: int = 4 * 1024**3  # the archive file itself
    total: int = 4 * 1024**3  # all members uncompressed
    member: int = 512 * 1024**2  # one member uncompressed
    members: int = 200_000
    ratio: int = 100  # uncompressed / compressed, for members above ratio_floor
    ratio_floor: int = 1024**2
    tag_file: int = 32 * 1024**2


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

    def __init__(self, source: str, raw: bytes, limits: Limits):
        self.source = source
        self.limits = limits
        self.size = len(raw)
        self.sha256 = hashlib.sha256(raw).hexdigest()
        if not (raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06")):
            raise BagRefused("usability", "not_zip", "不是 zip 格式的档案文件（可能拿错了文件，或文件已损坏）。")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, zlib.error) as e:
            raise BagRefused("usability", "bad_zip", "zip 文件已损坏或不完整（可能没有复制完），请重新复制一份。") from e
        self.infos: dict[str, zipfile.ZipInfo] = {}
        self.cache: dict[str, bytes] = {}  # members already read whole (records, PDF)
        self.top = ""
        self._check(infos)

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

    @property
    def names(self) -> list[str]:
        return list(self.infos)

    def exists(self, name: str) -> bool:
        return name in self.infos

    def chunks(self, name: str):
        """The member's bytes in chunks, never more than its declared size (CRC checked at the end)."""
        info = self.infos[name]
        left = info.file_size
        try:
            with self.zip.open(info) as f:
                while True:
                    chunk = f.read(min(CHUNK, left + 1))
                    if not chunk:
                        break
                    left -= len(chunk)
                    if left < 0:
                        raise BagRefused("security", "size_lie", f"包内的“{name}”实际大小与登记不符，拒绝读取。")
                    yield chunk
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, zlib.error) as e:
            raise BagRefused("usability", "bad_member",
                             f"包内的“{name}”已损坏，无法读出（文件可能没有复制完整），请重新复制一份。") from e
        if left:
            raise BagRefused("usability", "bad_member", f"包内的“{name}”不完整。")

    def read_cached(self, name: str) -> bytes:
        data = self.cache.get(name)
        return data if data is not None else self.read(name)

    def read(self, name: str, limit: int | None = None) -> bytes:
        info = self.infos[name]
        if limit is not None and info.file_size > limit:
            raise BagRefused("security", "member_too_big", f"“{name}”太大（{_mb(info.file_size)}）。")
        return b"".join(self.chunks(name))


def open_bag(path: str | os.PathLike | bytes, source: str | None = None,
             limits: Limits = DEFAULT_LIMITS) -> BagZip:
    """Read and check a zip from a path (or bytes). Raises ``BagRefused``."""
    if isinstance(path, (bytes, bytearray)):
        return BagZip(source or "archive.zip", bytes(path), limits)
    p = Path(path)
    source = source or p.name
    try:
        if p.is_symlink():
            raise BagRefused("security", "link", "档案文件本身是一个链接，请直接选择文件。")
        size = p.stat().st_size
        if size > limits.zip_bytes:
            raise BagRefused("security", "zip_too_big", f"档案文件有 {_mb(size)}，超过 {_mb(limits.zip_bytes)} 的上限。")
        raw = p.read_bytes()
    except OSError as e:
        raise BagRefused("usability", "unreadable", f"无法读取文件：{e.strerror or e}。") from e
    return BagZip(source, raw, limits)


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
