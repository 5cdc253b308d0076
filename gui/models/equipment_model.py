"""The equipment ledger table (设备台账), with the three acceptance stages in colour."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from storage import queries

from .base import RegisterModel, fmt

# equipment_table_rows tuple: id, uuid, item_number, name, category, model_spec, quantity, unit_price_fen,
# purchase_date, status, location, custodian, deleted_at, delete_reason, stage_town, stage_city, stage_prefecture
STAGE_POS = {"town": 14, "city": 15, "prefecture": 16}
RESULT_COLOURS = {"通过": "#c8efc8", "整改": "#ffe3a3", "不通过": "#f7b9b9", None: "#eeeeee"}
STATUS_COLOURS = {"在用": "#1f7a1f", "维修": "#b36b00", "闲置": "#555555", "报废": "#b00020"}


def yuan(fen: int | None) -> str:
    return "" if fen is None else f"{Decimal(fen) / 100:,.2f}"


class EquipmentTableModel(RegisterModel):
    ID, UUID, DELETED, REASON = 0, 1, 12, 13

    def __init__(self, archive=None, parent=None):
        super().__init__(archive, parent)
        self.COLUMNS = [
            ("item_number", self.tr("Item number")),
            ("name", self.tr("Name")),
            ("category", self.tr("Category")),
            ("model_spec", self.tr("Model")),
            ("quantity", self.tr("Qty")),
            ("unit_price_fen", self.tr("Unit price (yuan)")),
            ("purchase_date", self.tr("Purchased")),
            ("status", self.tr("Status")),
            (None, self.tr("Town acceptance")),
            (None, self.tr("City check")),
            (None, self.tr("Prefecture check")),
            ("custodian", self.tr("Custodian")),
        ]
        self._pos = [2, 3, 4, 5, 6, 7, 8, 9, 14, 15, 16, 11]
        self._not_recorded = self.tr("not yet")

    def query(self, s, center_id, **kw):
        return queries.equipment_table_rows(s, center_id, **kw)

    def cell(self, row, column):
        pos = self._pos[column]
        if pos == 7:
            return yuan(row[pos])
        if pos in (14, 15, 16):
            return row[pos] or self._not_recorded
        return fmt(row[pos])

    def background(self, row, column):
        pos = self._pos[column]
        if pos in (14, 15, 16):
            return QBrush(QColor(RESULT_COLOURS.get(row[pos], "#eeeeee")))
        return None

    def foreground(self, row, column):
        if self._pos[column] == 9:
            return QBrush(QColor(STATUS_COLOURS.get(row[9], "#000000")))
        return None

    def alignment(self, column):
        if self._pos[column] in (6, 7):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if self._pos[column] in (14, 15, 16):
            return int(Qt.AlignCenter)
        return None
