"""Write-protected places for tests, made honestly: tests run as root, where chmod stops nothing.

* ``immutable(*paths)``: ``chattr +i`` (root with CAP_LINUX_IMMUTABLE): creating, changing or deleting
  fails with EPERM, as on a Windows folder the keeper may not write. Falls back to chmod for non-root.
* ``run_on_readonly_mount(folder, argv)``: a subprocess in its own mount namespace where ``folder`` is a
  read-only bind mount: every write fails with EROFS, exactly as on a write-protected USB stick.
* ``run_on_full_disk(folder, argv)``: the same with a 1 MB tmpfs over ``folder``: ENOSPC.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


def _chattr(flag: str, paths) -> bool:
    tool = shutil.which("chattr")
    if not tool:
        return False
    return subprocess.run([tool, flag, *map(str, paths)], capture_output=True).returncode == 0


@contextmanager
def immutable(*paths: Path):
    if os.geteuid() == 0:
        if not _chattr("+i", paths):
            pytest.skip("chattr +i is not available here (no CAP_LINUX_IMMUTABLE or unsupported filesystem)")
        try:
            yield
        finally:
            _chattr("-i", paths)
        return
    modes = {p: p.stat().st_mode for p in paths}
    for p in paths:
        p.chmod(modes[p] & ~0o222)
    try:
        yield
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


def _namespace_ok() -> bool:
    tool = shutil.which("unshare")
    return bool(tool) and subprocess.run([tool, "-rm", "true"], capture_output=True).returncode == 0


def _run_in_namespace(setup: str, folder: Path, argv: list[str], env=None, timeout=120):
    if not _namespace_ok():
        pytest.skip("no user/mount namespaces here (unshare -rm)")
    script = setup + ' && exec "$@"'
    return subprocess.run(["unshare", "-rm", "sh", "-c", script, "sh", *map(str, argv)], capture_output=True,
                          text=True, env=env, timeout=timeout)


def run_on_readonly_mount(folder: Path, argv: list[str], **kw):
    f = str(folder)
    return _run_in_namespace(f"mount --bind '{f}' '{f}' && mount -o remount,ro,bind '{f}' '{f}'", folder, argv, **kw)


def run_on_full_disk(folder: Path, argv: list[str], size: str = "1m", **kw):
    return _run_in_namespace(f"mount -t tmpfs -o size={size} tmpfs '{folder}'", folder, argv, **kw)
