"""Headline rows for run_all.py: what the keeper runs, ``python main.py …``, each a whole fresh process, beside a
baseline timed the same way in the same run. Wall seconds are what the goals are about; each note also gives
the CPU seconds (user + system of the process), which stay comparable when the machine is shared.

    python tests/benchmarks/run_all.py --only cli [--quick]
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
COUNT_SQL = ("activity", "equipment", "attachment", "opening_log", "closure", "schedule_slot", "facility", "center")


def env_for(work: Path) -> dict:
    cfg = work / "cfg"
    cfg.mkdir(parents=True, exist_ok=True)
    return dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", VILLAGE_ARCHIVE_CONFIG=str(cfg),
                XDG_DATA_HOME=str(cfg / "data"), XDG_STATE_HOME=str(cfg / "state"), PYTHONIOENCODING="utf-8")


def whole(cmd: list, env: dict, cwd: Path, until: str | None = None) -> tuple[float, float]:
    """(wall, cpu) seconds of one fresh process; with ``until``, wall stops at the first line containing it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(c) for c in cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=cwd)
    wall = None
    if until is not None:
        for line in proc.stdout:
            if until in line:
                wall = time.perf_counter() - t0
                break
    out, err = proc.communicate(timeout=900)
    wall = wall if wall is not None else time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd[1:4]))}… exit {proc.returncode}: {err.strip()[-300:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(runs: int, cmd, env, cwd, until=None) -> tuple[float, float]:
    results = [whole(cmd, env, cwd, until) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def app(*args) -> list:
    return [sys.executable, MAIN, *args]


def compile_bytecode() -> None:
    """Byte-code for the project's own modules, as pip and PyInstaller leave it beside an installed app. A
    checkout run with PYTHONDONTWRITEBYTECODE (as in CI and this sandbox) otherwise compiles every one of
    them from source in every process: ~0.2 s of a report, more in the dossier's helper process."""
    folders = [str(ROOT / d) for d in ("assets", "cli", "gui", "reports", "storage") if (ROOT / d).is_dir()]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(MAIN), *folders], check=True, capture_output=True)


PEAK = ("import atexit, resource, runpy, sys\n"
        "def _peak():\n"
        "    s = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "    c = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "    print(f'va-peak-kb {s} {c}', file=sys.stderr)\n"
        "atexit.register(_peak)\n"
        "sys.argv = sys.argv[1:]\n"
        "runpy.run_path(sys.argv[0], run_name='__main__')\n")


def peak_mb(cmd: list, env: dict, cwd: Path) -> tuple[float, float]:
    """Peak RSS (MB) of ``python main.py …`` itself and of its largest helper process, one run."""
    r = subprocess.run([sys.executable, "-c", PEAK, *map(str, cmd[1:])], env=env, cwd=cwd, capture_output=True,
                       text=True, timeout=900)
    line = next((x for x in r.stderr.splitlines() if x.startswith("va-peak-kb ")), "va-peak-kb 0 0")
    own, child = (int(v) / 1024 for v in line.split()[1:])
    return own, child


def upgraded(archive: Path, env: dict, work: Path) -> Path:
    """A cached dataset may predate the newest migration: one writable open upgrades it (not timed)."""
    whole(app("backup", "--archive", archive, "--to", work / "upgrade-backup.db"), env, work)
    (work / "upgrade-backup.db").unlink(missing_ok=True)
    return archive


def bench_cli(work: Path, runs: int, data, row, not_measured, probe) -> None:
    env = env_for(work)
    py = sys.executable
    compile_bytecode()

    # --help: the fixed start of every command (parser built, nothing heavy imported)
    ours, ours_cpu = medians(runs * 3, app("--help"), env, work)
    base, base_cpu = medians(runs * 3, [py, "-c", "pass"], env, work)
    row("cli_help", "`python main.py --help` (every command's fixed start)", ours, base,
        "`python -c pass` (the interpreter alone)", "s", "≤ 0.5 s", ours <= 0.5,
        f"median of {runs * 3}; CPU {ours_cpu:.2f} s vs {base_cpu:.2f} s; above the interpreter "
        f"{ours - base:.2f} s")

    big = upgraded(data.working_copy(data.archive("L"), work), env, work)
    whole(app("stats", "--archive", big), env, work)  # first read: disk cache, not timed
    ours, ours_cpu = medians(runs * 3, app("stats", "--archive", big), env, work)
    raw = ("import sqlite3, sys\ncon = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True)\n"
           f"print([con.execute(f'SELECT count(*) FROM {{t}}').fetchone()[0] for t in {COUNT_SQL!r}])")
    base, base_cpu = medians(runs * 3, [py, "-c", raw, big], env, work)
    row("cli_stats", "`python main.py stats` on L", ours, base, "raw sqlite3 counts in a fresh `python -c`", "s",
        "≤ 0.5 s above the raw count", ours - base <= 0.5,
        f"median of {runs * 3}; CPU {ours_cpu:.2f} s vs {base_cpu:.2f} s; above raw {ours - base:.2f} s "
        "(plain sqlite3 through storage.glance; SQLAlchemy is not imported)")

    from storage.datagen import SIZES, first_year

    year = first_year(SIZES["M"])
    mid = upgraded(data.working_copy(data.archive("M"), work), env, work)
    n = 3 if runs > 1 else 1
    report = app("report", "--archive", mid, "--year", year, "--out", work / "dossier.pdf")
    ours, ours_cpu = medians(n, report, env, work)
    own_mb, helper_mb = peak_mb(report, env, work)
    if shutil.which("soffice"):
        sheets = []
        for kind in ("activities", "equipment", "opening-log"):
            out = work / f"{kind}.xlsx"
            whole(app("export-sheet", "--archive", mid, "--kind", kind, "--year", year, "--out", out), env, work)
            sheets.append(out)
        lo = ["soffice", f"-env:UserInstallation=file://{work / 'lo-profile'}", "--headless", "--convert-to", "pdf",
              "--outdir", work / "lo", *sheets]
        whole(lo, env, work)  # the first start creates LibreOffice's profile: not timed
        base, base_cpu = medians(n, lo, env, work)
        row("cli_report", f"`python main.py report --year {year}` on M", ours, base,
            "LibreOffice printing the three registers exported by `export-sheet` (one soffice process)", "s",
            "≤ 1.0× LibreOffice, ≤ 6 s, peak ≤ 300 MB", ours <= base and ours <= 6 and own_mb + helper_mb <= 300,
            f"median of {n}; CPU {ours_cpu:.1f} s vs {base_cpu:.1f} s (ours: both processes); peak RSS {own_mb:.0f} MB "
            f"+ helper {helper_mb:.0f} MB; load {os.getloadavg()[0]:.1f}; byte-code compiled first")
    else:
        not_measured("cli_report", f"`python main.py report --year {year}` on M",
                     f"libreoffice missing (apt-get install libreoffice-calc); ours {ours:.1f} s",
                     "≤ 1.0× LibreOffice, ≤ 6 s, peak ≤ 300 MB")

    if shutil.which("zip"):
        ours, ours_cpu = medians(n, app("export", "--archive", mid, "--year", year, "--out", work / "bag.zip"), env,
                                 work)
        unzipped = work / "unzipped"
        with zipfile.ZipFile(work / "bag.zip") as zf:
            zf.extractall(unzipped)
        top = next(unzipped.iterdir()).name
        again = work / "again.zip"
        base, base_cpu = medians(n, ["sh", "-c", f"rm -f '{again}' && zip -r -q '{again}' '{top}'"], env, unzipped)
        row("cli_export", f"`python main.py export --year {year}` on M", ours, base,
            "`zip -r` of the same bag unzipped", "s", "≤ 2× zip -r", ours <= 2 * base,
            f"median of {n}; CPU {ours_cpu:.1f} s vs {base_cpu:.1f} s; load {os.getloadavg()[0]:.1f}; the command "
            "also renders the year's dossier that travels in the bag")
    else:
        not_measured("cli_export", "`python main.py export` on M", "zip missing", "≤ 2× zip -r")

    # The app: a fresh `python main.py --archive L` until its main window is visible (gui/smoke.py prints then).
    gui_env = dict(env, VILLAGE_ARCHIVE_SMOKE_GUI="300")
    whole(app("--archive", big), gui_env, work, until="smoke-gui:")
    ours, ours_cpu = medians(runs, app("--archive", big), gui_env, work, until="smoke-gui:")
    bare = statistics.median(probe("bare", big, work)[0] for _ in range(runs))
    row("cli_gui", "`python main.py --archive L` to its main window", ours, bare,
        "bare QMainWindow + QTableView showing the same rows (raw sqlite3)", "s", "≤ 1.5× bare", ours <= 1.5 * bare,
        f"median of {runs}, offscreen; CPU {ours_cpu:.2f} s (app, to exit)")

    # The dashboard: the same fresh process until the overview shows its figures (gui/startup_probe.py).
    from tests.benchmarks import gui_start

    gui_env = {k: v for k, v in env.items() if k != "VILLAGE_ARCHIVE_SMOKE_GUI"}
    gui_env.setdefault("QT_QPA_PLATFORM", "offscreen")
    bare_runs, marks = gui_start.main_marks(Path(big), work, gui_env, max(runs, 3))
    bare = statistics.median(bare_runs)
    filled = statistics.median(d for _p, d, _c, _e in marks)
    checked = statistics.median(c for _p, _d, c, _e in marks)
    early = sum(1 for *_x, e in marks if e)
    row("cli_dashboard", "`python main.py --archive L` to its dashboard filled", filled, bare,
        "bare QMainWindow + QTableView showing the same rows (raw sqlite3)", "s", "≤ 3× bare", filled <= 3 * bare,
        f"median of {len(marks)}, offscreen; the figures came from the file's plain-sqlite3 glance while the archive "
        f"opened in {early} of {len(marks)} runs; the daily self-check behind it back at {checked:.2f} s")
