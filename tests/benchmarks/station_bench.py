"""Station benchmark (not a test): a 315-village station as the station staff run it, fresh processes only.

    python tests/benchmarks/station_bench.py [--data DIR] [--root CHECKOUT] [--villages 315] [--runs 5]

1. ``station generate-bags`` makes N one-year village bags into DIR/bags-N-CHECKOUT (once; reused).
2. ``init --role station`` + ``station import`` of all bags as one whole process (goal ≤ 60 s).
3. ``station overview --year Y`` as fresh processes, median of ``--runs`` (goal ≤ 1 s).
4. ``station report --year Y`` as fresh processes, median of 3 (goal ≤ 3 s).

``--root`` runs the commands of another checkout (e.g. /work/main) against the same bags, so a before/after
pair is two runs of this script. The station archive is rebuilt by each run (the schema may differ).
Each figure is printed as wall seconds (what the goal is about) and CPU seconds (user + system of the
process), which stay comparable when the machine is shared and the wall time is mostly waiting.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]
GOALS = {"import": 60.0, "overview": 1.0, "report": 3.0}


CPU: list[float] = []  # user + system seconds of each run's process: steadier than wall time on a shared machine


def run(root: Path, *args: str, check: bool = True) -> float:
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, str(root / "main.py"), *args], cwd=root, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if check and proc.returncode != 0:
        raise SystemExit(f"main.py {' '.join(args[:2])} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return took


def timed(root: Path, n: int, *args: str) -> tuple[float, float, int]:
    """Median wall and median CPU seconds of ``n`` fresh processes."""
    walls, cpus = [], []
    for _ in range(n):
        walls.append(run(root, *args))
        cpus.append(CPU[-1])
    return statistics.median(walls), statistics.median(cpus), n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("VA_BENCH_CACHE", "/tmp/va-bench-cache")) / "station")
    ap.add_argument("--root", type=Path, default=HERE, help="checkout whose main.py is measured")
    ap.add_argument("--villages", type=int, default=315)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    root = args.root.resolve()
    bags = args.data / f"bags-{args.villages}-{root.name}"  # made by the measured checkout: formats change
    if not (bags / "done").exists():
        shutil.rmtree(bags, ignore_errors=True)
        took = run(root, "station", "generate-bags", "--out", str(bags), "--count", str(args.villages))
        (bags / "done").write_text("")
        print(f"generated {args.villages} bags in {took:.0f} s")
    year = date.today().year - 1  # the generated year is the last complete one
    station = args.data / f"station-{root.name}.db"
    for p in args.data.glob(f"{station.name}*"):
        shutil.rmtree(p) if p.is_dir() else p.unlink()
    run(root, "init", "--archive", str(station), "--role", "station", "--center-name", "开平市文体服务中心",
        "--town", "开平市", "--code", "KPSTATION")
    files = sorted(str(p) for p in bags.glob("*.zip"))
    took = run(root, "station", "import", "--archive", str(station), "--no-backup", *files)
    rows = [("import", took, CPU[-1], 1)]
    rows.append(("overview", *timed(root, args.runs, "station", "overview", "--archive", str(station), "--year", str(year))))
    out = args.data / "town-report.pdf"
    rows.append(("report", *timed(root, 3, "station", "report", "--archive", str(station), "--year", str(year),
                                  "--out", str(out))))
    print(f"station of {len(files)} villages, year {year}, commands of {root.name}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'figure':<10}{'wall s':>9}{'cpu s':>8}{'runs':>6}{'goal':>8}  met (wall)")
    for key, wall, cpu, n in rows:
        print(f"{key:<10}{wall:>9.2f}{cpu:>8.2f}{n:>6}{GOALS[key]:>8.1f}  {'yes' if wall <= GOALS[key] else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
