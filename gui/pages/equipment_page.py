"""设备: the equipment ledger. The three acceptance stages show as coloured columns beside the name; the
item, its stages and its status are edited in one place, the equipment dialog (double-click or 修改…)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from storage import queries, rules
from storage.models import Equipment

from ..context import Change
from ..dialogs.equipment_dialog import EquipmentDialog
from ..models.equipment_model import EquipmentTableModel
from .register_base import RegisterPanel


class EquipmentPage(RegisterPanel):
    MODEL_CLASS = EquipmentTableModel
    RECORD = Equipment
    SHEET_KIND = "equipment"
    CHANGED = Change.EQUIPMENT
    STATUSES = rules.EQUIPMENT_STATUSES
    DYNAMIC_CATEGORIES = True
    HAS_QUARTER = False
    STRETCH_COLUMN = 1  # the name takes the spare width
    THIS_YEAR_FIRST = False  # a ledger of what the center owns: items bought years ago are still in use
    SORT = ("purchase_date", True)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self._stages_beside_name()
        self.hint = QLabel(self.tr("Double-click an item (or press Edit…) to edit it, its three acceptance "
                                   "stages and its status."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555;")
        lay = self.layout()
        lay.insertWidget(lay.indexOf(self.table) + 1, self.hint)

    def _stages_beside_name(self) -> None:
        """Show the acceptance columns right after the name, so a narrow screen still shows them."""
        header = self.table.horizontalHeader()
        for offset, key in enumerate(f"stage_{stage}" for stage in rules.ACCEPTANCE_STAGES):
            header.moveSection(header.visualIndex(self.model.column_of(key)), 2 + offset)

    def categories(self, s) -> list[str]:
        return queries.equipment_categories(s, self.model.center_id(s))

    def table_name(self) -> str:
        return self.tr("Equipment ledger")

    def open_dialog(self, uuid):
        return EquipmentDialog(self.ctx, uuid, self)
