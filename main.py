"""Village Archive (村级文化档案): no arguments start the app; a subcommand runs a CLI command."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import traceback
from pathlib import Path

# Each module adds its subcommands with register(sub, station_sub).
COMMAND_MODULES = [
    "storage.cli",
    "storage.sheets.cli",
    "storage.exchange.cli",
    "reports.cli",
    "reports.exchange_cli",
    "storage.datagen_cli",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py", description="村级文化档案：村(社区)综合性文化服务中心档案管理。不带子命令时打开图形界面。")
    parser.add_argument("--archive", type=Path, help="档案文件路径")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    station = sub.add_parser("station", help="镇街文体服务中心：导入各村档案、总览、全镇报表")
    station_sub = station.add_subparsers(dest="station_command", metavar="命令", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, station_sub)
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


def run_cli(args) -> int:
    from storage.errors import DomainError

    try:
        return args.func(args)
    except DomainError as e:
        print(e.message, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - never a traceback to the user; it goes to the log
        log = _log_unexpected()
        where = f"详情已写入 {log}" if log else "无法写入日志"
        print(f"出现意外错误：{type(e).__name__}: {e}。{where}，请把它交给技术支持。", file=sys.stderr)
        return 1


def _no_display() -> bool:
    """Qt aborts the process without a display; say so plainly instead (Linux servers, SSH sessions)."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING)
    args = build_parser().parse_args(argv)
    if args.command is None:
        if _no_display():
            print("没有可用的图形显示，无法打开窗口。在服务器上请用 xvfb-run -a python main.py，"
                  "或使用命令行子命令（python main.py --help）。", file=sys.stderr)
            return 1
        from gui.app import run

        return run(args.archive)
    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
