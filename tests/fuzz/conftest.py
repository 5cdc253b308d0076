"""Fuzz fixtures: one small valid village bag (built once) and a fresh station per test.

Example counts: ``DEFAULT_EXAMPLES`` (200) in the default run; the ``slow`` variants run ``FULL_EXAMPLES``
(10,000, or ``$VA_FUZZ_EXAMPLES``) — ``pytest -m slow tests/fuzz``. Hypothesis profiles "fuzz" and
"fuzz-full" carry those counts; ``VA_FUZZ_PROFILE=fuzz-full`` makes the default-run tests use the full count.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from storage import datagen
from storage.exchange.export import export_bag

DEFAULT_EXAMPLES = 200
FULL_EXAMPLES = int(os.environ.get("VA_FUZZ_EXAMPLES", "10000"))
COMMON = {"deadline": None, "suppress_health_check": list(HealthCheck), "derandomize": False}
settings.register_profile("fuzz", max_examples=DEFAULT_EXAMPLES, **COMMON)
settings.register_profile("fuzz-full", max_examples=FULL_EXAMPLES, **COMMON)
PROFILE = os.environ.get("VA_FUZZ_PROFILE", "fuzz")
SMALL = datagen.Spec(years=1, activities=25, equipment=4, log_days=40, photos=3, photo_px=(64, 48))


def fuzz_settings(full: bool = False):
    """Settings for a fuzz test: the default count, or the full count for the slow variant."""
    return settings(settings.get_profile("fuzz-full" if full else PROFILE))


@pytest.fixture(scope="session")
def bag_master(tmp_path_factory) -> tuple[Path, Path]:
    """(village archive, its bag): a small one-year village with photos, exported with the real exporter."""
    folder = tmp_path_factory.mktemp("fuzz-bag")
    path = folder / "village.db"
    a = datagen.new_village(path, code="FUZZ", town="苍城镇", village="城东村", seed=11)
    try:
        datagen.fill(a, SMALL, 11)
        export_bag(a, folder / "village.zip", dossier_pdf=datagen.placeholder_pdf())
    finally:
        a.close()
    return path, folder / "village.zip"


@pytest.fixture
def station(tmp_path):
    a = datagen.new_station(tmp_path / "station.db")
    yield a
    a.close()


@pytest.fixture
def village_archive(bag_master, tmp_path):
    dest = tmp_path / "village.db"
    shutil.copy2(bag_master[0], dest)
    from storage.engine import open_archive

    a = open_archive(dest, actor="模糊测试", daily_backup=False)
    yield a
    a.close()
