"""Run a command as a keeper would, in its own process, and measure it: exit code, output, peak memory.

``limit_mb`` caps the address space (RLIMIT_AS) so a reader that would balloon fails inside the limit
instead of taking the machine down; the test then asserts it refused cleanly.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    code: int
    out: str
    err: str
    peak_mb: float  # maximum resident set size of the process


def run_main(*argv, limit_mb: int | None = None, env: dict | None = None, timeout: int = 300) -> Run:
    def limit():
        if limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 1024**2, limit_mb * 1024**2))

    full_env = dict(os.environ if env is None else env, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *map(str, argv)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=full_env, preexec_fn=limit, cwd=str(ROOT))
    chunks = {"out": [], "err": []}
    readers = [threading.Thread(target=lambda k=k, f=f: chunks[k].append(f.read()), daemon=True)
               for k, f in (("out", proc.stdout), ("err", proc.stderr))]
    for t in readers:
        t.start()
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _pid, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, not the maximum of all children
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in readers:
        t.join()
    out, err = b"".join(chunks["out"]), b"".join(chunks["err"])
    return Run(proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
               usage.ru_maxrss / 1024)
