"""Render every page of an archive to PNG as it shows on a screen of a given size:
``python -m gui.screenshots --archive demo.db --out docs/screenshots/ --size 1366x768 [--large]``.

The window gets what that screen leaves it (its height less a title bar); a window whose pages need more
than that is drawn at the size it insists on, and the command says so and exits with 2.

Works offscreen (no display needed). The archive is opened normally (it takes the lock), so close the
app first. Use a copy of the demo archive: opening may add the daily backup."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.screenshots", description="每个页面截图（PNG）")
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--language", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--size", default="1366x768", help="screen size, e.g. 1366x768 or 1024x768")
    parser.add_argument("--large", action="store_true", help="large text mode")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from storage.settings import Settings

    from . import i18n
    from .app import Shell, make_app
    from .pages import PAGES

    app = make_app([sys.argv[0]])
    settings = Settings(language=args.language, text_size="large" if args.large else "normal",
                        keeper_name="李秀英")
    i18n.setup(app, settings)
    shell = Shell(settings)
    if not shell.open_path(args.archive):
        print(f"cannot open {args.archive}", file=sys.stderr)
        return 1
    window = shell.window
    from .main_window import FRAME_ALLOWANCE

    width, height = (int(x) for x in args.size.lower().split("x"))
    available = (width, height - FRAME_ALLOWANCE)
    window.resize(*available)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.language == "zh_CN" else f"-{args.language}"
    suffix += "" if args.size == "1366x768" else f"-{width}x{height}"
    suffix += "-large" if args.large else ""
    written = []
    too_big = []
    for key, _title, _spec in PAGES:
        window.show_page(key)
        shell.ctx.wait_idle()  # a page whose modules were still loading is built when they are
        if key not in window.pages:
            continue
        for _ in range(5):
            QApplication.processEvents()
        shell.ctx.wait_idle()
        QApplication.processEvents()
        target = args.out / f"{key}{suffix}.png"
        window.grab().save(str(target))
        written.append(target)
        if window.width() > available[0] or window.height() > available[1]:
            too_big.append(f"{key}: {window.width()}x{window.height()}")
        if key == "opening":
            page = window.pages[key]
            for i, name in ((1, "opening-log"), (2, "opening-closures")):
                page.tabs.setCurrentIndex(i)
                QApplication.processEvents()
                shell.ctx.wait_idle()
                target = args.out / f"{name}{suffix}.png"
                window.grab().save(str(target))
                written.append(target)
            page.tabs.setCurrentIndex(0)
        if key == "activities":
            page = window.pages[key]
            page.table.selectRow(0)
            dialog = page.edit_selected()
            if dialog is not None:
                shell.ctx.wait_idle()
                QApplication.processEvents()
                target = args.out / f"activity-dialog{suffix}.png"
                dialog.grab().save(str(target))
                written.append(target)
                dialog.reject()
    from .welcome import WelcomeWindow

    welcome = WelcomeWindow(settings)
    welcome.resize(min(welcome.width(), available[0]), min(welcome.height(), available[1]))
    welcome.show()
    QApplication.processEvents()
    target = args.out / f"welcome{suffix}.png"
    welcome.grab().save(str(target))
    written.append(target)
    welcome.close()
    window.save_state = lambda: None  # screenshots must not change the user's window geometry
    for path in written:
        print(path)
    shell.shutdown()
    if too_big:
        print(f"larger than a {args.size} screen allows ({available[0]}x{available[1]}): " + ", ".join(too_big),
              file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
