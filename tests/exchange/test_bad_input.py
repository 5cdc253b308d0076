"""Every kind of bad archive file: a clear Chinese message naming the file and the problem, nothing changed."""

from __future__ import annotations

import io
import json
import stat
import warnings
import zipfile

import pytest

from storage.exchange.bagfile import Limits
from storage.exchange.importer import import_bag, import_bags
from storage.exchange.verify import verify_bag

from .bagtools import members, rebag, state, write_zip


def _zip_with(dest, entries):
    """entries: (ZipInfo or name, data)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns on duplicate names: that is the point
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, data in entries:
                zf.writestr(info, data)
    return dest


def _good_plus(src, dest, extra_entries):
    top, files = members(src)
    return _zip_with(dest, [(f"{top}/{n}", b) for n, b in files.items()] + extra_entries(top))


def _symlink(top):
    info = zipfile.ZipInfo(f"{top}/data/link")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return [(info, "/etc/passwd")]


def _set_field(kind, field, value, index=0):
    def edit(k, recs):
        if k == kind:
            recs[index][field] = value
            return recs
        return None
    return edit


def _info(label, value):
    def edit(lines):
        for line in lines:
            if line[0] == label:
                line[1] = value
    return edit


def not_a_zip(src, dest, key):
    dest.write_bytes("这不是压缩文件".encode() * 10)
    return dest


def truncated(src, dest, key):
    raw = src.read_bytes()
    dest.write_bytes(raw[: len(raw) // 2])
    return dest


def zip_slip(src, dest, key):
    return _good_plus(src, dest, lambda top: [(f"{top}/../../evil.txt", b"x")])


def absolute(src, dest, key):
    return _good_plus(src, dest, lambda top: [("/etc/cron.d/evil", b"x")])


def symlink(src, dest, key):
    return _good_plus(src, dest, _symlink)


def zip_bomb(src, dest, key):
    return _good_plus(src, dest, lambda top: [(f"{top}/data/zeros.bin", b"\0" * (40 * 1024 * 1024))])


def duplicate(src, dest, key):
    return _good_plus(src, dest, lambda top: [(f"{top}/bag-info.txt", b"Source-Organization: x\n")])


def missing_payload(src, dest, key):
    top, files = members(src)
    victim = next(n for n in files if n.startswith("data/attachments/"))
    del files[victim]
    return write_zip(dest, top, files)


def extra_payload(src, dest, key):
    top, files = members(src)
    files["data/extra.txt"] = b"not in the manifest"
    return write_zip(dest, top, files)


def wrong_checksum(src, dest, key):
    top, files = members(src)
    files["data/records/activities.json"] = files["data/records/activities.json"].replace(
        "广场舞".encode(), "广场操".encode(), 1)
    return write_zip(dest, top, files)


def missing_manifest(src, dest, key):
    top, files = members(src)
    del files["manifest-sha256.txt"]
    return write_zip(dest, top, files)


def edited_bag_info(src, dest, key):
    top, files = members(src)
    files["bag-info.txt"] = files["bag-info.txt"].replace(b"Record-Count-activities: 12",
                                                          b"Record-Count-activities: 11")
    return write_zip(dest, top, files)


def bad_signature(src, dest, key):
    top, files = members(src)
    sig = bytearray(files["tagmanifest-sha256.txt.sig"])
    sig[5] = ord("A") if sig[5] != ord("A") else ord("B")
    files["tagmanifest-sha256.txt.sig"] = bytes(sig)
    return write_zip(dest, top, files)


def impostor_key(src, dest, key):
    """Consistent bag signed by a stranger who kept the village's UUID: the center's key in the records differs."""
    from storage.signing import new_keypair

    return rebag(src, dest, private_key=new_keypair()[0])


def newer_format(src, dest, key):
    return rebag(src, dest, private_key=key, info=_info("Exchange-Format-Version", "2"))


def malformed_json(src, dest, key):
    def payload(data):
        data["data/records/closures.json"] = data["data/records/closures.json"][:-20]
    return rebag(src, dest, private_key=key, payload=payload)


def wrong_types(src, dest, key):
    return rebag(src, dest, private_key=key, records=_set_field("activities", "participants", "很多"))


def out_of_range_date(src, dest, key):
    return rebag(src, dest, private_key=key, records=_set_field("activities", "start_date", "1800-01-01"))


def oversized_string(src, dest, key):
    return rebag(src, dest, private_key=key, records=_set_field("activities", "title", "长" * 5000))


def item_number_gap(src, dest, key):
    return rebag(src, dest, private_key=key, records=lambda k, recs: recs[:5] + recs[6:] if k == "activities" else None)


CASES = [
    # (maker, property that fails, words the message must contain)
    (not_a_zip, "usability", "不是 zip"),
    (truncated, "usability", "损坏或不完整"),
    (zip_slip, "security", "../"),
    (absolute, "security", "绝对路径"),
    (symlink, "security", "符号链接"),
    (zip_bomb, "security", "压缩炸弹"),
    (duplicate, "security", "重复的文件名"),
    (missing_payload, "completeness", "缺少"),
    (extra_payload, "completeness", "不在清单"),
    (wrong_checksum, "authenticity", "校验值不符"),
    (missing_manifest, "completeness", "manifest-sha256.txt"),
    (edited_bag_info, "authenticity", "bag-info.txt 被改动过"),
    (bad_signature, "authenticity", "签名无效"),
    (impostor_key, "authenticity", "公钥与中心登记的公钥不符"),
    (newer_format, "usability", "更新版本"),
    (malformed_json, "usability", "不是有效的 UTF-8 JSON"),
    (wrong_types, "usability", "participants"),
    (out_of_range_date, "usability", "超出合理范围"),
    (oversized_string, "usability", "太长"),
    (item_number_gap, "completeness", "档号不连续"),
]


@pytest.mark.parametrize("maker,prop,words", CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_file_is_refused_and_changes_nothing(maker, prop, words, village_bag, village_key, station, tmp_path):
    assert import_bags(station, [village_bag], backup=False)[0].result == "imported"
    before = state(station)
    bad = maker(village_bag, tmp_path / f"坏文件-{maker.__name__}.zip", village_key)
    report = verify_bag(bad)
    assert not report.ok
    assert not report.passed(prop), report.as_dict()
    assert any(words in c.message for c in report.checks if not c.ok), report.problems()
    result = import_bag(station, bad)
    assert result.result == "refused"
    assert result.message.startswith(bad.name) and words in result.message
    assert state(station) == before


def test_size_limits_total_and_member(village_bag):
    assert not verify_bag(village_bag, limits=Limits(member=1000)).passed("security")
    assert not verify_bag(village_bag, limits=Limits(total=10_000)).passed("security")
    assert not verify_bag(village_bag, limits=Limits(zip_bytes=1000)).passed("security")
    assert verify_bag(village_bag).ok


def test_unknown_signer_refused_unless_new_key_accepted(village_bag, village, station, tmp_path):
    """The village reinstalled (new key) and re-exported: the station refuses until told to accept the key."""
    from storage.centers import own_center
    from storage.exchange.export import export_bag
    from storage.signing import new_keypair

    from .bagtools import pdf_bytes

    assert import_bags(station, [village_bag], backup=False)[0].first_use
    with village.session() as s:
        c = own_center(s)
        c.private_key, c.public_key = new_keypair()
    renewed = export_bag(village, tmp_path / "新密钥.zip", dossier_pdf=pdf_bytes()).path
    assert verify_bag(renewed).ok
    before = state(station)
    refused = import_bag(station, renewed)
    assert refused.result == "refused" and "签名密钥与登记的不同" in refused.message and "新密钥.zip" in refused.message
    assert state(station) == before
    accepted = import_bag(station, renewed, accept_new_key=True)
    assert accepted.result == "imported"


def test_station_refuses_its_own_bag_and_village_refuses_import(station, village, village_bag, tmp_path):
    from storage.errors import ArchiveError
    from storage.exchange.export import export_bag

    from .bagtools import pdf_bytes

    own = export_bag(station, tmp_path / "own.zip", dossier_pdf=pdf_bytes()).path
    assert "自己中心" in import_bag(station, own).message
    with pytest.raises(ArchiveError):
        import_bags(village, [village_bag])


def test_json_nan_and_non_object_records_are_refused(village_bag, village_key, tmp_path):
    def payload(data):
        doc = json.loads(data["data/records/facilities.json"])
        doc["records"][0] = ["not", "an", "object"]
        data["data/records/facilities.json"] = json.dumps(doc).encode()
        data["data/records/equipment.json"] = data["data/records/equipment.json"].replace(b'"quantity": 1', b'"quantity": NaN')
    bad = rebag(village_bag, tmp_path / "nan.zip", private_key=village_key, payload=payload)
    report = verify_bag(bad)
    assert not report.passed("usability")
    assert "不是对象" in " ".join(report.problems()) or "JSON" in " ".join(report.problems())


def test_encrypted_member_refused(village_bag, tmp_path):
    top, files = members(village_bag)
    buf = io.BytesIO()
    write_zip(tmp_path / "x.zip", top, files)
    raw = bytearray((tmp_path / "x.zip").read_bytes())
    # set the "encrypted" flag bit in every central directory header
    i = raw.find(b"PK\x01\x02")
    while i != -1:
        raw[i + 8] |= 1
        i = raw.find(b"PK\x01\x02", i + 4)
    (tmp_path / "enc.zip").write_bytes(bytes(raw))
    report = verify_bag(tmp_path / "enc.zip")
    assert not report.ok and "加密" in report.first_problem()
    del buf


def test_every_byte_flip_is_noticed_even_in_zip_bookkeeping(village_bag):
    """A flip in a timestamp, an attribute, a length or a deflate stream's padding bits changes no content,
    but the file is no longer what was sent: verify refuses it too."""
    raw = village_bag.read_bytes()
    step = max(1, len(raw) // 400)
    missed = []
    for pos in range(0, len(raw), step):
        bad = bytearray(raw)
        bad[pos] ^= 0x01 if pos % 2 else 0x80
        if verify_bag(bytes(bad), source="flipped.zip").ok:
            missed.append(pos)
    assert missed == []


@pytest.mark.parametrize("how", ["appended", "prepended", "rezipped"])
def test_a_bag_changed_as_a_zip_is_refused(how, village_bag, tmp_path):
    raw = village_bag.read_bytes()
    out = tmp_path / f"{how}.zip"
    if how == "appended":
        out.write_bytes(raw + b"\0" * 16)
    elif how == "prepended":
        out.write_bytes(b"MZ" + b"\0" * 30 + raw)
    else:  # unzipped and zipped again by another tool: same content, not the file that was signed and sent
        with zipfile.ZipFile(village_bag) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info.filename, src.read(info))
    report = verify_bag(out)
    assert not report.ok
    assert "zip 文件在导出后被改动过" in " ".join(report.problems()) or not report.passed("usability")
