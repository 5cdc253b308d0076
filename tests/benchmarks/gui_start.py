"""GUI start time: the demo archive and an archive of 100,000 activities, against a bare Qt window.

    python tests/benchmarks/gui_start.py [--rows 100000] [--repeat 3] [--keep DIR]
    python tests/benchmarks/gui_start.py --main ARCHIVE [--repeat 5]

``--main`` times what the keeper runs, ``python main.py --archive ARCHIVE``, as a whole fresh process: to the
first painted window, to the dashboard filled (its figures shown) and to the daily self-check back, beside
a bare QMainWindow + QTableView showing 1,000 activity rows read from the same file (medians; goals: painted
<= 1.5x bare, dashboard <= 3x). The app reports its marks through ``VILLAGE_ARCHIVE_STARTUP_PROBE``.

Each figure is a fresh process (interpreter start and imports included), measured from just before the
process is spawned until the main window is shown and the event loop has painted it ("window"), and until
the dashboard's background self-check has finished ("idle"). The baseline is a bare QMainWindow with a
QTableView in the same kind of process. Also timed inside the app: opening the activity register, a
search, and a sort on the whole register. Runs offscreen unless QT_QPA_PLATFORM says otherwise.

The 100k archive is a fresh archive (one center) filled with SQLAlchemy Core: valid activities over
ten years, item numbers without gaps and item_counter rows that match them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid as uuidlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TITLES = ["广场舞培训班", "农家书屋读书分享会", "党员学习日", "防诈骗宣传讲座", "科普进村：安全用电知识", "长者健康讲座",
          "粤曲私伙局演出", "篮球友谊赛", "志愿者清洁家园行动", "少儿暑期阅读班", "电影放映进村", "春节舞龙闹新春"]
CATEGORIES = ["体育健身", "阅读服务", "党员教育", "宣传教育", "科学普及", "培训讲座", "文化娱乐", "体育健身", "志愿服务",
              "阅读服务", "文化娱乐", "民俗节庆"]


def build_big_archive(path: Path, rows: int, seed: int = 7) -> float:
    """A fresh archive with ``rows`` activities inserted with SQLAlchemy Core; returns seconds taken."""
    from sqlalchemy import insert

    from storage import centers
    from storage.engine import open_archive
    from storage.models import Activity, ItemCounter

    started = time.perf_counter()
    archive = open_archive(path, create=True, actor="benchmark")
    with archive.session() as s:
        center = centers.create_center(s, "benchmark", own=True, name="苍城镇城东村综合性文化服务中心", town="苍城镇",
                                       village="城东村", code="KPCCCD", keeper="李秀英")
        centers.set_role(s, "village")
        center_id, code = center.id, center.code
    rng = random.Random(seed)
    today = date.today()
    years = list(range(today.year - 9, today.year + 1))
    per_year = rows // len(years)
    now = datetime.now(timezone.utc)
    batch, counters = [], []
    for i, year in enumerate(years):
        n = per_year + (1 if i < rows % len(years) else 0)
        last = min(date(year, 12, 31), today)
        span = (last - date(year, 1, 1)).days
        days = sorted(date(year, 1, 1) + timedelta(days=rng.randint(0, span)) for _ in range(n))
        for seq, day in enumerate(days, start=1):
            k = rng.randrange(len(TITLES))
            batch.append({
                "uuid": str(uuidlib.UUID(int=rng.getrandbits(128), version=4)), "created_at": now, "updated_at": now,
                "created_by": "benchmark", "center_id": center_id, "item_number": f"{code}-{year}-HD-{seq:04d}",
                "year": year, "seq": seq, "start_date": day, "title": TITLES[k], "category": CATEGORIES[k],
                "location": "城东村文化活动室", "organizer": "城东村委会", "summary": "",
                "participants": rng.randint(10, 300) if rng.random() > 0.02 else None,
            })
        counters.append({"center_id": center_id, "kind": "HD", "year": year, "last_seq": n})
    with archive.engine.begin() as conn:
        conn.execute(insert(Activity.__table__), batch)
        conn.execute(insert(ItemCounter.__table__), counters)
    archive.close()
    return time.perf_counter() - started


# -- the measured child processes -----------------------------------------------------------------

def child_bare(out: Path) -> None:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
            return 0

        def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
            return 9

        def data(self, index, role=0):
            return None

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    view = QTableView()
    view.setModel(Model())
    window.setCentralWidget(view)
    window.resize(1360, 860)
    window.show()

    def done():
        out.write_text(json.dumps({"window": time.time()}))
        app.quit()

    QTimer.singleShot(0, done)
    app.exec()


def child_bare_rows(out: Path, archive: Path) -> None:
    """A bare QMainWindow + QTableView over 1,000 activity rows read with sqlite3; marks its first paint."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class Model(QAbstractTableModel):
        def __init__(self, rows):
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
            return len(self.rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
            return 8

        def data(self, index, role=Qt.DisplayRole):
            if role == Qt.DisplayRole:
                v = self.rows[index.row()][index.column()]
                return "" if v is None else str(v)
            return None

    app = QApplication([sys.argv[0]])
    con = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    rows = con.execute("SELECT item_number, start_date, title, category, festival, location, organizer, participants"
                       " FROM activity WHERE deleted_at IS NULL ORDER BY item_number, id LIMIT 1000").fetchall()
    con.close()
    window = QMainWindow()
    view = QTableView()
    view.setModel(Model(rows))
    window.setCentralWidget(view)
    window.resize(1360, 860)
    marks: dict[str, float] = {}

    class Painted(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Paint and obj is window and not marks:
                marks["painted"] = -1.0

                def done():
                    marks["painted"] = time.time()
                    marks["rows"] = len(rows)
                    out.write_text(json.dumps(marks))
                    app.quit()

                QTimer.singleShot(0, done)
            return False

    probe = Painted()
    app.installEventFilter(probe)
    window.show()
    app.exec()


def main_marks(archive: Path, workdir: Path, env: dict, repeat: int) -> tuple[list[float], list[tuple]]:
    """``repeat`` fresh bare windows and fresh ``python main.py --archive`` runs, alternately: the bare window's
    seconds to painted, and the app's (painted, dashboard filled, self-check back, dashboard shown early)."""
    bare, app = [], []
    for i in range(repeat):
        out = workdir / f"bare-{i}.json"
        started = time.time()
        subprocess.run([sys.executable, __file__, "--child", "bare-rows", "--out", str(out), "--archive",
                        str(archive)], check=True, env=env, cwd=ROOT)
        bare.append(json.loads(out.read_text())["painted"] - started)
        out = workdir / f"main-{i}.json"
        run_env = dict(env, VILLAGE_ARCHIVE_STARTUP_PROBE=str(out))
        started = time.time()
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--archive", str(archive)], check=True, env=run_env,
                       cwd=ROOT, timeout=600)
        marks = json.loads(out.read_text())
        if "error" in marks:
            raise SystemExit(marks["error"])
        app.append((marks["painted"] - started, marks["dashboard"] - started, marks["checked"] - started,
                    marks.get("early", False)))
    return bare, app


def measure_main(archive: Path, workdir: Path, env: dict, repeat: int) -> int:
    """``python main.py --archive`` to painted and to dashboard, beside the bare window, medians of ``repeat``."""
    bare, app = main_marks(archive, workdir, env, repeat)
    app = [(a, d, c) for a, d, c, _early in app]
    b = statistics.median(bare)
    painted = statistics.median(a for a, _d, _c in app)
    dashboard = statistics.median(d for _a, d, _c in app)
    checked = statistics.median(c for _a, _d, c in app)
    print(f"platform: {env.get('QT_QPA_PLATFORM')}, {repeat} fresh processes each (medians), archive {archive.name}")
    print(f"bare QMainWindow+QTableView, 1,000 activity rows: painted {b:.2f} s")
    print(f"python main.py --archive: painted {painted:.2f} s (x{painted / b:.1f} bare, goal <= 1.5x: "
          f"{'met' if painted <= 1.5 * b else 'not met'}); dashboard filled {dashboard:.2f} s "
          f"(x{dashboard / b:.1f} bare, goal <= 3x: {'met' if dashboard <= 3 * b else 'not met'}); "
          f"daily self-check back {checked:.2f} s (x{checked / b:.1f})")
    print("runs (painted, dashboard, checked):", ", ".join(f"({a:.2f}, {d:.2f}, {c:.2f})" for a, d, c in app),
          "bare:", ", ".join(f"{x:.2f}" for x in bare))
    return 0


def child_app(out: Path, archive: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui import i18n
    from gui.app import Shell, make_app
    from storage.settings import Settings

    app = make_app([sys.argv[0]])
    settings = Settings(keeper_name="李秀英")
    i18n.setup(app, settings)
    shell = Shell(settings)
    marks: dict[str, float] = {}

    def after_paint():
        marks["window"] = time.time()
        shell.ctx.wait_idle(120_000)
        marks["idle"] = time.time()
        window = shell.window
        t = time.perf_counter()
        page = window.show_page("activities")
        QApplication.processEvents()
        marks["open_register_s"] = time.perf_counter() - t
        marks["rows"] = page.model.rowCount()
        t = time.perf_counter()
        page.search.setText("读书")
        page.apply_filters()
        QApplication.processEvents()
        marks["search_s"] = time.perf_counter() - t
        marks["search_rows"] = page.model.rowCount()
        page.search.setText("")
        page.apply_filters()
        t = time.perf_counter()
        page.model.sort(7, 1)  # participants, descending
        QApplication.processEvents()
        marks["sort_s"] = time.perf_counter() - t
        t = time.perf_counter()
        page.year.setCurrentIndex(1)  # newest year
        QApplication.processEvents()
        marks["year_filter_s"] = time.perf_counter() - t
        window.save_state = lambda: None
        out.write_text(json.dumps(marks))
        app.quit()

    if not shell.open_path(archive):
        raise SystemExit(f"cannot open {archive}")
    shell.window.resize(1360, 860)
    QTimer.singleShot(0, after_paint)
    app.exec()
    shell.shutdown()


def measure(kind: str, archive: Path | None, workdir: Path, env: dict) -> dict:
    out = workdir / f"result-{kind}-{time.time_ns()}.json"
    cmd = [sys.executable, __file__, "--child", kind, "--out", str(out)]
    if archive is not None:
        cmd += ["--archive", str(archive)]
    started = time.time()
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    marks = json.loads(out.read_text())
    result = {k: (v - started if k in ("window", "idle") else v) for k, v in marks.items()}
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the archives in this folder (reused when present)")
    parser.add_argument("--child", choices=("bare", "app", "bare-rows"))
    parser.add_argument("--main", type=Path, help="time python main.py --archive MAIN as a whole process")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--archive", type=Path)
    args = parser.parse_args(argv)
    if args.child == "bare":
        child_bare(args.out)
        return 0
    if args.child == "app":
        child_app(args.out, args.archive)
        return 0
    if args.child == "bare-rows":
        child_bare_rows(args.out, args.archive)
        return 0

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="va-gui-start-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["VILLAGE_ARCHIVE_CONFIG"] = str(workdir / "config")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(workdir / var.lower())
    if args.main:
        try:
            return measure_main(args.main.resolve(), workdir, env, args.repeat)
        finally:
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)
    from storage import demo

    demo_db = workdir / "demo.db"
    if not demo_db.exists():
        demo.create_demo(demo_db)
    big_db = workdir / f"activities-{args.rows}.db"
    if not big_db.exists():
        print(f"building {args.rows} activities … {build_big_archive(big_db, args.rows):.1f} s")
    results = {"bare": [], "demo": [], "big": []}
    for _ in range(args.repeat):
        results["bare"].append(measure("bare", None, workdir, env))
        results["demo"].append(measure("app", demo_db, workdir, env))
        results["big"].append(measure("app", big_db, workdir, env))

    def med(kind, key):
        return statistics.median(r[key] for r in results[kind])

    bare = med("bare", "window")
    print(f"platform: {os.environ['QT_QPA_PLATFORM']}, repeats: {args.repeat} (medians)")
    print(f"bare QMainWindow+QTableView: window {bare:.2f} s")
    for kind, label in (("demo", "demo archive"), ("big", f"{args.rows:,} activities")):
        w, idle = med(kind, "window"), med(kind, "idle")
        print(f"{label}: window {w:.2f} s (×{w / bare:.1f} bare), dashboard idle {idle:.2f} s; "
              f"activity register {med(kind, 'open_register_s') * 1000:.0f} ms for {results[kind][0]['rows']:,} rows, "
              f"search {med(kind, 'search_s') * 1000:.0f} ms, sort {med(kind, 'sort_s') * 1000:.0f} ms, "
              f"year filter {med(kind, 'year_filter_s') * 1000:.0f} ms")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
