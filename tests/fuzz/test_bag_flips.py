"""Single-byte flips in a valid bag: verify must notice.

A flip either changes what the bag holds (a member's bytes, its name, the member list, or makes the zip
unreadable) or only zip bookkeeping that no reader looks at (a timestamp in a local header, a size that
the central directory repeats, ...). Both kinds must be detected; the report says which kind was missed.

Default run: 100 flips; ``pytest -m slow``: 1,000.
"""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from storage.exchange.verify import verify_bag

QUICK, FULL = 100, 1000


def members(raw: bytes) -> dict[str, bytes] | None:
    """What a zip reader gets out of the file, or None when it cannot read it all."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            return {i.filename: zf.read(i) for i in zf.infolist()}
    except Exception:  # noqa: BLE001 - any failure to read counts as "changed"
        return None


def flips(raw: bytes, n: int, seed: int):
    rng = random.Random(seed)
    for _ in range(n):
        pos = rng.randrange(len(raw))
        bad = bytearray(raw)
        bad[pos] ^= rng.randrange(1, 256)
        yield pos, bytes(bad)


def run_flips(raw: bytes, n: int, seed: int) -> dict:
    original = members(raw)
    assert original is not None and verify_bag(raw).ok
    missed_content, missed_meta, detected = [], [], 0
    for pos, bad in flips(raw, n, seed):
        ok = verify_bag(bad, source="flipped.zip").ok  # never raises: a crash fails the test here
        if not ok:
            detected += 1
        elif members(bad) == original:
            missed_meta.append(pos)
        else:
            missed_content.append(pos)
    return {"detected": detected, "missed_content": missed_content, "missed_meta": missed_meta}


def _check(bag_master, n: int, seed: int) -> dict:
    raw = bag_master[1].read_bytes()
    result = run_flips(raw, n, seed)
    print(f"\n[flips] {n} flips: {result['detected']} detected, {len(result['missed_meta'])} metadata-only "
          f"flips missed (positions {result['missed_meta'][:10]}), {len(result['missed_content'])} content flips missed")
    assert not result["missed_content"], f"flips that changed the bag's content passed verify: {result['missed_content']}"
    # Found by this test: flips in zip bookkeeping alone (local-header times and sizes, central-directory
    # attributes) used to pass; verify now checks the zip's own metadata too, so every flip must be caught.
    assert not result["missed_meta"], f"flips in the zip's metadata passed verify: {result['missed_meta']}"
    return result


def test_every_single_byte_flip_is_detected(bag_master):
    _check(bag_master, QUICK, seed=1)


@pytest.mark.slow
def test_every_single_byte_flip_is_detected_full(bag_master):
    _check(bag_master, FULL, seed=2)
