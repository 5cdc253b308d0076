"""Bags whose zip headers lie (or tell the truth about a bomb): verify and station import refuse them in
bounded memory, in a process of their own under an address-space limit, and the station is unchanged."""

from __future__ import annotations

import pytest

from storage.engine import open_archive
from tests.archive_state import table_digest
from tests.hostile import files
from tests.hostile.memory import run_main

LIMIT_MB = 400
PEAK_MB = 300


@pytest.mark.parametrize("claimed", [1024, None], ids=["under-stated", "honest"])
def test_bag_bomb_refused_in_bounded_memory(claimed, village_bag, station, tmp_path):
    bomb = files.bag_with_bomb(village_bag, tmp_path / "炸弹.zip", size=2 * 1024 * files.MB, claimed=claimed)
    r = run_main("verify", bomb, limit_mb=LIMIT_MB)
    assert r.code == 1 and "压缩炸弹" in r.out or "上限" in r.out, r.out
    assert "Traceback" not in r.err and r.peak_mb < PEAK_MB, (r.err, r.peak_mb)
    lines = r.out.splitlines()
    cause = next(i for i, line in enumerate(lines) if "✗" in line)
    assert "未能检查" not in lines[cause]  # the problem is printed before its consequences
    path = station.path
    before = table_digest(station)
    station.close()
    backups = sorted(station.backup_dir.glob("*pre-import*"))
    r = run_main("station", "import", "--archive", path, bomb, limit_mb=LIMIT_MB)
    assert r.code == 1 and "已拒绝" in r.out and "Traceback" not in r.err, (r.out, r.err)
    assert r.peak_mb < PEAK_MB
    with open_archive(path, readonly=True) as a:
        assert table_digest(a) == before
    after = sorted(station.backup_dir.glob("*pre-import*"))
    assert after == backups  # a refused file makes no pre-import backup
