"""Exchange fixtures: a small village archive and its bag (built once), a fresh station archive per test."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from storage import activities, attachments, centers, equipment, opening, records
from storage.engine import open_archive
from storage.exchange.export import export_bag

from .bagtools import pdf_bytes


def fill_village(a, year: int = 2025) -> None:
    with a.session() as s:
        c = centers.own_center(s)
        hall = centers.add_facility(s, a.actor, c, name="文化活动室", kind="活动室", area_m2=120)
        for wd in range(1, 7):
            opening.add_slot(s, a.actor, hall, weekday=wd, start_time="09:00", end_time="17:00",
                             effective_from=date(year, 1, 1))
        made = [activities.create_activity(s, a.actor, c, start_date=date(year, m, 10), title=f"{m}月广场舞培训",
                                           category="体育健身", participants=30 + m) for m in range(1, 13)]
        records.delete(s, a.actor, made[3], "重复录入")
        item = equipment.create_equipment(s, a.actor, c, name="投影仪", unit_price="6500.00",
                                          purchase_date=date(year, 3, 1))
        equipment.set_acceptance(s, a.actor, item, "town", accepted_on=date(year, 3, 20), result="通过")
        attachments.add_attachment(s, a.actor, made[0], b"\xff\xd8photo-bytes" * 50, "photo.jpg", caption="现场")
        opening.add_closure(s, a.actor, c, kind="closure", start_date=date(year, 8, 12), end_date=date(year, 8, 13),
                            reason="线路检修", notice_date=date(year, 8, 1))
        for d in range(1, 20):
            opening.log_opening(s, a.actor, c, log_date=date(year, 6, d), opened_at="09:00", closed_at="17:00",
                                visitors=10 + d)


@pytest.fixture(scope="session")
def village_master(tmp_path_factory):
    """(archive path, bag path) of a small village archive; copy before writing."""
    folder = tmp_path_factory.mktemp("village")
    path = folder / "village.db"
    a = open_archive(path, create=True, actor="李秀英")
    with a.session() as s:
        centers.create_center(s, a.actor, own=True, name="城东村综合性文化服务中心", town="苍城镇", village="城东村",
                              code="CD", keeper="李秀英")
        centers.set_role(s, "village")
    fill_village(a)
    export_bag(a, folder / "village.zip", dossier_pdf=pdf_bytes())
    a.close()
    return path, folder / "village.zip"


@pytest.fixture
def village(village_master, tmp_path):
    """A private copy of the small village archive, open for writing."""
    dest = tmp_path / "village.db"
    shutil.copy2(village_master[0], dest)
    a = open_archive(dest, actor="李秀英", daily_backup=False)
    yield a
    a.close()


@pytest.fixture
def village_bag(village_master, tmp_path):
    dest = tmp_path / "城东村.zip"
    shutil.copy2(village_master[1], dest)
    return dest


@pytest.fixture
def village_key(village_master) -> bytes:
    from .bagtools import own_key

    a = open_archive(village_master[0], readonly=True)
    try:
        return own_key(a)
    finally:
        a.close()


@pytest.fixture
def station(tmp_path):
    a = open_archive(tmp_path / "station.db", create=True, actor="镇文体服务中心")
    with a.session() as s:
        centers.create_center(s, a.actor, own=True, station=True, name="苍城镇文体服务中心", town="苍城镇", code="CC")
        centers.set_role(s, "station")
    yield a
    a.close()
