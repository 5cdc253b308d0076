"""Hostile files are built once per session (each bomb takes a second or two to make)."""

from __future__ import annotations

import pytest

from storage import centers
from storage.engine import open_archive


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture
def village_db(tmp_path):
    path = tmp_path / "村.db"
    with open_archive(path, create=True, actor="李秀英") as a, a.session() as s:
        centers.create_center(s, a.actor, own=True, name="城东村综合性文化服务中心", town="苍城镇", village="城东村",
                              code="TEST", keeper="李秀英")
        centers.set_role(s, "village")
    return path
