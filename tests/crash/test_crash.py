"""Crash suite: a child process edits, imports sheets, backs up, exports bags and imports into a station;
it is killed with SIGKILL at seeded random moments. After every kill: the file is sound, opens, item
numbers have no gaps, every acknowledged write is there, no partial bag verifies, no temporary file is
left in sight.

Default run: 4 kills per operation (20). ``pytest -m slow tests/crash``: 44 per operation (220).
"""

from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from storage import activities, centers, datagen
from storage.engine import open_archive
from storage.exchange.export import export_bag

from . import harness

OPS = ("edits", "sheets", "backups", "bags", "station")
QUICK_KILLS, FULL_KILLS = 4, 44
# Found by this suite and since fixed in storage (cf57a04): a backup or restore killed mid-copy left a visible
# "*.db.part" / "*.restoring" file. Temp files are now hidden and swept by the next open; both are checked.
KNOWN_VISIBLE: dict[str, tuple[str, ...]] = {}
SMALL = datagen.Spec(years=1, activities=60, equipment=12, log_days=200, photos=6, photo_px=(96, 72))
BAG_SOURCE = datagen.Spec(years=1, activities=400, equipment=60, log_days=300, photos=40, photo_px=(320, 240))


def _village(path: Path, spec: datagen.Spec, code: str = "CRASH", seed: int = 7) -> None:
    a = datagen.new_village(path, code=code, town="苍城镇", village="城东村", seed=seed)
    try:
        datagen.fill(a, spec, seed)
    finally:
        a.close()


@pytest.fixture(scope="module")
def masters(tmp_path_factory):
    """Archives and bags every round starts from (built once per module)."""
    root = tmp_path_factory.mktemp("crash-masters")
    _village(root / "small.db", SMALL)
    _village(root / "bagsource.db", BAG_SOURCE)
    bags = root / "bags"
    bags.mkdir()
    pdf = datagen.placeholder_pdf()
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for v in range(4):  # 4 villages x 4 exports, each export one activity more than the last
        path = root / f"v{v}.db"
        a = datagen.new_village(path, code=f"CV{v}", town="苍城镇", village=f"第{v}村", seed=100 + v)
        try:
            datagen.fill(a, SMALL, 100 + v)
            for k in range(4):
                with a.session() as s:
                    activities.create_activity(s, a.actor, centers.own_center(s), start_date="2025-06-01",
                                               title=f"导出前新增{k}", category="其他")
                when += timedelta(minutes=1)
                export_bag(a, bags / f"CV{v}-{k}.zip", dossier_pdf=pdf, now=when)
        finally:
            a.close()
    return root


def _prepare(op: str, masters: Path, tmp: Path) -> tuple[Path, Path]:
    work = tmp / "work"
    work.mkdir()
    folder = tmp / "档案"
    folder.mkdir()
    archive = folder / "档案.db"
    if op == "station":
        datagen.new_station(archive).close()
        for bag in (masters / "bags").glob("*.zip"):
            shutil.copy2(bag, work / bag.name)
    elif op == "bags":
        shutil.copy2(masters / "bagsource.db", archive)
    else:
        shutil.copy2(masters / "small.db", archive)
    return archive, work


def crash_rounds(op: str, kills: int, masters: Path, tmp: Path, seed: int) -> dict:
    rng = random.Random(f"{op}-{seed}")
    archive, work = _prepare(op, masters, tmp)
    facts = {b.name: harness.bag_facts(b) for b in work.glob("*.zip")} if op == "station" else {}
    acks: list = []
    stats = {"kills": 0, "acks": 0, "checked": 0, "partials_refused": 0, "hidden_leftovers": set(),
             "visible_leftovers": set()}
    for i in range(kills):
        kill = harness.run_and_kill(op, archive, work, rng, seed * 1000 + i)
        stats["kills"] += 1
        stats["acks"] += len(kill.acks)
        acks += kill.acks
        harness.integrity(archive)
        harness.opens_and_numbers_ok(archive)
        if op == "edits":
            stats["checked"] += harness.check_edits(archive, acks)
        elif op == "sheets":
            stats["checked"] += harness.check_sheets(archive, work, acks)
        elif op == "backups":
            stats["checked"] += harness.check_backups(archive, acks)
        elif op == "bags":
            verified, refused = harness.check_bags(work, kill.acks)
            stats["checked"] += verified
            stats["partials_refused"] += refused
            for bag in work.glob("*.zip"):  # keep the folder small: each round checks its own files
                bag.unlink()
        elif op == "station":
            stats["checked"] += harness.check_station(archive, facts, acks)
        backups = archive.parent / (archive.name + ".backups")
        visible, hidden = harness.leftovers(archive.parent, backups, work)
        if any(p.parent in (archive.parent, backups) for p in hidden):
            open_archive(archive, daily_backup=False).close()  # the next open sweeps the archive's temp files
            _v, still = harness.leftovers(archive.parent, backups)
            assert not still, f"after kill {i} ({op}): the next open left temporary files: {still}"
        unexpected = [p for p in visible if not any(p.match(k) for k in KNOWN_VISIBLE.get(op, ()))]
        assert not unexpected, f"after kill {i} ({op}, {kill.delay:.2f} s): temporary files in sight: {unexpected}"
        stats["visible_leftovers"].update(p.name for p in visible)
        stats["hidden_leftovers"].update(p.name for p in hidden)
        for p in visible + hidden:  # counted, then cleared so the next round's count is its own
            p.unlink(missing_ok=True)
    return stats


def _report(op: str, stats: dict) -> None:
    print(f"\n[crash] {op}: {stats['kills']} kills, {stats['acks']} acks, {stats['checked']} checks, "
          f"{stats['partials_refused']} partial bags refused, temporary files left: "
          f"{len(stats['visible_leftovers'])} visible, {len(stats['hidden_leftovers'])} hidden")


@pytest.mark.parametrize("op", OPS)
def test_quick_crash(op, masters, tmp_path):
    stats = crash_rounds(op, QUICK_KILLS, masters, tmp_path, seed=1)
    _report(op, stats)
    assert stats["kills"] == QUICK_KILLS


@pytest.mark.slow
@pytest.mark.parametrize("op", OPS)
def test_full_crash(op, masters, tmp_path):
    stats = crash_rounds(op, FULL_KILLS, masters, tmp_path, seed=2)
    _report(op, stats)
    assert stats["kills"] == FULL_KILLS
    assert stats["acks"] > 0, "the child never acknowledged a write: the kills came too early to test anything"
