"""Datasets and machine facts for run_all.py: cached seeded archives (storage.datagen) and the machine row."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from storage import datagen

SEED = 1
FILTER_SPEC = datagen.Spec(years=10, activities=100_000, equipment=0, log_days=0, photos=0)


def cache_dir() -> Path:
    folder = Path(os.environ.get("VA_BENCH_CACHE", Path(tempfile.gettempdir()) / "va-bench-cache"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _cached(name: str, build) -> Path:
    """``build(path)`` once per day-of-year (dates in the data are relative to today) and seed."""
    path = cache_dir() / f"{name}-seed{SEED}-{date.today():%Y}.db"
    if not path.exists():
        tmp = path.with_name(path.name + ".building")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        build(tmp / "a.db")
        os.replace(tmp / "a.db", path)
        shutil.rmtree(tmp, ignore_errors=True)
    return path


def archive(size: str) -> Path:
    """The seeded M or L archive (``python main.py generate --size M|L`` makes the same records)."""
    return _cached(f"size-{size}", lambda p: datagen.generate(p, size, seed=SEED))


def filter_archive() -> Path:
    """100,000 activities, nothing else (for type-to-filter)."""
    def build(p):
        a = datagen.new_village(p, code="GENF", town="苍城镇", village="城东村", seed=SEED)
        try:
            datagen.fill(a, FILTER_SPEC, SEED)
        finally:
            a.close()
    return _cached("filter-100k", build)


def station_bags(count: int) -> list[Path]:
    folder = cache_dir() / f"bags-{count}-seed{SEED}-{date.today():%Y}"
    done = folder / "complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        datagen.village_bags(folder, count, seed=SEED)
        done.write_text("ok")
    return sorted(folder.glob("*.zip"))


def working_copy(path: Path, folder: Path) -> Path:
    dest = folder / path.name
    shutil.copy2(path, dest)
    return dest


def _first_line(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
        return out.splitlines()[0] if out else ""
    except (OSError, subprocess.SubprocessError):
        return ""


def _zip_version() -> str:
    try:
        out = subprocess.run(["zip", "-v"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    line = next((x for x in out.splitlines() if x.startswith("This is Zip")), "")
    return line.split(" (")[0].replace("This is ", "")


def machine() -> dict:
    import sqlite3

    import reportlab
    import sqlalchemy

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    ram = ""
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    os_name = platform.platform()
    try:
        rel = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)
        os_name = f"{rel.get('PRETTY_NAME', '').strip(chr(34))} ({platform.platform()})"
    except OSError:
        pass
    try:
        import PySide6

        pyside = PySide6.__version__
    except ImportError:
        pyside = "missing"
    return {
        "cpu": cpu, "cores": os.cpu_count(), "ram": ram, "os": os_name,
        "python": platform.python_version(), "pyside6": pyside, "reportlab": reportlab.Version,
        "sqlalchemy": sqlalchemy.__version__, "sqlite": sqlite3.sqlite_version,
        "libreoffice": _first_line(["soffice", "--version"]) if shutil.which("soffice") else "missing",
        "zip": _zip_version() if shutil.which("zip") else "missing",
    }
