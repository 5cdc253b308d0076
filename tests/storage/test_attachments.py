"""Attachments: byte-exact, deduplicated by SHA-256, thumbnails, hash mismatches found."""

import hashlib

import pytest
from sqlalchemy import func, select, text

from storage import activities, attachments, centers, demo, records, selfcheck
from storage.errors import ValidationError
from storage.models import Activity, Blob


@pytest.fixture
def activity_uuid(archive):
    with archive.session() as s:
        return activities.create_activity(s, archive.actor, centers.own_center(s), start_date="2020-05-01",
                                          title="读书会", category="阅读服务").uuid


def test_bytes_are_kept_exactly_and_deduplicated(archive, activity_uuid):
    import random

    photo = demo.photo_bytes(random.Random(1), "x")
    pdf = b"%PDF-1.4 fake report \x00\xff" * 10
    with archive.session() as s:
        a = records.get(s, Activity, activity_uuid)
        one = attachments.add_attachment(s, archive.actor, a, photo, "活动照片.jpg", caption="合影", taken_on="2020-05-01")
        attachments.add_attachment(s, archive.actor, a, photo, "copy.jpg")
        attachments.add_attachment(s, archive.actor, a, pdf, "签到表.pdf")
        assert one.sha256 == hashlib.sha256(photo).hexdigest()
    with archive.session() as s:
        assert s.scalar(select(func.count()).select_from(Blob)) == 2
        a = records.get(s, Activity, activity_uuid)
        listed = attachments.attachments_of(s, a)
        assert [x.filename for x in listed] == ["活动照片.jpg", "copy.jpg", "签到表.pdf"]
        assert attachments.read_bytes(s, listed[2]) == pdf
        blob = s.get(Blob, listed[0].sha256)
        assert blob.thumbnail and blob.thumbnail[:2] == b"\xff\xd8"
        assert s.get(Blob, listed[2].sha256).thumbnail is None


def test_bad_attachments(archive, activity_uuid):
    with archive.session() as s:
        a = records.get(s, Activity, activity_uuid)
        with pytest.raises(ValidationError) as e:
            attachments.add_attachment(s, archive.actor, a, b"", "empty.jpg")
        assert e.value.code == "empty_file"
        with pytest.raises(ValidationError) as e:
            attachments.add_attachment(s, archive.actor, centers.own_center(s), b"x", "a.txt")
        assert e.value.code == "bad_owner"


def test_changed_bytes_are_an_integrity_error(archive, activity_uuid):
    with archive.session() as s:
        attachments.add_attachment(s, archive.actor, records.get(s, Activity, activity_uuid), b"original", "a.txt")
    assert selfcheck.run(archive).integrity_ok
    with archive.engine.begin() as conn:
        conn.execute(text("UPDATE blob SET data = :d"), {"d": b"tampered"})
    report = selfcheck.run(archive)
    assert not report.integrity_ok
    assert [f.code for f in report.findings if f.severity == "error"] == ["attachment_hash_mismatch"]
