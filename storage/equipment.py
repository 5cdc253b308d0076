"""The equipment ledger (设备台账): items, status history and the three acceptance stages."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit, numbering, records, rules
from .models import AcceptanceStage, Center, Equipment, EquipmentStatusChange

FIELDS = ("name", "category", "model_spec", "quantity", "unit_price_fen", "funding_source", "purchase_date",
          "supplier", "location", "custodian")


def clean_equipment(fields: dict, today: date | None = None) -> dict:
    """Validate one equipment item. Price comes as ``unit_price`` (yuan) or ``unit_price_fen``."""
    if fields.get("unit_price") not in (None, ""):
        fen = rules.as_money_fen(fields["unit_price"], "单价", "unit_price")
    else:
        fen = fields.get("unit_price_fen") or 0
        if not isinstance(fen, int) or fen < 0 or fen > rules.MAX_PRICE_FEN:
            rules.fail("bad_money", "单价必须是不小于 0 的金额。", "unit_price")
    return {
        "name": rules.text(fields.get("name"), "设备名称", "name", required=True, max_len=200),
        "category": rules.text(fields.get("category"), "设备类别", "category", max_len=50),
        "model_spec": rules.text(fields.get("model_spec"), "规格型号", "model_spec", max_len=200),
        "quantity": rules.as_count(fields.get("quantity", 1), "数量", "quantity", required=True, minimum=1,
                                   maximum=rules.MAX_QUANTITY),
        "unit_price_fen": fen,
        "funding_source": rules.text(fields.get("funding_source"), "资金来源", "funding_source", max_len=100),
        "purchase_date": rules.as_date(fields.get("purchase_date"), "购置日期", "purchase_date", today=today),
        "supplier": rules.text(fields.get("supplier"), "供应商", "supplier", max_len=200),
        "location": rules.text(fields.get("location"), "存放地点", "location", max_len=200),
        "custodian": rules.text(fields.get("custodian"), "保管人", "custodian", max_len=100),
    }


def create_equipment(s: Session, actor: str, center: Center, *, status: str = "在用", **fields) -> Equipment:
    cleaned = clean_equipment(fields)
    status = rules.choice(status, rules.EQUIPMENT_STATUSES, "设备状态", "status")
    year = cleaned["purchase_date"].year
    number, seq = numbering.next_item_number(s, center, "equipment", year)
    item = Equipment(center_id=center.id, item_number=number, year=year, seq=seq, status=status,
                     created_by=actor, **cleaned)
    s.add(item)
    s.flush()
    s.add(EquipmentStatusChange(equipment_id=item.id, status=status, changed_on=cleaned["purchase_date"],
                                note="购置入账", created_by=actor))
    audit.record(s, actor, "create", item)
    return item


def update_equipment(s: Session, actor: str, item: Equipment, **changes) -> bool:
    records.require_live(item)
    if "status" in changes:
        rules.fail("use_status_change", "设备状态请用“状态变更”登记，以便保留变更日期。", "status")
    current = {k: getattr(item, k) for k in FIELDS}
    if "unit_price" in changes:
        current.pop("unit_price_fen")
    current.update(changes)
    return records.apply_changes(s, actor, item, clean_equipment(current))


def change_status(s: Session, actor: str, item: Equipment, status: str, changed_on, note: str = "") -> None:
    """A status change keeps its date in the item's history."""
    records.require_live(item)
    status = rules.choice(status, rules.EQUIPMENT_STATUSES, "设备状态", "status")
    changed_on = rules.as_date(changed_on, "变更日期", "changed_on")
    if changed_on < item.purchase_date:
        rules.fail("before_purchase", f"变更日期不能早于购置日期（{item.purchase_date}）。", "changed_on")
    if status == item.status:
        rules.fail("same_status", f"设备已经是“{status}”状态。", "status")
    newest = max((c.changed_on for c in item.status_history), default=None)
    if newest is not None and changed_on < newest:
        # the history is read by date: a change dated before the newest one would not be the current status
        rules.fail("before_last_change", f"变更日期不能早于上一次状态变更的日期（{newest}）。", "changed_on")
    before = audit.snapshot(item)
    item.status = status
    s.add(EquipmentStatusChange(equipment_id=item.id, status=status, changed_on=changed_on,
                                note=rules.text(note, "说明", "note", max_len=500, multiline=True), created_by=actor))
    audit.record(s, actor, "status", item, before=before)


def stage_map(s: Session, item: Equipment) -> dict[str, AcceptanceStage]:
    rows = s.scalars(select(AcceptanceStage).where(AcceptanceStage.equipment_id == item.id))
    return {r.stage: r for r in rows}


def set_acceptance(s: Session, actor: str, item: Equipment, stage: str, *, accepted_on, result: str,
                   people: str = "", report_number: str = "", remarks: str = "") -> AcceptanceStage:
    """Record (or correct) one acceptance stage. City comes after town, prefecture after city."""
    records.require_live(item)
    stage = rules.choice(stage, rules.ACCEPTANCE_STAGES, "验收环节", "stage")
    name = rules.STAGE_NAMES[stage]
    accepted_on = rules.as_date(accepted_on, f"{name}日期", "accepted_on")
    if accepted_on < item.purchase_date:
        rules.fail("before_purchase", f"{name}日期不能早于购置日期（{item.purchase_date}）。", "accepted_on")
    cleaned = {
        "accepted_on": accepted_on,
        "result": rules.choice(result, rules.ACCEPTANCE_RESULTS, f"{name}结论", "result"),
        "people": rules.text(people, "验收人员", "people", max_len=300),
        "report_number": rules.text(report_number, "报告编号", "report_number", max_len=100),
        "remarks": rules.text(remarks, "备注", "remarks", max_len=500, multiline=True),
    }
    existing = stage_map(s, item)
    index = rules.ACCEPTANCE_STAGES.index(stage)
    if index > 0:
        prev = rules.ACCEPTANCE_STAGES[index - 1]
        prev_row = existing.get(prev)
        if prev_row is None:
            rules.fail("stage_order", f"请先登记{rules.STAGE_NAMES[prev]}，再登记{name}。", "stage")
        if accepted_on < prev_row.accepted_on:
            rules.fail("stage_order", f"{name}日期不能早于{rules.STAGE_NAMES[prev]}日期（{prev_row.accepted_on}）。",
                       "accepted_on")
    if index + 1 < len(rules.ACCEPTANCE_STAGES):
        nxt = existing.get(rules.ACCEPTANCE_STAGES[index + 1])
        if nxt is not None and accepted_on > nxt.accepted_on:
            rules.fail("stage_order", f"{name}日期不能晚于{rules.STAGE_NAMES[nxt.stage]}日期（{nxt.accepted_on}）。",
                       "accepted_on")
    row = existing.get(stage)
    if row is None:
        row = AcceptanceStage(equipment_id=item.id, stage=stage, created_by=actor, **cleaned)
        s.add(row)
        audit.record(s, actor, "accept", row)
    else:
        records.apply_changes(s, actor, row, cleaned)
    return row


def acceptance_level(stages: dict[str, AcceptanceStage]) -> str | None:
    """The highest stage passed in order, or None."""
    return rules.acceptance_level({stage: row.result for stage, row in stages.items()})
