"""Child process for the GUI figures of run_all.py (run in a fresh interpreter, QT_QPA_PLATFORM=offscreen).

    python tests/benchmarks/va_gui_probe.py app  ARCHIVE     the app's own start (gui.app), on the activity register
    python tests/benchmarks/va_gui_probe.py bare ARCHIVE     QMainWindow + QTableView over the same activity rows

Prints ``READY <rows>`` once the window is shown with its rows loaded and the event loop is idle, then (app:
after visiting every page) ``RSS <peak KB>`` and exits. The parent times spawn → READY.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def peak_kb() -> int:
    """This process's own peak RSS. (ru_maxrss is not it on Linux: it survives execve, so a child of a big
    parent reports the parent's peak; VmHWM belongs to the new address space.)"""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


PROFILE = os.environ.get("VA_PROBE_PROFILE")
if PROFILE:  # where the start-up time goes, up to READY
    import cProfile

    _prof = cProfile.Profile()
    _prof.enable()


def ready_line(n: int) -> None:
    if PROFILE:
        _prof.disable()
        _prof.dump_stats(PROFILE)
    print(f"READY {n}", flush=True)


def bare(path: str) -> int:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    headers = ["档号", "日期", "题名", "类别", "节日", "地点", "组织者", "人数", "照片"]

    class Model(QAbstractTableModel):
        def __init__(self, rows):
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
            return len(headers)

        def data(self, index, role=Qt.DisplayRole):
            if role == Qt.DisplayRole:
                v = self.rows[index.row()][index.column()]
                return "" if v is None else str(v)
            return None

        def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt API
            if role == Qt.DisplayRole and orientation == Qt.Horizontal:
                return headers[section]
            return None

    app = QApplication(sys.argv)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = con.execute(
        "SELECT a.item_number, a.start_date, a.title, a.category, a.festival, a.location, a.organizer, a.participants,"
        " (SELECT count(*) FROM attachment t WHERE t.owner_kind = 'activity' AND t.owner_id = a.id AND t.deleted_at IS NULL)"
        " FROM activity a WHERE a.deleted_at IS NULL ORDER BY a.item_number, a.id").fetchall()
    con.close()
    win = QMainWindow()
    view = QTableView()
    view.setModel(Model(rows))
    win.setCentralWidget(view)
    win.resize(1200, 800)
    win.show()

    def ready():
        ready_line(len(rows))
        print(f"RSS {peak_kb()}", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    return app.exec()


def app_start(path: str) -> int:
    from PySide6.QtCore import QTimer

    from gui import app as gui_app
    from gui import errors, i18n
    from storage.settings import Settings

    qapp = gui_app.make_app([sys.argv[0]])
    settings = Settings.load()
    i18n.setup(qapp, settings)
    errors.install()
    shell = gui_app.Shell(settings)
    shell.start(Path(path))
    state = {"phase": "start", "pages": []}

    def rows_shown() -> int:
        """The register's rows once its first query is back (its count label says so), else -1. It opens on the
        current year, which may hold no activity in a generated archive: 0 rows shown is a usable register."""
        page = shell.window.pages.get("activities") if shell.window is not None else None
        if page is None or not page.count_label.text():
            return -1
        view = page.findChild(__import__("PySide6.QtWidgets", fromlist=["QTableView"]).QTableView)
        return view.model().rowCount() if view is not None and view.model() is not None else -1

    def poll():
        win = shell.window
        if win is None or not win.isVisible() or shell.ctx.busy:
            QTimer.singleShot(2, poll)
            return
        if state["phase"] == "start":
            if "activities" not in win.pages:  # the register is the usable window we time
                win.show_page("activities")
                QTimer.singleShot(2, poll)
                return
            n = rows_shown()
            if n < 0:
                QTimer.singleShot(2, poll)
                return
            ready_line(n)
            state["phase"] = "pages"
            state["pages"] = list(win.page_keys)
        if state["pages"]:  # the memory figure: every page opened once, as a keeper would
            win.show_page(state["pages"].pop(0))
            QTimer.singleShot(2, poll)
            return
        print(f"RSS {peak_kb()}", flush=True)
        qapp.quit()

    QTimer.singleShot(0, poll)
    try:
        return qapp.exec()
    finally:
        shell.shutdown()


if __name__ == "__main__":
    mode, archive = sys.argv[1], sys.argv[2]
    sys.exit(bare(archive) if mode == "bare" else app_start(archive))
