"""Village Archive (村级文化档案): no arguments start the app; a subcommand runs a command (see ``cli``).

The choice is made here before any parser is built, so the app imports nothing only the commands need and the
commands import nothing only the app needs.
"""

from __future__ import annotations

import sys
from pathlib import Path


def gui_archive(argv: list[str]) -> tuple[bool, Path | None]:
    """(start the app?, archive to open): the app takes no arguments but an optional ``--archive PATH``."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--archive":
        return True, Path(argv[1])
    if len(argv) == 1 and argv[0].startswith("--archive="):
        return True, Path(argv[0].split("=", 1)[1])
    return False, None


def _no_display() -> bool:
    """Qt aborts the process without a display; say so plainly instead (Linux servers, SSH sessions)."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
    gui, archive = gui_archive(argv)
    if gui:
        if _no_display():
            print("没有可用的图形显示，无法打开窗口。在服务器上请用 xvfb-run -a python main.py，"
                  "或使用命令行子命令（python main.py --help）。", file=sys.stderr)
            return 1
        import logging
        import os

        from gui.app import run

        logging.basicConfig(level=logging.WARNING)
        if os.environ.get("VILLAGE_ARCHIVE_SMOKE_GUI"):  # installed/frozen build checks: see gui/smoke.py
            from gui import smoke

            _timer = smoke.arm(float(os.environ["VILLAGE_ARCHIVE_SMOKE_GUI"]))  # noqa: F841 - kept alive
        return run(archive)
    from cli import main as run_cli

    return run_cli(argv)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # a frozen build: a helper process (reports.side_reads) starts here
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
