"""The command line: ``python main.py COMMAND ...`` (``main.py`` hands over here when it is not starting the app).

Each module adds its subcommands with ``register(sub, station_sub)``; a handler is ``func(args) -> int`` and
raises ``DomainError`` for refusals. Building the parser must stay cheap (``--help``, ``stats``): command modules
import SQLAlchemy, ReportLab, openpyxl, Pillow and cryptography inside the command that needs them, never at the
top (``tests/cli/test_help.py`` holds that line).
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path

from storage import __version__

from . import archive, datagen, exchange, export, report, sheets

COMMAND_MODULES = (archive, sheets, exchange, report, export, datagen)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py", description="村级文化档案：村(社区)综合性文化服务中心档案管理。不带子命令时打开图形界面。")
    parser.add_argument("--version", action="version", version=f"村级文化档案 {__version__}")
    parser.add_argument("--archive", type=Path, help="档案文件路径")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    station = sub.add_parser("station", help="镇街文体服务中心：导入各村档案、总览、全镇报表")
    station_sub = station.add_subparsers(dest="station_command", metavar="命令", required=True)
    for module in COMMAND_MODULES:
        module.register(sub, station_sub)
    return parser


def _log_unexpected() -> Path | None:
    from storage import paths

    try:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "cli-error.log"
        with open(log, "a", encoding="utf-8") as f:
            f.write(traceback.format_exc() + "\n")
        return log
    except OSError:
        return None


def run_command(args) -> int:
    from storage.errors import DomainError

    try:
        return args.func(args)
    except DomainError as e:
        print(e.message, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except MemoryError:
        _log_unexpected()
        print("内存不足，无法完成这个操作。请关闭其他程序后再试；如果是在读取一个文件，这个文件可能过大或有问题。",
              file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - never a traceback to the user; it goes to the log
        from storage import oserrors

        if isinstance(e, OSError) or oserrors.is_write_protected(e) or oserrors.is_disk_full(e):
            _log_unexpected()
            print(oserrors.explain(e, "完成操作", getattr(e, "filename", None)), file=sys.stderr)
            return 1
        log = _log_unexpected()
        where = f"详情已写入 {log}" if log else "无法写入日志"
        print(f"出现意外错误：{type(e).__name__}: {e}。{where}，请把它交给技术支持。", file=sys.stderr)
        return 1


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # only options such as --archive: main.py starts the app for those
        parser.print_help()
        return 2
    return run_command(args)
