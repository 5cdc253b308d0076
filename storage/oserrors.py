"""Operating-system and SQLite errors in words a keeper can act on, never an English strerror.

``why(e)`` is the cause ("磁盘空间已满"), ``explain(e, doing, path)`` a whole sentence with what to do.
A write into a write-protected place (a read-only USB stick or folder) is named as such, not blamed on
a damaged file or on another program having the file open.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

WRITE_PROTECTED = {errno.EROFS}
NO_PERMISSION = {errno.EACCES, errno.EPERM}
DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}

_CAUSES = {
    errno.EROFS: "所在位置是只读的（写保护）",
    errno.EACCES: "没有写入或读取的权限（文件或文件夹是只读的或受保护）",
    errno.EPERM: "没有权限（文件或文件夹是只读的或受保护）",
    errno.ENOSPC: "磁盘空间已满",
    errno.EFBIG: "文件超过了这个磁盘允许的大小",
    errno.ENOENT: "找不到这个文件或文件夹",
    errno.ENOTDIR: "路径中的某一段不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EEXIST: "同名的文件已经存在",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EIO: "读写出错（U 盘可能已拔出或磁盘有坏道）",
    errno.ENXIO: "设备不存在（U 盘可能已拔出）",
    errno.ENODEV: "设备不存在（U 盘可能已拔出）",
    errno.EMFILE: "同时打开的文件太多",
    errno.ENFILE: "同时打开的文件太多",
    errno.ENOMEM: "内存不足",
    errno.EBUSY: "文件正被其他程序使用",
    errno.ETXTBSY: "文件正被其他程序使用",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.EINVAL: "文件名或路径不被这个磁盘支持",
}
if hasattr(errno, "EDQUOT"):
    _CAUSES[errno.EDQUOT] = "磁盘配额已用完"
# Windows: ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION are the only honest "another program has it open".
_WINDOWS_IN_USE = {32, 33}
_WINDOWS_CAUSES = {19: "所在位置是只读的（写保护）", 112: "磁盘空间已满", 39: "磁盘空间已满",
                   5: "没有写入或读取的权限（文件或文件夹是只读的或受保护）", 21: "设备没有准备好（U 盘可能已拔出）"}


def is_write_protected(e: BaseException) -> bool:
    if isinstance(e, OSError):
        return e.errno in WRITE_PROTECTED | NO_PERMISSION or getattr(e, "winerror", None) in (5, 19)
    text = str(e).lower()
    return "readonly database" in text or "read-only" in text or "attempt to write a readonly" in text


def is_disk_full(e: BaseException) -> bool:
    if isinstance(e, OSError):
        return e.errno in DISK_FULL or getattr(e, "winerror", None) in (39, 112)
    return "disk is full" in str(e).lower() or "database or disk is full" in str(e).lower()


def why(e: BaseException) -> str:
    """The cause in Chinese, without the path (callers name the place)."""
    if isinstance(e, OSError):
        win = getattr(e, "winerror", None)
        if win in _WINDOWS_IN_USE:
            return "文件正在被其他程序（例如 Excel/WPS）打开"
        if win in _WINDOWS_CAUSES:
            return _WINDOWS_CAUSES[win]
        if e.errno in _CAUSES:
            return _CAUSES[e.errno]
        return f"系统错误（代码 {e.errno}）" if e.errno else "系统错误"
    if isinstance(e, sqlite3.Error) or type(e).__module__.startswith("sqlalchemy"):
        text = str(e).lower()
        if "readonly" in text or "read-only" in text:
            return "所在位置是只读的（写保护）"
        if "disk is full" in text:
            return "磁盘空间已满"
        if "disk i/o error" in text:
            return "读写出错（U 盘可能已拔出或磁盘有坏道）"
        if "unable to open" in text:
            return "无法打开数据库文件（文件夹可能是只读的，或文件不存在）"
        if "locked" in text or "busy" in text:
            return "档案正被另一个程序使用"
        if "malformed" in text or "not a database" in text:
            return "数据库文件已损坏"
        return "数据库出错"
    return "出现错误"


def advice(e: BaseException) -> str:
    if is_disk_full(e):
        return "请清理磁盘空间，或换一个有空间的位置后再试。"
    if isinstance(e, OSError) and getattr(e, "winerror", None) in _WINDOWS_IN_USE:
        return "请关闭那个程序后再试。"
    if is_write_protected(e):
        return "请换一个可以写入的位置（例如“文档”文件夹），或拨开 U 盘的写保护开关后再试。"
    if isinstance(e, OSError) and e.errno in (errno.EIO, errno.ENXIO, errno.ENODEV):
        return "请检查 U 盘或磁盘是否插好，然后再试。"
    return "请换一个位置后再试。"


def explain(e: BaseException, doing: str, path: str | os.PathLike | None = None) -> str:
    """One Chinese sentence: ``doing`` (e.g. "写入备份") failed at ``path`` because …, and what to do."""
    where = f" {Path(path)}" if path is not None else ""
    return f"无法{doing}{where}：{why(e)}。{advice(e)}"


def explain_write(e: BaseException, path: str | os.PathLike, doing: str = "保存") -> str:
    """A failed save of a file the keeper may have open: "another program has it open" only when that is
    possible (the file exists, its folder can be written, the OS said access denied or in use); a
    write-protected folder or a full disk is named as such."""
    path = Path(path)
    if isinstance(e, OSError) and path.exists() and os.access(path.parent, os.W_OK) and (
            e.errno in (errno.EACCES, errno.EBUSY) or getattr(e, "winerror", None) in _WINDOWS_IN_USE | {5}) \
            and not is_disk_full(e):
        return f"无法{doing} {path}：文件可能正在 Excel/WPS 等程序中打开，或是只读文件。请关闭那个程序后再试。"
    return explain(e, doing, path)


def place_writable(folder: Path) -> bool:
    """Whether a file can be created in ``folder``: tried, not guessed (root ignores permission bits,
    a write-protected stick reports itself only when written to)."""
    probe = folder / f".va-write-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return False
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:
        pass
    return True
