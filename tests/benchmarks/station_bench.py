"""Station benchmark (not a test): a 315-village station as the station staff run it, fresh processes only.

    python tests/benchmarks/station_bench.py [--data DIR] [--root CHECKOUT] [--villages 315] [--runs 5]
                                             [--bags DIR] [--big-bag FILE.zip]

1. The bags: ``--bags DIR`` (e.g. the shared cache's bags-315-seed1-YYYY, made by va_bench_data.station_bags),
   else ``station generate-bags`` makes N one-year village bags into DIR/bags-N-CHECKOUT (once; reused).
2. ``init --role station`` + ``station import`` of all bags as one whole process (goal ≤ 60 s).
3. ``station overview --year Y`` as fresh processes, median of ``--runs`` (goal ≤ 1 s).
4. ``station report --year Y`` as fresh processes, median of 3 (goal ≤ 3 s).
5. With ``--big-bag`` (e.g. ``export`` of the ``generate --size L`` archive): ``verify`` and ``station import``
   of it, for their peak memory (goal ≤ 300 MB, issue 13).

The processes run with Python's bytecode cache on (an installed app has its .pyc files; with
PYTHONDONTWRITEBYTECODE set in the environment every run would compile the app's modules again, ~0.2 s
of each command), after one warm-up run.

``--root`` runs the commands of another checkout (e.g. /work/main) against the same bags, so a before/after
pair is two runs of this script. The station archive is rebuilt by each run (the schema may differ).
Each figure is printed as wall seconds (what the goal is about) and CPU seconds (user + system of the
process), which stay comparable when the machine is shared and the wall time is mostly waiting.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]
GOALS = {"import": 60.0, "overview": 1.0, "report": 3.0, "big verify": 300, "big import": 300}
UNITS = {"big verify": "MB", "big import": "MB"}


def run(root: Path, *args: str) -> tuple[float, float, float, float]:
    """(wall s, CPU s, peak RSS MB, load) of one fresh ``main.py`` process; its own figures, from wait4."""
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(root / "main.py"), *args], cwd=root, env=env,
                                stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        took = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0 and args[0] != "verify":
            err.seek(0)
            raise SystemExit(f"main.py {' '.join(args[:2])} failed ({proc.returncode}): {err.read()[-2000:]!r}")
    return took, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.getloadavg()[0]


def timed(root: Path, n: int, *args: str) -> tuple[float, float, float, float, int]:
    """Median wall, median CPU, highest peak RSS and median load of ``n`` fresh processes."""
    runs = [run(root, *args) for _ in range(n)]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), max(r[2] for r in runs),
            statistics.median(r[3] for r in runs), n)


def bench_station(work: Path, bags: list[Path], row, runs: int = 5) -> None:
    """Headline rows for run_all.py: station import, overview and report of ``bags`` as whole fresh processes,
    beside ``main.py --help`` (every command's fixed start) measured the same way in the same run."""
    root, year, station = HERE, date.today().year - 1, work / "station.db"
    run(root, "--help")
    base = timed(root, runs, "--help")
    run(root, "init", "--archive", str(station), "--role", "station", "--center-name", "开平市文体服务中心",
        "--town", "开平市", "--code", "KPSTATION")
    n = len(bags)
    wall, cpu, rss, load = run(root, "station", "import", "--archive", str(station), "--no-backup", *map(str, bags))
    goal = 60 * n / 315
    row("station_import_cli", f"`python main.py station import` of {n} one-year village bags", wall, base[0],
        "`python main.py --help` (the fixed start)", "s", f"≤ {goal:.0f} s", wall <= goal,
        f"one process; CPU {cpu:.1f} s, peak {rss:.0f} MB, load {load:.1f}")
    for key, args, goal, k in (("overview", ("station", "overview", "--year", str(year)), 1.0, runs),
                               ("report", ("station", "report", "--year", str(year), "--deterministic", "--out",
                                           str(work / "town.pdf")), 3.0, 3)):
        wall, cpu, rss, load, _ = timed(root, k, *args[:2], "--archive", str(station), *args[2:])
        row(f"station_{key}", f"`python main.py station {key}` of a {n}-center station", wall, base[0],
            "`python main.py --help` (the fixed start)", "s", f"≤ {goal:g} s", wall <= goal,
            f"median of {k}; CPU {cpu:.2f} s vs {base[1]:.2f} s, peak {rss:.0f} MB, load {load:.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("VA_BENCH_CACHE", "/tmp/va-bench-cache")) / "station")
    ap.add_argument("--root", type=Path, default=HERE, help="checkout whose main.py is measured")
    ap.add_argument("--villages", type=int, default=315)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bags", type=Path, help="folder of ready bags (e.g. the shared cache's bags-315-seed1-YYYY)")
    ap.add_argument("--big-bag", type=Path, help="one large bag (export of the L archive) for the memory rows")
    args = ap.parse_args()
    root = args.root.resolve()
    args.data.mkdir(parents=True, exist_ok=True)
    bags = args.bags or args.data / f"bags-{args.villages}-{root.name}"  # made by the measured checkout
    if args.bags is None and not (bags / "done").exists():
        shutil.rmtree(bags, ignore_errors=True)
        took = run(root, "station", "generate-bags", "--out", str(bags), "--count", str(args.villages))[0]
        (bags / "done").write_text("")
        print(f"generated {args.villages} bags in {took:.0f} s")
    year = date.today().year - 1  # the generated year is the last complete one
    station = args.data / f"station-{root.name}.db"

    def fresh_station() -> None:
        for p in args.data.glob(f"{station.name}*"):
            shutil.rmtree(p) if p.is_dir() else p.unlink()
        run(root, "init", "--archive", str(station), "--role", "station", "--center-name", "开平市文体服务中心",
            "--town", "开平市", "--code", "KPSTATION")

    run(root, "--help")  # warm-up: the bytecode cache, the disk cache
    rows = []
    if args.big_bag:
        rows.append(("big verify", *run(root, "verify", str(args.big_bag)), 1))
        fresh_station()
        rows.append(("big import", *run(root, "station", "import", "--archive", str(station), "--no-backup",
                                         str(args.big_bag)), 1))
    fresh_station()
    files = sorted(str(p) for p in bags.glob("*.zip"))[:args.villages]
    rows.append(("import", *run(root, "station", "import", "--archive", str(station), "--no-backup", *files), 1))
    rows.append(("overview", *timed(root, args.runs, "station", "overview", "--archive", str(station), "--year", str(year))))
    out = args.data / "town-report.pdf"
    rows.append(("report", *timed(root, 3, "station", "report", "--archive", str(station), "--year", str(year),
                                  "--out", str(out), "--deterministic")))
    print(f"station of {len(files)} villages, year {year}, commands of {root.name}; {os.cpu_count()} cores")
    print(f"{'figure':<12}{'wall s':>9}{'cpu s':>8}{'peak MB':>9}{'load':>6}{'runs':>6}{'goal':>9}  met")
    for key, wall, cpu, rss, load, n in rows:
        unit = UNITS.get(key, "s")
        met = (rss if unit == "MB" else wall) <= GOALS[key]
        print(f"{key:<12}{wall:>9.2f}{cpu:>8.2f}{rss:>9.0f}{load:>6.1f}{n:>6}{GOALS[key]:>7g} {unit}  "
              f"{'yes' if met else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
