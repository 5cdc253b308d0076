"""The registry of record kinds: it agrees with the models, and a kind added through it alone travels.

The throw-away kind (志愿者, volunteers: numbered ZY, dated, may own attachments) has its own model on a
separate metadata and its own table, created in the test archives; nothing else is written for it, yet it
is exported, verified and imported by a station, counted, fingerprinted and catalogued.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import Date, ForeignKey, Integer, MetaData, String, UniqueConstraint, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage import attachments, audit, catalogue, centers, kinds, numbering, records, selfcheck, stats
from storage.engine import open_archive
from storage.errors import ValidationError
from storage.exchange import schema
from storage.exchange.export import export_bag
from storage.exchange.importer import import_bag
from storage.exchange.verify import verify_bag
from storage.fingerprint import period_fingerprint
from storage.models import NAMING, Base, Center, SoftDeleted, Tracked
from tests.exchange.bagtools import pdf_bytes


class _TestBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Volunteer(Tracked, SoftDeleted, _TestBase):
    __tablename__ = "volunteer"
    __table_args__ = (UniqueConstraint("center_id", "item_number", name="uq_volunteer_center_item"),)
    center_id: Mapped[int] = mapped_column(ForeignKey(Center.id), index=True)
    item_number: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(50))
    joined_on: Mapped[date] = mapped_column(Date)


VOLUNTEER = kinds.Kind("volunteer", Volunteer, "志愿者", "volunteers", {"center_id": "center"}, number_code="ZY",
                       owns_attachments=True, dated_by="joined_on", in_fingerprint="in", counted=True,
                       aliases=("volunteer-list",))


@pytest.fixture
def volunteer_kind():
    kinds.register(VOLUNTEER)
    try:
        yield VOLUNTEER
    finally:
        kinds.unregister("volunteer")


def _archive(path, code: str, role: str, **extra):
    a = open_archive(path, create=True, actor="测试员", daily_backup=False)
    _TestBase.metadata.create_all(a.engine)
    with a.session() as s:
        centers.create_center(s, a.actor, own=True, name=f"{code}中心", town="苍城镇", village="城东村", code=code,
                              **extra)
        centers.set_role(s, role)
    return a


def add_volunteer(s, actor: str, center, name: str, joined_on: date) -> Volunteer:
    number, seq = numbering.next_item_number(s, center, "volunteer", joined_on.year)
    v = Volunteer(center_id=center.id, item_number=number, year=joined_on.year, seq=seq, name=name,
                  joined_on=joined_on, created_by=actor)
    s.add(v)
    audit.record(s, actor, "create", v)
    return v


def test_a_kind_added_through_the_registry_travels_and_is_counted(volunteer_kind, tmp_path):
    village = _archive(tmp_path / "village.db", "CD", "village")
    station = _archive(tmp_path / "station.db", "CC", "station", station=True)
    try:
        with village.session() as s:
            c = centers.own_center(s)
            empty = period_fingerprint(s, c, date(2025, 1, 1), date(2025, 12, 31))
            first = add_volunteer(s, village.actor, c, "陈志强", date(2025, 3, 5))
            second = add_volunteer(s, village.actor, c, "黄美玲", date(2025, 4, 9))
            attachments.add_attachment(s, village.actor, first, b"certificate" * 20, "证书.jpg", caption="聘书")
            records.delete(s, village.actor, second, "重复录入")
            assert first.item_number == "CD-2025-ZY-0001"
            counts = stats.counts(s)
            assert counts["volunteer"] == 1 and counts["attachment"] == 1 and counts["deleted"] == 1
            assert stats.names()["volunteer"] == "志愿者"
            village_fp = period_fingerprint(s, c, date(2025, 1, 1), date(2025, 12, 31))
            assert village_fp != empty
            assert period_fingerprint(s, c, date(2024, 1, 1), date(2024, 12, 31)) != village_fp
            entries = catalogue.entries(s, c.id, date(2025, 1, 1), date(2025, 12, 31))
            assert [(e.kind, e.item_number, e.title, e.pages, e.deleted) for e in entries] == [
                ("volunteer", "CD-2025-ZY-0001", "陈志强", 2, False),
                ("volunteer", "CD-2025-ZY-0002", "黄美玲", 1, True)]
        report = selfcheck.run(village)
        assert not [f for f in report.findings if f.severity == "error"]

        bag = tmp_path / "城东村.zip"
        result = export_bag(village, bag, dossier_pdf=pdf_bytes())
        assert result.counts["volunteer"] == 2
        checked = verify_bag(bag)
        assert checked.ok, checked.first_problem()
        assert checked.data.info["Record-Count-volunteers"] == "2"
        assert [r["item_number"] for r in checked.data.all_records("volunteer")] == ["CD-2025-ZY-0001", "CD-2025-ZY-0002"]

        imported = import_bag(station, bag)
        assert imported.result == "imported", imported.message
        assert imported.counts["volunteer"] == 2
        with station.session() as s:
            got = {v.item_number: (v.name, v.deleted_at is not None) for v in s.scalars(select(Volunteer))}
            assert got == {"CD-2025-ZY-0001": ("陈志强", False), "CD-2025-ZY-0002": ("黄美玲", True)}
            copy = s.scalar(select(Center).where(Center.code == "CD"))
            owner = s.scalar(select(Volunteer).where(Volunteer.seq == 1))
            assert [a.caption for a in attachments.attachments_of(s, owner)] == ["聘书"]
            assert stats.counts(s, copy.id)["volunteer"] == 1
            assert period_fingerprint(s, copy, date(2025, 1, 1), date(2025, 12, 31)) == village_fp
        assert import_bag(station, bag).result == "unchanged"
    finally:
        village.close()
        station.close()


def test_a_bag_made_before_a_kind_existed_still_imports(volunteer_kind, tmp_path):
    """Old bags lack the new kind's file: they verify and import with none of it."""
    village = _archive(tmp_path / "village.db", "CD", "village")
    station = _archive(tmp_path / "station.db", "CC", "station", station=True)
    try:
        kinds.unregister("volunteer")
        try:
            bag = tmp_path / "old.zip"
            export_bag(village, bag, dossier_pdf=pdf_bytes())
        finally:
            kinds.register(VOLUNTEER)
        checked = verify_bag(bag)
        assert checked.ok, checked.first_problem()
        assert checked.data.all_records("volunteer") == []
        assert import_bag(station, bag).result == "imported"
    finally:
        village.close()
        station.close()


def test_the_registry_covers_every_table():
    tables = set(Base.metadata.tables)
    registered = {k.model.__tablename__ for k in kinds.KINDS.values()}
    assert registered | kinds.BOOKKEEPING == tables, "a table is neither a record kind nor bookkeeping"
    assert not registered & kinds.BOOKKEEPING


def test_every_entry_is_consistent():
    seen: set[str] = set()
    bags = [k.bag for k in kinds.KINDS.values()]
    assert len(set(bags)) == len(bags)
    for key, kind in kinds.KINDS.items():
        assert key == kind.key == kind.model.__tablename__
        assert re.search(r"[\u4e00-\u9fff]", kind.name)
        columns = kind.model.__table__.c
        for column, ref in kind.refs.items():
            assert column in columns and ref in seen, (key, column)  # parents come first
        if kind.numbered:
            assert {"item_number", "year", "seq", "center_id"} <= set(columns.keys()) and kind.dated_by
        if kind.dated_by:
            assert kind.dated_by in columns
        if kind.in_fingerprint in ("in", "to_end"):
            assert kind.dated_by
        if kind.counted:
            assert "deleted_at" in columns
        if key != "center" and key != "attachment":
            assert kind.parent
        seen.add(key)
    assert kinds.KINDS["attachment"] == list(kinds.KINDS.values())[-1]  # after every owner


def test_bag_schema_and_sheets_follow_the_registry():
    assert list(schema.KINDS) == list(kinds.KINDS)
    owner = next(f for f in schema.FIELDS["attachment"] if f.name == "owner_kind")
    assert owner.choices == tuple(k.key for k in kinds.owners())
    counter = next(f for f in schema.FIELDS["item_counter"] if f.name == "kind")
    assert counter.choices == ("HD", "SB")
    from storage.sheets import exporter, importer, validation
    from storage.sheets.columns import KINDS as SHEETS

    sheet_keys = [k.key for k in kinds.sheets()]
    assert list(SHEETS) == sheet_keys
    for table in (exporter.EXPORT_COLUMNS, exporter.ROWS, importer.WRITERS, validation.CLEANERS,
                  validation.NATURAL_KEYS):
        assert sorted(table) == sorted(sheet_keys)
    from storage import retention

    assert retention.DEFAULTS == {"activity": "定期10年", "equipment": "定期30年", "closure": "定期10年",
                                  "opening_log": "定期10年"}
    assert all(term in retention.TERMS for term in retention.DEFAULTS.values())


@pytest.mark.parametrize("typed, key", [
    ("activity", "activity"), ("activities", "activity"), ("opening-log", "opening_log"), ("opening", "opening_log"),
    ("opening_log_days", "opening_log"), ("opening_log", "opening_log"), (" equipment ", "equipment"),
    ("acceptance_stages", "acceptance_stage"),
])
def test_old_spellings_are_aliases(typed, key):
    assert kinds.resolve(typed).key == key


def test_an_unknown_kind_is_refused_in_chinese():
    with pytest.raises(ValidationError) as e:
        kinds.resolve("volunteers")
    assert e.value.code == "bad_kind" and "活动" in e.value.message
    with pytest.raises(ValidationError):
        kinds.resolve("closure", kinds.sheets())  # a kind, but not a spreadsheet register


def test_attachments_only_hang_on_owner_kinds(archive):
    with archive.session() as s, pytest.raises(ValidationError) as e:
        attachments.add_attachment(s, archive.actor, centers.own_center(s), b"x", "x.txt")
    assert e.value.code == "bad_owner" and "活动" in e.value.message
