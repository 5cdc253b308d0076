"""What every command shares: the ``--archive`` option, the archive it names, the actor for the audit trail.

Light on purpose: building the parser imports this, so nothing here may pull in SQLAlchemy or a file format.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def actor_name(args) -> str | None:
    """An explicit ``--actor``; without it the archive signs with its keeper (``storage.keeper``)."""
    return (getattr(args, "actor", None) or "").strip() or None


def add_archive_arg(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument("--archive", type=Path, required=required, default=argparse.SUPPRESS,
                   help="档案文件路径（默认：环境变量 VILLAGE_ARCHIVE，或用户数据目录下的 archive.db）")
    p.add_argument("--actor", default=argparse.SUPPRESS,
                   help="写入修改记录的经办人姓名（默认：中心资料里的档案管理员）")


def archive_path(args) -> Path:
    from storage import paths

    return paths.resolve_archive(getattr(args, "archive", None))
