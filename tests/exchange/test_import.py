"""Station import: replace atomically, idempotent, order and key checks, the import log, plan placeholders."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from storage import centers, records
from storage.exchange.export import export_bag
from storage.exchange.importer import import_bag, import_bags
from storage.exchange.overview import register_center
from storage.models import Activity, AuditEntry, BagImport, Blob, Center, Equipment

from .bagtools import pdf_bytes, state


def _count(archive, model, *where):
    with archive.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_first_import_keeps_uuids_numbers_and_deleted_records(station, village, village_bag):
    [res] = import_bags(station, [village_bag], backup=False)
    assert res.result == "imported" and res.first_use
    assert res.fingerprint in res.message and "首次登记" in res.message
    with village.session() as s:
        theirs = {(a.uuid, a.item_number, a.delete_reason) for a in s.scalars(select(Activity))}
    with station.session() as s:
        ours = {(a.uuid, a.item_number, a.delete_reason) for a in s.scalars(select(Activity))}
        log = s.scalar(select(BagImport))
        assert log.result == "imported" and log.bag_sha256 and log.signer_fingerprint == res.fingerprint
        assert log.bagging_date is not None
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "import")) == 1
        assert s.scalar(select(func.count()).select_from(Blob)) == 1
    assert ours == theirs


def test_same_bag_twice_changes_nothing(station, village_bag):
    import_bags(station, [village_bag], backup=False)
    before = state(station)
    again = import_bag(station, village_bag)
    assert again.result == "unchanged" and "已经导入过" in again.message
    assert state(station) == before


def test_newer_bag_replaces_records(station, village, village_bag, tmp_path):
    import_bags(station, [village_bag], backup=False)
    with village.session() as s:
        item = s.scalar(select(Equipment))
        records.delete(s, village.actor, item, "已报废处理")
        a = s.scalar(select(Activity).where(Activity.seq == 1))
        a.title = "改过的题名"
    later = datetime.now(timezone.utc) + timedelta(minutes=5)
    newer = export_bag(village, tmp_path / "newer.zip", dossier_pdf=pdf_bytes(), now=later).path
    res = import_bag(station, newer)
    assert res.result == "imported", res.message
    with station.session() as s:
        assert s.scalar(select(Equipment)).delete_reason == "已报废处理"
        assert s.scalar(select(Activity).where(Activity.seq == 1)).title == "改过的题名"
        assert s.scalar(select(func.count()).select_from(Activity)) == 12
    # and the older one is now refused, unless forced
    before = state(station)
    old = import_bag(station, village_bag)
    assert old.result == "refused" and "不比已导入的" in old.message and village_bag.name in old.message
    assert state(station) == before
    forced = import_bag(station, village_bag, force=True)
    assert forced.result == "imported"
    with station.session() as s:
        assert s.scalar(select(Equipment)).delete_reason is None


def test_every_attempt_is_logged(station, village_bag, tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"junk")
    import_bags(station, [village_bag, village_bag, junk], backup=False)
    with station.session() as s:
        results = [r.result for r in s.scalars(select(BagImport).order_by(BagImport.id))]
    assert results == ["imported", "unchanged", "refused"]


def test_batch_import_makes_a_pre_import_backup(station, village_bag):
    import_bags(station, [village_bag])
    assert list(station.backup_dir.glob("*-pre-import.db"))


def test_pre_import_backup_once_per_session_and_never_for_refused_files(station, village_bag, tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"junk")
    for _ in range(12):  # more refused sessions than the rotation keeps safety copies
        [res] = import_bags(station, [junk])
        assert res.result == "refused"
    assert not list(station.backup_dir.glob("*-pre-import.db"))
    results = import_bags(station, [junk, village_bag, village_bag, junk])
    assert [r.result for r in results] == ["refused", "imported", "unchanged", "refused"]
    assert len(list(station.backup_dir.glob("*-pre-import.db"))) == 1
    import_bags(station, [village_bag])  # unchanged: nothing to write, no backup
    assert len(list(station.backup_dir.glob("*-pre-import.db"))) == 1


def test_registered_center_is_adopted_by_its_first_bag(station, village_bag):
    with station.session() as s:
        register_center(s, station.actor, code="CD", name="城东村中心（规划）", town="苍城镇", village="城东村",
                        plan_status="building", target_quarter="2025Q2")
    res = import_bag(station, village_bag)
    assert res.result == "imported"
    with station.session() as s:
        c = s.scalar(select(Center).where(Center.code == "CD"))
        assert c.name == "城东村综合性文化服务中心" and c.plan_status == "building" and c.target_quarter == "2025Q2"
        assert c.public_key is not None
        assert s.scalar(select(func.count()).select_from(Center)) == 2


def test_code_taken_by_another_keyed_center_is_refused(station, village_bag):
    from storage.signing import new_keypair

    with station.session() as s:
        c = centers.create_center(s, station.actor, name="别的中心", town="苍城镇", village="别村", code="CD")
        c.public_key = new_keypair()[1]
    before = state(station)
    res = import_bag(station, village_bag)
    assert res.result == "refused" and "中心编码 CD" in res.message
    assert state(station) == before
