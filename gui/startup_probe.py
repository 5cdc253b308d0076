"""Start-up marks for benchmarks: ``VILLAGE_ARCHIVE_STARTUP_PROBE=FILE`` (used by tests/benchmarks/gui_start.py).

With it set, the app starts as usual and writes to FILE, as JSON, the wall-clock time (``time.time()``) of
``painted`` (the main window's first paint has been delivered), ``dashboard`` (the overview's figures are
shown) and ``checked`` (the daily completeness self-check behind it has come back), then quits. The benchmark subtracts the moment it
spawned the process, so interpreter start and every import are counted.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class StartupProbe(QObject):
    def __init__(self, shell, out: Path):
        super().__init__(QApplication.instance())
        self.shell, self.out = shell, out
        self.marks: dict[str, float] = {}
        QApplication.instance().installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.poll)
        self.timer.start(10)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Paint and "painted" not in self.marks and isinstance(obj, QMainWindow):
            self.marks["painted"] = -1.0  # set on the next turn of the loop, once the paint is done
            QTimer.singleShot(0, lambda: self.marks.__setitem__("painted", time.time()))
        return False

    def poll(self) -> None:
        shell = self.shell
        window = shell.window
        if self.marks.get("painted", -1) < 0 or window is None:
            if shell.welcome is not None and shell.welcome.isVisible():
                self.finish(error="the welcome screen showed: the archive did not open")
            return
        # The dashboard counts as filled when its figures show, also the early ones read from the file while
        # the archive opens (MainWindow.show_glance); "checked" needs the archive open and its self-check back.
        overview = window.pages.get("overview") or window._early_overview
        if overview is None:
            return
        if "dashboard" not in self.marks and getattr(overview, "figures_shown", False):
            self.marks["dashboard"] = time.time()
            self.marks["early"] = not window.page_keys
        if "dashboard" in self.marks and window.page_keys and getattr(overview, "findings_checked", False):
            self.marks["checked"] = time.time()
            self.finish()

    def finish(self, error: str | None = None) -> None:
        self.timer.stop()
        if error:
            self.marks["error"] = error
        self.out.write_text(json.dumps(self.marks))
        if self.shell.window is not None:
            self.shell.window.save_state = lambda: None  # a benchmark leaves the user's geometry alone
        QApplication.instance().exit(0 if not error else 3)


def arm(shell, out: Path) -> StartupProbe:
    return StartupProbe(shell, Path(out))
