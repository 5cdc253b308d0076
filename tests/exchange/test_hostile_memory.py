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


# ---- records files that are legal JSON but hostile in shape (issue 13: memory bounded by what is read) ----

HEAD = b'{"format": "village-archive-bag", "format_version": 1, "kind": "activities", "count": 0, "records": ['
RECORDS_MB = 60  # under the 64 MB records limit, with the objects and separators under their limits too


def _records_file(shape: str) -> bytes:
    """~60 MB of random content (so deflate compresses it far less than the 100× bomb ratio)."""
    import os

    size = RECORDS_MB * 1024**2
    if shape == "long_line":  # one record, one string: 4 bytes a character once decoded, because of the emoji
        text = os.urandom(size // 2 - 4096).hex().encode()
        return HEAD + b'{"title": "' + text + "😀".encode() + b'"}]}'
    if shape == "short_strings":  # 3.9 million list items: each would be a str object
        hexed = os.urandom(size // 4).hex().encode()  # 8 hex digits per item
        items = b",".join(b'"' + hexed[i:i + 8] + b'"' for i in range(0, 3_900_000 * 8, 8))
        return HEAD + items + b"]}"
    if shape == "tiny_objects":  # 399,000 one-key objects with 150 characters each: just under the objects limit
        hexed = os.urandom(399_000 * 70).hex().encode()
        items = b",".join(b'{"k": "' + hexed[i:i + 140] + b'"}' for i in range(0, 399_000 * 140, 140))
        return HEAD + items + b"]}"
    raise AssertionError(shape)


@pytest.mark.parametrize("shape,also_import", [("long_line", False), ("short_strings", False), ("tiny_objects", True)])
def test_hostile_records_file_is_refused_in_bounded_memory(shape, also_import, village_bag, village_key, station,
                                                           tmp_path):
    """Before: json.loads of the whole file took 650 MB (long line), 410 MB (short strings); now each record is
    read and dropped in turn. Verify refuses it under ~300 MB; station import (the same check first) too, with
    the station unchanged."""
    from tests.exchange.bagtools import rebag

    body = _records_file(shape)

    def payload(data):
        data["data/records/activities.json"] = body

    bag = rebag(village_bag, tmp_path / f"{shape}.zip", private_key=village_key, payload=payload)
    r = run_main("verify", bag, limit_mb=LIMIT_MB)
    assert r.code == 1 and "记录数据有误" in r.out and "Traceback" not in r.err, (r.out[-2000:], r.err[-2000:])
    assert r.peak_mb < PEAK_MB, r.peak_mb
    if not also_import:
        return
    path = station.path
    before = table_digest(station)
    station.close()
    r = run_main("station", "import", "--archive", path, bag, limit_mb=LIMIT_MB)
    assert r.code == 1 and "已拒绝" in r.out and "记录数据有误" in r.out and "Traceback" not in r.err, (r.out, r.err)
    assert r.peak_mb < PEAK_MB, r.peak_mb
    with open_archive(path, readonly=True) as a:
        assert table_digest(a) == before
