"""Export: a serialized BagIt bag that the Library of Congress's bagit validates, written atomically."""

from __future__ import annotations

import json
import zipfile

import bagit
import pytest
from sqlalchemy import select

from storage import signing
from storage.errors import ArchiveError
from storage.exchange import export as export_mod
from storage.exchange.export import export_bag
from storage.exchange.importer import import_bags
from storage.exchange.verify import verify_bag
from storage.models import Activity

from .bagtools import members, pdf_bytes


def test_bag_validates_with_bagit_and_carries_bag_info(village, tmp_path):
    out = tmp_path / "out" / "城东村.zip"
    result = export_bag(village, out, dossier_pdf=pdf_bytes())
    with zipfile.ZipFile(out) as zf:
        tops = {n.split("/", 1)[0] for n in zf.namelist()}
        assert len(tops) == 1
        zf.extractall(tmp_path / "unzipped")
    bag = bagit.Bag(str(tmp_path / "unzipped" / tops.pop()))
    bag.validate()
    assert set(bag.algorithms) == {"sha256", "sha512"}
    info = bag.info
    assert info["External-Identifier"] == result.center_uuid
    assert info["Source-Organization"] == "城东村综合性文化服务中心"
    assert info["Exchange-Format-Version"] == "1"
    assert info["Record-Count-activities"] == "12"
    assert info["Signing-Key-Fingerprint"] == result.fingerprint
    assert info["Payload-Oxum"] == f"{result.payload_bytes}.{result.files}"
    assert "data/dossier.pdf" in bag.payload_entries()
    assert village.meta("last_export_at") == result.bagging_timestamp


def test_deleted_records_travel_with_flag_and_reason(village_bag):
    _, files = members(village_bag)
    acts = json.loads(files["data/records/activities.json"])["records"]
    deleted = [a for a in acts if a["deleted_at"]]
    assert len(acts) == 12 and len(deleted) == 1 and deleted[0]["delete_reason"] == "重复录入"
    assert [a["seq"] for a in acts] == list(range(1, 13))
    counters = json.loads(files["data/records/item_counters.json"])["records"]
    assert {(c["kind"], c["last_seq"]) for c in counters} == {("HD", 12), ("SB", 1)}
    att = json.loads(files["data/records/attachments.json"])["records"][0]
    assert f"data/attachments/{att['sha256']}" in files and att["owner_kind"] == "activity"


def test_signature_covers_the_tag_manifest(village_bag, village):
    _, files = members(village_bag)
    with village.session() as s:
        from storage.centers import own_center

        public = own_center(s).public_key
    sig = signing.decode(files["tagmanifest-sha256.txt.sig"].decode().strip())
    assert signing.verify(public, files["tagmanifest-sha256.txt"], sig)
    assert not signing.verify(public, files["tagmanifest-sha256.txt"] + b"x", sig)


def test_interrupted_export_leaves_no_file(village, tmp_path, monkeypatch):
    out = tmp_path / "out.zip"

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_mod.signing, "sign", boom)
    with pytest.raises(ArchiveError) as e:
        export_bag(village, out, dossier_pdf=pdf_bytes())
    assert "out.zip" in e.value.message
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if ".zip" in p.name] == []  # no half-written file either


def test_export_refuses_a_non_pdf_dossier(village, tmp_path):
    with pytest.raises(ArchiveError):
        export_bag(village, tmp_path / "x.zip", dossier_pdf=b"not a pdf")
    assert not (tmp_path / "x.zip").exists()


def test_station_exports_all_centers_and_a_city_imports_them(station, village_bag, tmp_path):
    from storage import centers
    from storage.engine import open_archive

    assert import_bags(station, [village_bag], backup=False)[0].result == "imported"
    town_bag = tmp_path / "苍城镇.zip"
    export_bag(station, town_bag, dossier_pdf=pdf_bytes())
    report = verify_bag(town_bag)
    assert report.ok, report.problems()
    assert len(report.data.all_records("center")) == 2
    city = open_archive(tmp_path / "city.db", create=True, actor="市局")
    try:
        with city.session() as s:
            centers.create_center(s, city.actor, own=True, station=True, name="开平市文广新局", town="开平市", code="KP")
            centers.set_role(s, "city")
        [res] = import_bags(city, [town_bag], backup=False)
        assert res.result == "imported", res.message
        with city.session() as s:
            assert s.scalar(select(Activity).where(Activity.item_number == "CD-2025-HD-0004")).delete_reason == "重复录入"
            assert len(list(s.scalars(select(Activity)))) == 12
    finally:
        city.close()


def test_cancelled_export_leaves_no_file(village, tmp_path):
    out = tmp_path / "cancelled.zip"
    before = village.meta("last_export_at")
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ArchiveError) as e:
        export_bag(village, out, dossier_pdf=pdf_bytes(), cancelled=cancelled)
    assert e.value.code == "export_cancelled"
    assert [p.name for p in tmp_path.iterdir() if ".zip" in p.name] == []
    assert village.meta("last_export_at") == before
