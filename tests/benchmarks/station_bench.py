"""Station benchmark (not a test): a 315-village station as the station staff run it, fresh processes only.

    python tests/benchmarks/station_bench.py [--data DIR] [--root CHECKOUT] [--villages 315] [--runs 5]

1. ``station generate-bags`` makes N one-year village bags into DIR/bags (once; reused afterwards).
2. ``init --role station`` + ``station import`` of all bags as one whole process (goal ≤ 60 s).
3. ``station overview --year Y`` as fresh processes, median of ``--runs`` (goal ≤ 1 s).
4. ``station report --year Y`` as fresh processes, median of 3 (goal ≤ 3 s).

``--root`` runs the commands of another checkout (e.g. /work/main) against the same bags, so a before/after
pair is two runs of this script. The station archive is rebuilt by each run (the schema may differ).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]
GOALS = {"import": 60.0, "overview": 1.0, "report": 3.0}


def run(root: Path, *args: str, check: bool = True) -> float:
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen")
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, str(root / "main.py"), *args], cwd=root, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - t
    if check and proc.returncode != 0:
        raise SystemExit(f"main.py {' '.join(args[:2])} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return took


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("VA_BENCH_CACHE", "/tmp/va-bench-cache")) / "station")
    ap.add_argument("--root", type=Path, default=HERE, help="checkout whose main.py is measured")
    ap.add_argument("--villages", type=int, default=315)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    root = args.root.resolve()
    bags = args.data / f"bags-{args.villages}"
    if not (bags / "done").exists():
        shutil.rmtree(bags, ignore_errors=True)
        took = run(HERE, "station", "generate-bags", "--out", str(bags), "--count", str(args.villages))
        (bags / "done").write_text("")
        print(f"generated {args.villages} bags in {took:.0f} s")
    year = date.today().year - 1  # the generated year is the last complete one
    station = args.data / f"station-{root.name}.db"
    for p in args.data.glob(f"{station.name}*"):
        shutil.rmtree(p) if p.is_dir() else p.unlink()
    run(root, "init", "--archive", str(station), "--role", "station", "--center-name", "开平市文体服务中心",
        "--town", "开平市", "--code", "KPSTATION")
    files = sorted(str(p) for p in bags.glob("*.zip"))
    rows = [("import", run(root, "station", "import", "--archive", str(station), "--no-backup", *files), 1)]
    times = [run(root, "station", "overview", "--archive", str(station), "--year", str(year))
             for _ in range(args.runs)]
    rows.append(("overview", statistics.median(times), len(times)))
    out = args.data / "town-report.pdf"
    times = [run(root, "station", "report", "--archive", str(station), "--year", str(year), "--out", str(out))
             for _ in range(3)]
    rows.append(("report", statistics.median(times), len(times)))
    print(f"station of {len(files)} villages, year {year}, commands of {root.name}")
    print(f"{'figure':<10}{'seconds':>9}{'runs':>6}{'goal':>8}  met")
    for key, secs, n in rows:
        print(f"{key:<10}{secs:>9.2f}{n:>6}{GOALS[key]:>8.1f}  {'yes' if secs <= GOALS[key] else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
