"""No frozen window: the longest event-loop stall of each ordinary action on a real window.

    python tests/benchmarks/gui_stalls.py ARCHIVE [--copy]      (make one: python main.py generate --size L)

The app starts as the keeper starts it (``Shell.start``: the window first, the archive opened behind it), then
a driver goes through the ordinary actions: every page, type-to-filter in the activity register, open a
record, save an edit, 今日开放登记, open a record's history. A heartbeat QTimer ticks every 5 ms; a stall is the
longest gap between two ticks, less the interval, while the action and the work it started (on the worker)
run. Goal: <= 100 ms for each. Beside it, "GUI busy": the most CPU time the GUI thread itself used between
two ticks (``time.thread_time``); a stall much longer than that was spent waiting for the GIL (another
thread's long C call or garbage collection) or for a core (on a loaded machine: the load is printed).
``--copy`` works on a copy, so the archive given is left as it was (an edit is saved). The project's modules
are imported from compiled bytecode, as installed (``--from-source`` compiles them on import instead).
Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# As installed (pip and the frozen build ship compiled bytecode): with PYTHONDONTWRITEBYTECODE set, every page's
# first import would also compile its source on the GUI thread. The project's bytecode goes to a cache of its own.
PYCACHE = Path(tempfile.gettempdir()) / "va-gui-stalls-pycache"

TICK_MS = 5
PROFILE = os.environ.get("VA_STALL_PROFILE")  # set: profile the GUI thread in the steps over the goal
GOAL_MS = 100
IDLE = "idle window, 1 s (baseline)"


class Heartbeat:
    def __init__(self):
        from PySide6.QtCore import QTimer

        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.worst = 0.0
        self.worst_cpu = 0.0
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.worst = max(self.worst, now - self.last - TICK_MS / 1000)
        self.worst_cpu = max(self.worst_cpu, cpu - self.last_cpu)
        self.last, self.last_cpu = now, cpu

    def reset(self) -> None:
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.worst = self.worst_cpu = 0.0


def run(archive: Path) -> list[tuple[str, float, float, float]]:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from gui import i18n
    from gui.app import Shell, make_app
    from storage.settings import Settings

    app = make_app([sys.argv[0]])
    settings = Settings(keeper_name="李秀英")
    i18n.setup(app, settings)
    heart = Heartbeat()
    shell = Shell(settings)
    results: list[tuple[str, float, float, float]] = []

    def wait(condition, timeout_s: float = 120.0) -> None:
        """Run the event loop (the heartbeat keeps ticking) until ``condition()`` and the worker is idle."""
        deadline = time.perf_counter() + timeout_s
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(10)

        def check() -> None:
            if (condition() and not shell.ctx.busy) or time.perf_counter() > deadline:
                loop.quit()

        poll.timeout.connect(check)
        poll.start()
        loop.exec()
        poll.stop()

    def step(name: str, action, done=lambda: True) -> None:
        QApplication.processEvents()
        heart.reset()
        started = time.perf_counter()
        profile = None
        if PROFILE:  # what the GUI thread did (cProfile sees only the thread that enabled it)
            import cProfile

            profile = cProfile.Profile()
            profile.enable()
        action()
        wait(done)
        if profile is not None:
            profile.disable()
        results.append((name, heart.worst * 1000, heart.worst_cpu * 1000, (time.perf_counter() - started) * 1000))
        if profile is not None and heart.worst * 1000 > GOAL_MS:
            import pstats

            print(f"--- {name}: stall {heart.worst * 1000:.0f} ms, GUI thread by cumulative time")
            pstats.Stats(profile).sort_stats("cumulative").print_stats(18)

    step("start: window, open the archive, dashboard", lambda: shell.start(archive),
         lambda: shell.window is not None and bool(shell.window.page_keys)
         and getattr(shell.window.pages.get("overview"), "findings_checked", False))
    window = shell.window
    window.save_state = lambda: None
    window.resize(1360, 860)
    for key in window.page_keys:
        if key == "overview":
            continue
        step(f"page: {key}", lambda k=key: window.show_page(k))
    window.show_page("activities")
    page = window.pages["activities"]
    step("year filter: all years", lambda: page.year.setCurrentIndex(0), lambda: page.model.rowCount() > 0)
    for text in ("读", "读书", "读书分", ""):
        step(f"type-to-filter: {text or '(cleared)'}", lambda t=text: page.search.setText(t),
             lambda: not page._search_timer.isActive())
    step("sort: participants", lambda: page.table.horizontalHeader().setSortIndicator(
        page.model.column_of("participants"), Qt.DescendingOrder))
    page.table.setFocus()
    page.table.selectRow(0)
    QApplication.processEvents()
    if page.selected_row() < 0:
        raise SystemExit(f"no row to open ({page.model.rowCount()} rows shown)")
    opened: list = []
    step("open a record", lambda: opened.append(page.edit_selected()),
         lambda: bool(opened) and (opened[0] is None or opened[0].is_ready))
    dialog = opened[0]
    if dialog is None:
        raise SystemExit("the selected record did not open")
    dialog.form.fields["title"].setText(dialog.form.fields["title"].text() + "（改）")
    step("save an edit", dialog.save, lambda: not dialog.isVisible())
    history: list = []
    step("open history", lambda: history.append(page.history_selected()),
         lambda: history and history[0].table.rowCount() > 0)
    history[0].reject()
    opening = window.show_page("opening")
    opening.tabs.setCurrentWidget(opening.log)
    wait(lambda: True)
    step("今日开放登记", opening.log.log_today, lambda: bool(opening.log.open_dialogs))
    for d in list(opening.log.open_dialogs):
        d.reject()
    step("page: overview again", lambda: window.show_page("overview"))
    # The baseline in the same run: the window left alone for a second (timer jitter, the machine's load).
    idle_from: list[float] = []
    step(IDLE, lambda: idle_from.append(time.perf_counter()), lambda: time.perf_counter() - idle_from[0] > 1.0)
    shell.shutdown()
    heart.timer.stop()
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("archive", type=Path)
    parser.add_argument("--copy", action="store_true", help="work on a copy of the archive")
    parser.add_argument("--from-source", action="store_true",
                        help="compile the project's modules on import, as PYTHONDONTWRITEBYTECODE leaves them")
    args = parser.parse_args(argv)
    if not args.from_source:
        import compileall

        sys.dont_write_bytecode = False
        sys.pycache_prefix = str(PYCACHE)
        for package in ("gui", "storage", "reports"):
            compileall.compile_dir(ROOT / package, quiet=1)
    workdir = Path(tempfile.mkdtemp(prefix="va-gui-stalls-"))
    os.environ["VILLAGE_ARCHIVE_CONFIG"] = str(workdir / "config")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(workdir / var.lower())
    archive = args.archive.resolve()
    if args.copy:
        target = workdir / archive.name
        shutil.copy2(archive, target)
        archive = target
    try:
        results = run(archive)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    width = max(len(name) for name, *_rest in results)
    print(f"platform: {os.environ['QT_QPA_PLATFORM']}, heartbeat every {TICK_MS} ms, goal <= {GOAL_MS} ms stall;"
          f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name, stall, busy, took in results:
        verdict = "       " if name == IDLE else "met    " if stall <= GOAL_MS else "NOT MET"
        print(f"{name:<{width}}  stall {stall:6.0f} ms  {verdict}  GUI busy {busy:5.0f} ms   (done after {took:6.0f} ms)")
    worst = max((r for r in results if r[0] != IDLE), key=lambda r: r[1])
    print(f"longest stall: {worst[1]:.0f} ms ({worst[0]})")
    import resource

    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
