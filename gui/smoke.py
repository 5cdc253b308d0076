"""Start-up smoke check for installed and frozen builds: ``VILLAGE_ARCHIVE_SMOKE_GUI=SECONDS``.

With it set, the app starts as usual and, as soon as its main window is visible, prints
``smoke-gui: MainWindow <title>`` and exits 0; no main window within the seconds given exits 3 (the welcome
screen, shown when no archive opens, counts as a failure). Use it with ``QT_QPA_PLATFORM=offscreen`` and
``--archive PATH``; it needs nothing from the app's internals, only the top-level widgets Qt lists.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def arm(seconds: float) -> QTimer:
    app = QApplication.instance() or QApplication(sys.argv)
    deadline = time.monotonic() + seconds
    timer = QTimer(app)

    def poll() -> None:
        for w in app.topLevelWidgets():
            if isinstance(w, QMainWindow) and w.isVisible():
                print(f"smoke-gui: {type(w).__name__} {w.windowTitle()}", flush=True)
                timer.stop()
                app.exit(0)
                return
        if time.monotonic() > deadline:
            shown = ", ".join(type(w).__name__ for w in app.topLevelWidgets() if w.isVisible()) or "nothing"
            print(f"smoke-gui: no main window after {seconds:g} s (shown: {shown})", file=sys.stderr, flush=True)
            timer.stop()
            app.exit(3)

    timer.timeout.connect(poll)
    timer.start(100)
    return timer
