"""Add or edit an equipment item (设备): its ledger fields, the three acceptance stages and its status, in one
dialog and one save. A stage is left unrecorded until its box "recorded" is ticked."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QLabel, QListWidget

from storage import equipment, queries, records, rules
from storage.errors import ValidationError
from storage.models import Equipment

from .. import labels
from ..context import Change
from ..widgets import combo, date_edit, line_edit, read_only
from .base import EditDialog

STAGE_FIELDS = ("accepted_on", "result", "people", "report_number", "remarks")


class EquipmentDialog(EditDialog):
    CHANGED = Change.EQUIPMENT
    MODEL = Equipment
    ATTACHMENTS = True
    NEEDS_LOOKUPS = True

    def prepare(self, s) -> dict:
        data = {"categories": queries.equipment_categories(s, self.ctx.own_center(s).id)}
        if self.uuid is not None:
            item = records.get(s, Equipment, self.uuid)
            data["stages"] = equipment.stage_map(s, item)
            data["history"] = [(r.changed_on, r.status, r.note) for r in queries.status_history_rows(s, item.id)]
        return data

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
        f.add("unit_price", self.tr("Unit price (yuan)"), line_edit(price, example_value="1280.50"))
        f.add("funding_source", self.tr("Funding source"), line_edit(e.funding_source if e else "",
                                                                     placeholder=self.tr("for example: special fund")))
        f.add("purchase_date", self.tr("Purchase date"), date_edit(e.purchase_date if e else None))
        f.add("supplier", self.tr("Supplier"), line_edit(e.supplier if e else ""))
        f.add("location", self.tr("Kept at"), line_edit(e.location if e else ""))
        f.add("custodian", self.tr("Custodian"), line_edit(e.custodian if e else ""))
        statuses = [(x, labels.status(x)) for x in rules.EQUIPMENT_STATUSES]
        f.add("status", self.tr("Status"), combo(statuses, e.status if e else "在用"))
        self.history = None
        if e is not None:
            f.add("changed_on", self.tr("Status changed on"), date_edit(None))
            f.add("status_note", self.tr("Reason for the change"),
                  line_edit(placeholder=self.tr("for example: sent for repair")))
            self.history = QListWidget()
            self.history.setAccessibleName(self.tr("Status history"))
            history = self.data.get("history", [])
            for changed_on, status, note in history:
                self.history.addItem(f"{changed_on}  {labels.status(status)}  {note}")
            self.history.setMaximumHeight(self.history.fontMetrics().height() * 5 + 12)
            f.form.addRow(self.tr("Status history"), self.history)
        self.stage_boxes: dict[str, QCheckBox] = {}
        stages = self.data.get("stages", {})
        for stage in rules.ACCEPTANCE_STAGES:
            self._add_stage(stage, stages.get(stage))

    def _add_stage(self, stage: str, row) -> None:
        f = self.form
        title = QLabel(labels.stage(stage))
        title.setStyleSheet("font-weight: bold; margin-top: 8px;")
        f.form.addRow(title)
        recorded = QCheckBox(self.tr("Recorded"))
        recorded.setObjectName(f"stage_{stage}")
        recorded.setChecked(row is not None)
        recorded.setEnabled(row is None)  # a recorded stage is corrected, never removed
        f.form.addRow("", recorded)
        self.stage_boxes[stage] = recorded
        results = [(x, labels.result(x)) for x in rules.ACCEPTANCE_RESULTS]
        widgets = [
            f.add(f"{stage}_accepted_on", self.tr("Date"), date_edit(row.accepted_on if row else None,
                                                                     name=labels.stage(stage))),
            f.add(f"{stage}_result", self.tr("Result"), combo(results, row.result if row else None)),
            f.add(f"{stage}_people", self.tr("People"), line_edit(row.people if row else "")),
            f.add(f"{stage}_report_number", self.tr("Report number"), line_edit(row.report_number if row else "")),
            f.add(f"{stage}_remarks", self.tr("Remarks"), line_edit(row.remarks if row else "")),
        ]
        for w in widgets:
            w.setEnabled(recorded.isChecked())
            recorded.toggled.connect(w.setEnabled)

    def fields(self) -> dict:
        keys = ("name", "category", "model_spec", "quantity", "unit_price", "funding_source", "purchase_date",
                "supplier", "location", "custodian")
        out = {k: self.form.value(k) for k in keys}
        if not out["unit_price"].strip():
            out["unit_price"] = "0"
        out["status"] = self.form.value("status")
        if self.uuid is not None:
            out["changed_on"] = self.form.value("changed_on")
            out["status_note"] = self.form.value("status_note")
        out["stages"] = {stage: {k: self.form.value(f"{stage}_{k}") for k in STAGE_FIELDS}
                         for stage in rules.ACCEPTANCE_STAGES if self.stage_boxes[stage].isChecked()}
        return out

    def write(self, s, values: dict):
        actor = self.ctx.archive.actor
        values = dict(values)
        stages = values.pop("stages")
        changed_on, note = values.pop("changed_on", None), values.pop("status_note", "")
        if self.uuid is None:
            item = equipment.create_equipment(s, actor, self.ctx.own_center(s), **values)
        else:
            status = values.pop("status")
            item = records.get(s, Equipment, self.uuid)
            equipment.update_equipment(s, actor, item, **values)
            if status != item.status:
                try:
                    equipment.change_status(s, actor, item, status, changed_on, note)
                except ValidationError as e:
                    raise ValidationError(e.code, e.message, {"note": "status_note"}.get(e.field, e.field)) from e
        for stage, stage_values in stages.items():
            try:
                equipment.set_acceptance(s, actor, item, stage, **stage_values)
            except ValidationError as e:
                field = f"{stage}_{e.field}" if e.field in STAGE_FIELDS else f"{stage}_accepted_on"
                raise ValidationError(e.code, e.message, field) from e
        return item
