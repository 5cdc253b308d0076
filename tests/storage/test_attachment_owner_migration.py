"""An archive made before owner_kind (four nullable owner keys on attachments) upgrades to owner_kind + owner_id:
every attachment keeps its owner, file and caption, its fingerprint line is what it was (``<owner kind>_uuid``),
and `check` passes."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

import pytest
from sqlalchemy import MetaData, insert, select, text

from storage import attachments, centers, selfcheck
from storage.engine import current_revision, head_revision, make_engine, open_archive, upgrade
from storage.fingerprint import canonical_lines
from storage.models import AcceptanceStage, Activity, Attachment, Equipment, OpeningLog, SheetImport

T0 = datetime(2017, 3, 1, 8, 0)


def _uuid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def _tracked(n: int, **fields) -> dict:
    return {"id": n, "uuid": _uuid(n), "created_at": T0, "updated_at": T0, "created_by": "李秀英", **fields}


def _soft(n: int, **fields) -> dict:
    return _tracked(n, deleted_at=None, deleted_by=None, delete_reason=None, **fields)


BEFORE = "0006"  # the last revision with four owner keys on attachments


def make_old_archive(path, revision: str = BEFORE) -> None:
    engine = make_engine(path)
    fill_old(engine, revision)
    engine.dispose()


def fill_old(engine, revision: str = BEFORE) -> None:
    """Migrate an empty database to ``revision`` and fill it with an attachment on every owner kind (one of them
    deleted), written as that revision's tables take them."""
    upgrade(engine, revision)
    meta = MetaData()
    meta.reflect(engine)
    t = meta.tables
    blobs = [b"photo of the lion dance", b"invoice scan", b"acceptance report", b"visitors' book page"]
    with engine.begin() as conn:
        conn.execute(insert(t["center"]), [_tracked(
            1, code="OLD", name="旧中心", town="苍城镇", village="城东村", address="", keeper="李秀英", phone="",
            is_demonstration=False, weekly_standard_hours=42.0, public_key=None, private_key=None,
            plan_status="built", target_quarter=None)])
        conn.execute(insert(t["archive_meta"]), [{"key": "own_center_uuid", "value": _uuid(1)},
                                                  {"key": "role", "value": "village"}])
        conn.execute(insert(t["item_counter"]), [{"center_id": 1, "kind": "HD", "year": 2017, "last_seq": 1},
                                                  {"center_id": 1, "kind": "SB", "year": 2017, "last_seq": 1}])
        conn.execute(insert(t["activity"]), [_soft(
            10, center_id=1, item_number="OLD-2017-HD-0001", year=2017, seq=1, start_date=date(2017, 1, 29),
            end_date=None, start_time=None, end_time=None, title="春节舞龙", category="民俗节庆", festival="春节",
            location="广场", organizer="村委会", participants=600, summary="")])
        conn.execute(insert(t["equipment"]), [_soft(
            20, center_id=1, item_number="OLD-2017-SB-0001", year=2017, seq=1, name="音响", category="音响设备",
            model_spec="X-1", quantity=1, unit_price_fen=120000, funding_source="", purchase_date=date(2017, 2, 1),
            supplier="", location="", custodian="", status="在用")])
        conn.execute(insert(t["equipment_status_change"]), [_tracked(
            21, equipment_id=20, status="在用", changed_on=date(2017, 2, 1), note="购置入账")])
        conn.execute(insert(t["acceptance_stage"]), [_tracked(
            30, equipment_id=20, stage="town", accepted_on=date(2017, 2, 10), people="王", result="通过",
            report_number="", remarks="")])
        conn.execute(insert(t["opening_log"]), [_soft(
            40, center_id=1, log_date=date(2017, 2, 1), opened_at=datetime(2017, 2, 1, 9).time(),
            closed_at=datetime(2017, 2, 1, 17).time(), visitors=12, on_duty="李秀英", notes="")])
        conn.execute(insert(t["blob"]), [{"sha256": hashlib.sha256(b).hexdigest(), "size": len(b), "mime": "image/jpeg",
                                          "data": b, "thumbnail": None, "created_at": T0} for b in blobs])
        owners = [("activity_id", 10), ("equipment_id", 20), ("acceptance_stage_id", 30), ("opening_log_id", 40),
                  ("activity_id", 10)]
        rows = []
        for i, (column, owner) in enumerate(owners):
            row = _soft(100 + i, sha256=hashlib.sha256(blobs[i % 4]).hexdigest(), filename=f"f{i}.jpg",
                        caption=f"说明{i}", taken_on=date(2017, 2, 1), activity_id=None, equipment_id=None,
                        acceptance_stage_id=None, opening_log_id=None)
            row[column] = owner
            rows.append(row)
        rows[-1].update(deleted_at=T0, deleted_by="李秀英", delete_reason="重复上传")
        conn.execute(insert(t["attachment"]), rows)
        conn.execute(insert(t["sheet_import"]), [
            _tracked(200 + i, center_id=1, kind=kind, source_name=f"{kind}.xlsx", source_sha256=str(i) * 64,
                     rows_total=1, rows_added=1, rows_skipped=0)
            for i, kind in enumerate(("activities", "equipment", "opening-log"))])


EXPECTED = {
    _uuid(100): ("activity", 10, "f0.jpg", "说明0", False),
    _uuid(101): ("equipment", 20, "f1.jpg", "说明1", False),
    _uuid(102): ("acceptance_stage", 30, "f2.jpg", "说明2", False),
    _uuid(103): ("opening_log", 40, "f3.jpg", "说明3", False),
    _uuid(104): ("activity", 10, "f4.jpg", "说明4", True),
}


@pytest.mark.parametrize("revision", [BEFORE, "0002"])
def test_every_attachment_keeps_its_owner(tmp_path, revision):
    path = tmp_path / "old.db"
    make_old_archive(path, revision)
    archive = open_archive(path, actor="测试员")
    try:
        assert current_revision(archive.engine) == head_revision()
        with archive.session() as s:
            got = {a.uuid: (a.owner_kind, a.owner_id, a.filename, a.caption, a.deleted_at is not None)
                   for a in s.scalars(select(Attachment))}
            assert got == EXPECTED
            for model, n in ((Activity, 1), (Equipment, 1), (AcceptanceStage, 1), (OpeningLog, 1)):
                owner = s.scalar(select(model))
                assert len(attachments.attachments_of(s, owner)) == n
                assert attachments.read_bytes(s, attachments.attachments_of(s, owner)[0])
            assert sorted(s.scalars(select(SheetImport.kind))) == ["activity", "equipment", "opening_log"]
            # the fingerprint's attachment lines, exactly as the four-key schema produced them
            lines = canonical_lines(s, centers.own_center(s), date(2017, 1, 1), date(2017, 12, 31))
            dumped = {line.split("\t")[1]: json.loads(line.split("\t")[2]) for line in lines
                      if line.startswith("attachment\t")}
            owners = {100: "activity_uuid", 101: "equipment_uuid", 102: "acceptance_stage_uuid",
                      103: "opening_log_uuid", 104: "activity_uuid"}
            owner_ids = {100: 10, 101: 20, 102: 30, 103: 40, 104: 10}
            assert set(dumped) == {_uuid(n) for n in owners}
            for n, key in owners.items():
                blob = hashlib.sha256([b"photo of the lion dance", b"invoice scan", b"acceptance report",
                                       b"visitors' book page"][(n - 100) % 4]).hexdigest()
                assert dumped[_uuid(n)] == {
                    "uuid": _uuid(n), "sha256": blob, "filename": f"f{n - 100}.jpg", "caption": f"说明{n - 100}",
                    "taken_on": "2017-02-01", "created_by": "李秀英", "deleted": n == 104,
                    "deleted_by": "李秀英" if n == 104 else None, "delete_reason": "重复上传" if n == 104 else None,
                    key: _uuid(owner_ids[n])}
        report = selfcheck.run(archive)
        assert report.integrity_ok, report.integrity
        assert not [f for f in report.findings if f.severity == "error"]
        with archive.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM attachment")).scalar() == 5
            assert conn.execute(text("SELECT count(*) FROM blob")).scalar() == 4
    finally:
        archive.close()


def test_an_attachment_whose_owner_is_gone_is_an_error_in_check(tmp_path):
    path = tmp_path / "old.db"
    make_old_archive(path)
    archive = open_archive(path, actor="测试员")
    try:
        with archive.engine.begin() as conn:
            conn.execute(text("UPDATE attachment SET owner_id = 999 WHERE owner_kind = 'opening_log'"))
            conn.execute(text("UPDATE attachment SET owner_kind = 'volunteer' WHERE owner_kind = 'equipment'"))
        report = selfcheck.run(archive)
        orphans = [f.message for f in report.findings if f.code == "attachment_orphan"]
        assert len(orphans) == 2 and any("volunteer" in m for m in orphans) and any("开放登记" in m for m in orphans)
        assert not report.integrity_ok
    finally:
        archive.close()
