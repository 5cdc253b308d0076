"""A record's history from the audit trail: when, who, what, which fields changed, why."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from storage import audit

from ..models.base import fmt


class HistoryDialog(QDialog):
    def __init__(self, ctx, uuid: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("History of this record"))
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Record history"))
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"),
                                              self.tr("Changes"), self.tr("Reason")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setWordWrap(True)
        lay.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        self.entries = []
        self.resize(900, 420)

        def load(s):
            entries = audit.history(s, uuid)
            return entries, [audit.changed_fields(e) for e in entries]

        ctx.read(load, self._show_entries, parent=self)

    def _show_entries(self, found) -> None:
        self.entries, changed = found
        rows = []
        for e, fields in zip(self.entries, changed, strict=True):
            changes = "；".join(f"{self.field_label(k)}：{fmt(a)} → {fmt(b)}" for k, (a, b) in fields.items())
            rows.append((fmt(e.at), e.actor, audit.ACTION_NAMES.get(e.action, e.action), changes, e.reason or ""))
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()

    def field_label(self, key: str) -> str:
        labels = {
            "start_date": self.tr("date"),
            "end_date": self.tr("end date"),
            "start_time": self.tr("start time"),
            "end_time": self.tr("end time"),
            "title": self.tr("title"),
            "category": self.tr("category"),
            "festival": self.tr("festival"),
            "location": self.tr("location"),
            "organizer": self.tr("organizer"),
            "participants": self.tr("participants"),
            "summary": self.tr("summary"),
            "name": self.tr("name"),
            "model_spec": self.tr("model"),
            "quantity": self.tr("quantity"),
            "unit_price_fen": self.tr("unit price (fen)"),
            "funding_source": self.tr("funding source"),
            "purchase_date": self.tr("purchase date"),
            "supplier": self.tr("supplier"),
            "custodian": self.tr("custodian"),
            "status": self.tr("status"),
            "deleted_at": self.tr("deleted at"),
            "deleted_by": self.tr("deleted by"),
            "delete_reason": self.tr("delete reason"),
            "log_date": self.tr("log date"),
            "opened_at": self.tr("opened at"),
            "closed_at": self.tr("closed at"),
            "visitors": self.tr("visitors"),
            "on_duty": self.tr("on duty"),
            "notes": self.tr("notes"),
            "reason": self.tr("reason"),
            "notice_date": self.tr("notice date"),
            "kind": self.tr("kind"),
            "caption": self.tr("caption"),
        }
        return labels.get(key, key)

    def actions(self) -> list[str]:
        return [self.table.item(r, 2).text() for r in range(self.table.rowCount())]
