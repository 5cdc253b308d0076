"""The equipment ledger table (设备台账), with the three acceptance stages in colour."""

from __future__ import annotations

from decimal import Decimal

from storage import queries, rules

from .. import labels
from .base import CENTER, RIGHT, Column, RegisterModel

# Colours by the stored value's code (storage.rules), never by the Chinese text itself.
RESULT_COLOURS = {"passed": "#c8efc8", "rectify": "#ffe3a3", "failed": "#f7b9b9", None: "#eeeeee"}
STATUS_COLOURS = {"in_use": "#1f7a1f", "repair": "#b36b00", "idle": "#555555", "scrapped": "#b00020"}


def yuan(fen: int | None) -> str:
    return "" if fen is None else f"{Decimal(fen) / 100:,.2f}"


class EquipmentTableModel(RegisterModel):
    REGISTER = queries.EQUIPMENT

    def columns(self):
        not_recorded = self.tr("not yet")

        def stage(name: str, header: str) -> Column:
            key = f"stage_{name}"
            return Column(key, header, lambda row: labels.result(getattr(row, key)) or not_recorded, sortable=False,
                          align=CENTER,
                          background=lambda row: RESULT_COLOURS.get(rules.result_code(getattr(row, key)),
                                                                    RESULT_COLOURS[None]))

        return [
            Column("item_number", self.tr("Item number")),
            Column("name", self.tr("Name")),
            Column("category", self.tr("Category")),
            Column("model_spec", self.tr("Model")),
            Column("quantity", self.tr("Qty"), align=RIGHT),
            Column("unit_price_fen", self.tr("Unit price (yuan)"), lambda row: yuan(row.unit_price_fen), align=RIGHT),
            Column("purchase_date", self.tr("Purchased")),
            Column("status", self.tr("Status"), lambda row: labels.status(row.status),
                   foreground=lambda row: STATUS_COLOURS.get(rules.status_code(row.status), "#000000")),
            stage("town", self.tr("Town acceptance")),
            stage("city", self.tr("City check")),
            stage("prefecture", self.tr("Prefecture check")),
            Column("custodian", self.tr("Custodian")),
        ]
