"""设备: the equipment ledger, with the three acceptance stages and status changes edited in place."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from storage import equipment, queries, records, rules
from storage.models import Equipment

from ..context import Change
from ..dialogs.equipment_dialog import EquipmentDialog
from ..models.equipment_model import RESULT_COLOURS, EquipmentTableModel
from ..widgets import FieldForm, combo, date_edit, line_edit
from .register_base import RegisterPanel


class StageEditor(QGroupBox):
    """One acceptance stage of the selected item: date, result, people, report number, remarks."""

    def __init__(self, page, stage: str):
        super().__init__(rules.STAGE_NAMES[stage])
        self.page, self.stage = page, stage
        self.setObjectName(f"stage_{stage}")
        lay = QVBoxLayout(self)
        self.form = FieldForm()
        f = self.form
        f.add("accepted_on", self.tr("Date"), date_edit(None, name=rules.STAGE_NAMES[stage]))
        f.add("result", self.tr("Result"), combo(rules.ACCEPTANCE_RESULTS))
        f.add("people", self.tr("People"), line_edit())
        f.add("report_number", self.tr("Report number"), line_edit())
        f.add("remarks", self.tr("Remarks"), line_edit())
        f.finish()
        f.errors["stage"] = f.general
        lay.addWidget(f)
        self.state = QLabel()
        self.state.setAlignment(Qt.AlignCenter)
        lay.addWidget(self.state)
        self.save_button = QPushButton(self.tr("Save this stage"))
        self.save_button.clicked.connect(self.save)
        lay.addWidget(self.save_button)

    def show_stage(self, row, purchase_date: date | None) -> None:
        f = self.form
        f.clear_errors()
        if row is None:
            f.fields["accepted_on"].setDate(date_edit(date.today()).date())
            f.fields["result"].setCurrentIndex(0)
            for k in ("people", "report_number", "remarks"):
                f.fields[k].clear()
            result = None
            self.state.setText(self.tr("Not recorded yet"))
        else:
            f.fields["accepted_on"].setDate(date_edit(row.accepted_on).date())
            f.fields["result"].setCurrentIndex(max(f.fields["result"].findData(row.result), 0))
            f.fields["people"].setText(row.people)
            f.fields["report_number"].setText(row.report_number)
            f.fields["remarks"].setText(row.remarks)
            result = row.result
            self.state.setText(row.result)
        colour = RESULT_COLOURS.get(rules.result_code(result), RESULT_COLOURS[None])
        self.setStyleSheet(f"QGroupBox#stage_{self.stage} {{ background: {colour}; border: 1px solid #999;"
                           " border-radius: 4px; margin-top: 1.4em; padding-top: 0.4em; }"
                           f" QGroupBox#stage_{self.stage}::title {{ subcontrol-origin: margin; left: 8px; }}")

    def save(self) -> bool:
        uuid = self.page.selected_uuid()
        if uuid is None:
            return False
        values = {k: self.form.value(k) for k in ("accepted_on", "result", "people", "report_number", "remarks")}
        archive, stage = self.page.ctx.archive, self.stage
        self.page.ctx.write(lambda s: equipment.set_acceptance(s, archive.actor, records.get(s, Equipment, uuid), stage,
                                                               **values),
                            changes=Change.EQUIPMENT, parent=self, form=self.form)
        return True


class StatusBox(QGroupBox):
    """Change the item's status with the date it happened; the history keeps every change."""

    def __init__(self, page):
        super().__init__()
        self.setTitle(self.tr("Status"))
        self.page = page
        lay = QVBoxLayout(self)
        self.form = FieldForm()
        f = self.form
        f.add("status", self.tr("New status"), combo(rules.EQUIPMENT_STATUSES))
        f.add("changed_on", self.tr("Changed on"), date_edit(None))
        f.add("note", self.tr("Note"), line_edit(placeholder=self.tr("for example: sent for repair")))
        f.finish()
        lay.addWidget(f)
        self.change_button = QPushButton(self.tr("Record status change"))
        self.change_button.clicked.connect(self.change)
        lay.addWidget(self.change_button)
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Status history"))
        lay.addWidget(self.history, 1)

    def show_item(self, history: list) -> None:
        """``history``: rows with changed_on, status, note (``queries.status_history_rows``)."""
        self.history.clear()
        self.form.clear_errors()
        for row in history:
            self.history.addItem(f"{row.changed_on}  {row.status}  {row.note}")

    def change(self) -> bool:
        uuid = self.page.selected_uuid()
        if uuid is None:
            return False
        status, on, note = (self.form.value(k) for k in ("status", "changed_on", "note"))
        archive = self.page.ctx.archive
        self.page.ctx.write(lambda s: equipment.change_status(s, archive.actor, records.get(s, Equipment, uuid), status,
                                                              on, note),
                            lambda _r: self.form.fields["note"].clear(), changes=Change.EQUIPMENT, parent=self,
                            form=self.form)
        return True


class EquipmentPage(RegisterPanel):
    MODEL_CLASS = EquipmentTableModel
    RECORD = Equipment
    SHEET_KIND = "equipment"
    CHANGED = Change.EQUIPMENT
    STATUSES = rules.EQUIPMENT_STATUSES
    DYNAMIC_CATEGORIES = True
    HAS_QUARTER = False
    STRETCH_COLUMN = -1

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        # Move the table into a splitter with the detail panel below it.
        lay = self.layout()
        index = lay.indexOf(self.table)
        lay.removeWidget(self.table)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.table)
        detail = QWidget()
        dl = QHBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        self.stage_editors = {stage: StageEditor(self, stage) for stage in rules.ACCEPTANCE_STAGES}
        for editor in self.stage_editors.values():
            dl.addWidget(editor, 1)
        self.status_box = StatusBox(self)
        dl.addWidget(self.status_box, 1)
        self.detail = detail
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        lay.insertWidget(index, splitter, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_detail())
        self.show_detail()

    def categories(self, s) -> list[str]:
        return queries.equipment_categories(s, self.model.center_id(s))

    def table_name(self) -> str:
        return self.tr("Equipment ledger")

    def open_dialog(self, uuid):
        return EquipmentDialog(self.ctx, uuid, self)

    def apply_filters(self, then=None) -> None:
        def shown():
            if self.model.rowCount() and self.selected_row() < 0:
                self.table.selectRow(0)
            if hasattr(self, "detail"):
                self.show_detail()
            if then is not None:
                then()

        super().apply_filters(shown)

    def show_detail(self) -> None:
        """The selected item's acceptance stages and status history, read on the worker."""
        row = self.selected_row()
        live = row >= 0 and not self.model.deleted_at_row(row)
        self.detail.setEnabled(live)
        if not live:
            for editor in self.stage_editors.values():
                editor.show_stage(None, None)
            self.status_box.show_item([])
            return
        uuid = self.model.uuid_at(row)

        def load(s):
            item = records.get(s, Equipment, uuid)
            return equipment.stage_map(s, item), item.purchase_date, queries.status_history_rows(s, item.id)

        def show(found) -> None:
            if self.model.uuid_at(self.selected_row()) != uuid:
                return  # another row was selected meanwhile
            stages, purchased, history = found
            for stage, editor in self.stage_editors.items():
                editor.show_stage(stages.get(stage), purchased)
            self.status_box.show_item(history)

        self.ctx.read(load, show, parent=self)
