"""Add or edit an equipment item (设备). Status changes and acceptance are on the equipment page."""

from __future__ import annotations

from decimal import Decimal

from storage import equipment, queries, records, rules
from storage.models import Equipment

from ..context import Change
from ..widgets import combo, date_edit, line_edit, read_only
from .base import EditDialog


class EquipmentDialog(EditDialog):
    CHANGED = Change.EQUIPMENT
    MODEL = Equipment
    ATTACHMENTS = True
    NEEDS_LOOKUPS = True

    def prepare(self, s) -> dict:
        return {"categories": queries.equipment_categories(s, self.ctx.own_center(s).id)}

    def __init__(self, ctx, uuid: str | None = None, parent=None):
        super().__init__(ctx, uuid, parent)
        self.setWindowTitle(self.tr("New equipment") if uuid is None else self.tr("Edit equipment"))

    def build(self) -> None:
        e = self.record
        f = self.form
        number = line_edit(e.item_number if e else self.tr("(given when saved)"))
        read_only(number)
        f.add("item_number", self.tr("Item number"), number)
        f.add("name", self.tr("Name"), line_edit(e.name if e else ""))
        categories = self.data.get("categories", [])
        f.add("category", self.tr("Category"), combo(categories, e.category if e else "", editable=True))
        f.add("model_spec", self.tr("Model / specification"), line_edit(e.model_spec if e else ""))
        f.add("quantity", self.tr("Quantity"), line_edit(str(e.quantity) if e else "1"))
        price = f"{Decimal(e.unit_price_fen) / 100:.2f}" if e else ""
        f.add("unit_price", self.tr("Unit price (yuan)"), line_edit(price, placeholder="1280.50"))
        f.add("funding_source", self.tr("Funding source"), line_edit(e.funding_source if e else "",
                                                                     placeholder=self.tr("special fund")))
        f.add("purchase_date", self.tr("Purchase date"), date_edit(e.purchase_date if e else None))
        f.add("supplier", self.tr("Supplier"), line_edit(e.supplier if e else ""))
        f.add("location", self.tr("Kept at"), line_edit(e.location if e else ""))
        f.add("custodian", self.tr("Custodian"), line_edit(e.custodian if e else ""))
        if e is None:
            f.add("status", self.tr("Status"), combo(rules.EQUIPMENT_STATUSES, "在用"))

    def fields(self) -> dict:
        keys = ("name", "category", "model_spec", "quantity", "unit_price", "funding_source", "purchase_date",
                "supplier", "location", "custodian")
        out = {k: self.form.value(k) for k in keys}
        if not out["unit_price"].strip():
            out["unit_price"] = "0"
        if self.uuid is None:
            out["status"] = self.form.value("status")
        return out

    def write(self, s, values: dict):
        actor = self.ctx.archive.actor
        if self.uuid is None:
            return equipment.create_equipment(s, actor, self.ctx.own_center(s), **values)
        item = records.get(s, Equipment, self.uuid)
        equipment.update_equipment(s, actor, item, **values)
        return item
