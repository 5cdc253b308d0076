"""Domain errors: a stable ``code`` for tests and a Chinese ``message`` fit to show a keeper."""


class DomainError(Exception):
    """A rule the user broke. ``message`` says what is wrong and what to do."""

    def __init__(self, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(DomainError):
    """Bad input for one field of a record."""


class NotFound(DomainError):
    def __init__(self, what: str, key: object):
        super().__init__("not_found", f"找不到{what}：{key}。它可能已被删除，请刷新后再试。")


class ArchiveError(DomainError):
    """The archive file itself: missing, locked, corrupt, too new."""


class ArchiveLocked(ArchiveError):
    def __init__(self, path):
        super().__init__(
            "archive_locked",
            f"档案 {path} 正在被另一个程序使用（可能是另一个窗口）。请先关闭那个程序，再打开本档案。",
        )


class ArchiveWriteProtected(ArchiveError):
    """The archive's place (a read-only USB stick or folder, or the file itself) cannot be written."""

    def __init__(self, path, doing: str = "修改档案"):
        super().__init__(
            "archive_write_protected",
            f"档案 {path} 所在的位置是写保护的（只读），无法{doing}。档案本身完好，可以查看、统计、自查和打印；"
            "如需修改，请把档案复制到电脑上可以写入的文件夹，或拨开 U 盘的写保护开关后再打开。",
        )


class ArchiveCorrupt(ArchiveError):
    """The file is not a readable archive. ``backups`` lists good backups, newest first."""

    def __init__(self, path, detail: str, backups=()):
        self.backups = list(backups)
        hint = (
            f"最近的完好备份是 {self.backups[0]}，可以用“恢复备份”把它恢复。"
            if self.backups
            else "没有找到可用的备份，请联系镇街文体服务中心。"
        )
        super().__init__("archive_corrupt", f"档案文件 {path} 已损坏，无法打开（{detail}）。{hint}")
