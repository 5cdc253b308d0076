"""Run a command as a keeper would, in its own process, and measure it: exit code, output, peak memory.

``limit_mb`` caps the address space (RLIMIT_AS) so a reader that would balloon fails inside the limit
instead of taking the machine down; the test then asserts it refused cleanly.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A child forked from pytest starts with pytest's resident size as its peak (hundreds of MB late in a full run),
# so the command runs as a grandchild of this small launcher, whose fork starts small; the launcher reports it.
PEAK_MARK = "\n@@peak-kb "
LAUNCHER = ("import os, subprocess, sys\n"
            "p = subprocess.Popen(sys.argv[1:])\n"
            "_, status, usage = os.wait4(p.pid, 0)\n"
            f"sys.stderr.write({PEAK_MARK!r} + str(usage.ru_maxrss) + '\\n')\n"
            "code = os.waitstatus_to_exitcode(status)\n"
            "os.kill(os.getpid(), -code) if code < 0 else sys.exit(code)\n")  # a signal is passed on as itself


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
    proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, sys.executable, str(ROOT / "main.py"), *map(str, argv)],
                            stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=full_env, preexec_fn=limit, cwd=str(ROOT),
                            start_new_session=True)
    chunks = {"out": [], "err": []}
    readers = [threading.Thread(target=lambda k=k, f=f: chunks[k].append(f.read()), daemon=True)
               for k, f in (("out", proc.stdout), ("err", proc.stderr))]
    for t in readers:
        t.start()
    timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))  # the launcher and the command
    timer.start()
    try:
        _pid, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, not the maximum of all children
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in readers:
        t.join()
    out, err = b"".join(chunks["out"]).decode("utf-8", "replace"), b"".join(chunks["err"]).decode("utf-8", "replace")
    err, mark, peak_kb = err.rpartition(PEAK_MARK)
    if not mark:  # the launcher itself died (e.g. killed at the timeout): fall back to its own figure
        err, peak_kb = peak_kb, str(usage.ru_maxrss)
    return Run(proc.returncode, out, err, int(peak_kb.strip()) / 1024)
