"""Activities and equipment: validation, item numbers, the audit trail, soft delete and restore."""

import json
from datetime import date

import pytest
from sqlalchemy import func, select, text

from storage import activities, audit, centers, equipment, numbering, records, selfcheck
from storage.errors import ValidationError
from storage.models import Activity, AuditEntry, Equipment, EquipmentStatusChange

GOOD = dict(start_date="2017-01-29", title="春节舞龙", category="民俗节庆", festival="春节", location="文体广场",
            organizer="村委会", participants=600)


def add(archive, **overrides):
    with archive.session() as s:
        a = activities.create_activity(s, archive.actor, centers.own_center(s), **{**GOOD, **overrides})
        return a.uuid, a.item_number


def count(archive, model=Activity):
    with archive.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_item_numbers_run_per_year(archive):
    assert add(archive)[1] == "TEST-2017-HD-0001"
    assert add(archive)[1] == "TEST-2017-HD-0002"
    assert add(archive, start_date="2018-03-01")[1] == "TEST-2018-HD-0001"


@pytest.mark.parametrize("bad, code", [
    (dict(title=""), "required"),
    (dict(category="唱歌"), "bad_choice"),
    (dict(start_date="2017-13-01"), "bad_date"),
    (dict(end_date="2017-01-01"), "end_before_start"),
    (dict(participants=-3), "too_small"),
    (dict(participants=10_000_000), "implausible"),
    (dict(start_time="10:00", end_time="09:00"), "end_before_start"),
    (dict(start_time="26:00"), "bad_time"),
])
def test_bad_activity_changes_nothing(archive, bad, code):
    with pytest.raises(ValidationError) as e:
        add(archive, **bad)
    assert e.value.code == code
    assert count(archive) == 0
    with archive.session() as s:  # no number was used up by a refused record
        assert numbering.counters(s, centers.own_center(s).id) == {}


def test_multi_day_activity_may_end_earlier_in_the_day(archive):
    add(archive, end_date="2017-01-30", start_time="19:00", end_time="09:00")
    assert count(archive) == 1


def test_edit_delete_restore_are_audited(archive):
    uuid, number = add(archive)
    with archive.session() as s:
        a = records.get(s, Activity, uuid)
        assert activities.update_activity(s, "王五", a, participants=650, title="春节舞龙闹新春")
        assert not activities.update_activity(s, "王五", a, participants=650)  # no change, no entry
    with archive.session() as s:
        records.delete(s, "王五", records.get(s, Activity, uuid), "重复录入")
    with archive.session() as s:
        records.restore(s, "王五", records.get(s, Activity, uuid))
    with archive.session() as s:
        trail = audit.history(s, uuid)
        assert [e.action for e in trail] == ["create", "update", "delete", "restore"]
        update = trail[1]
        assert update.actor == "王五"
        changes = audit.changed_fields(update)
        assert changes["participants"] == (600, 650)
        assert changes["title"] == ("春节舞龙", "春节舞龙闹新春")
        assert trail[2].reason == "重复录入"
        assert json.loads(trail[2].after)["delete_reason"] == "重复录入"
        assert trail[0].item_number == number


def test_delete_needs_a_reason_and_deleted_cannot_be_edited(archive):
    uuid, _ = add(archive)
    with archive.session() as s, pytest.raises(ValidationError) as e:
        records.delete(s, archive.actor, records.get(s, Activity, uuid), "  ")
    assert e.value.code == "reason_required"
    with archive.session() as s:
        a = records.get(s, Activity, uuid)
        records.delete(s, archive.actor, a, "信息有误")
        with pytest.raises(ValidationError) as e:
            activities.update_activity(s, archive.actor, a, title="改名")
        assert e.value.code == "deleted"
        with pytest.raises(ValidationError):
            records.delete(s, archive.actor, a, "again")


def test_deleted_number_is_never_reused(archive):
    uuid, first = add(archive)
    with archive.session() as s:
        records.delete(s, archive.actor, records.get(s, Activity, uuid), "重复录入")
    _, second = add(archive)
    assert (first, second) == ("TEST-2017-HD-0001", "TEST-2017-HD-0002")
    report = selfcheck.run(archive)
    assert not [f for f in report.findings if f.code == "number_gap"]


def test_a_vanished_number_is_a_gap(archive):
    add(archive)
    add(archive)
    add(archive)
    with archive.engine.begin() as conn:  # someone removed a row behind the app's back
        conn.execute(text("DELETE FROM activity WHERE item_number = 'TEST-2017-HD-0002'"))
    report = selfcheck.run(archive)
    gaps = [f for f in report.findings if f.code == "number_gap"]
    assert gaps and "TEST-2017-HD-0002" in gaps[0].message
    assert not report.integrity_ok


def test_audit_trail_is_append_only(archive):
    add(archive)
    with pytest.raises(Exception, match="append-only"), archive.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'x'"))
    with pytest.raises(Exception, match="append-only"), archive.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log"))
    with archive.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) >= 2


def add_equipment(archive, **overrides):
    fields = dict(name="LED 显示屏", category="音视频设备", quantity=1, unit_price="48000.10",
                  purchase_date="2017-05-03", funding_source="专项资金")
    fields.update(overrides)
    with archive.session() as s:
        return equipment.create_equipment(s, archive.actor, centers.own_center(s), **fields).uuid


def test_equipment_price_is_exact_and_numbered(archive):
    uuid = add_equipment(archive, quantity=3, unit_price="0.10")
    with archive.session() as s:
        item = records.get(s, Equipment, uuid)
        assert item.item_number == "TEST-2017-SB-0001"
        assert item.unit_price_fen == 10
        assert str(item.total_price) == "0.3"


@pytest.mark.parametrize("bad, code", [
    (dict(quantity=0), "too_small"), (dict(unit_price="-5"), "too_small"), (dict(name=""), "required"),
    (dict(purchase_date=""), "required"), (dict(unit_price="十元"), "bad_money"),
])
def test_bad_equipment_changes_nothing(archive, bad, code):
    with pytest.raises(ValidationError) as e:
        add_equipment(archive, **bad)
    assert e.value.code == code
    assert count(archive, Equipment) == 0


def test_acceptance_stages_in_order(archive):
    uuid = add_equipment(archive)
    with archive.session() as s:
        item = records.get(s, Equipment, uuid)
        with pytest.raises(ValidationError) as e:
            equipment.set_acceptance(s, archive.actor, item, "city", accepted_on="2017-06-01", result="通过")
        assert e.value.code == "stage_order"
        with pytest.raises(ValidationError) as e:
            equipment.set_acceptance(s, archive.actor, item, "town", accepted_on="2017-04-01", result="通过")
        assert e.value.code == "before_purchase"
        equipment.set_acceptance(s, archive.actor, item, "town", accepted_on="2017-05-20", result="通过",
                                 people="镇分管领导、财政所所长", report_number="苍文验〔2017〕1号")
        with pytest.raises(ValidationError) as e:
            equipment.set_acceptance(s, archive.actor, item, "city", accepted_on="2017-05-19", result="通过")
        assert e.value.code == "stage_order"
        equipment.set_acceptance(s, archive.actor, item, "city", accepted_on="2017-06-20", result="通过")
        with pytest.raises(ValidationError):  # the town date cannot move after the city's
            equipment.set_acceptance(s, archive.actor, item, "town", accepted_on="2017-07-01", result="通过")
        equipment.set_acceptance(s, archive.actor, item, "prefecture", accepted_on="2017-09-01", result="整改")
        stages = equipment.stage_map(s, item)
        assert equipment.acceptance_level(stages) == "city"
        with pytest.raises(ValidationError) as e:
            equipment.set_acceptance(s, archive.actor, item, "prefecture", accepted_on="2017-09-01", result="优秀")
        assert e.value.code == "bad_choice"


def test_status_changes_keep_their_dates(archive):
    uuid = add_equipment(archive)
    with archive.session() as s:
        item = records.get(s, Equipment, uuid)
        equipment.change_status(s, archive.actor, item, "维修", date(2018, 3, 1), "屏幕坏点")
        with pytest.raises(ValidationError):
            equipment.change_status(s, archive.actor, item, "维修", date(2018, 3, 2))
        with pytest.raises(ValidationError):
            equipment.update_equipment(s, archive.actor, item, status="报废")
        equipment.change_status(s, archive.actor, item, "在用", date(2018, 3, 20))
    with archive.session() as s:
        history = s.scalars(select(EquipmentStatusChange).order_by(EquipmentStatusChange.id)).all()
        assert [(h.status, h.changed_on) for h in history] == [
            ("在用", date(2017, 5, 3)), ("维修", date(2018, 3, 1)), ("在用", date(2018, 3, 20))]


def test_center_rules(archive):
    with archive.session() as s:
        center = centers.own_center(s)
        with pytest.raises(ValidationError) as e:
            centers.update_center(s, archive.actor, center, weekly_standard_hours=200)
        assert e.value.code == "implausible"
        with pytest.raises(ValidationError):
            centers.update_center(s, archive.actor, center, code="OTHER")
        assert centers.update_center(s, archive.actor, center, weekly_standard_hours=35)
        with pytest.raises(ValidationError) as e:
            centers.create_center(s, archive.actor, name="另一个", town="苍城镇", village="西村", code="TEST")
        assert e.value.code == "duplicate_code"
    with archive.session() as s:
        assert centers.own_center(s).weekly_standard_hours == 35
