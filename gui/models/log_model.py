"""The daily opening log table (开放登记)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from storage import queries

from .base import RegisterModel, fmt

# log_table_rows tuple: id, uuid, log_date, opened_at, closed_at, visitors, on_duty, notes, deleted_at, reason


class OpeningLogTableModel(RegisterModel):
    ID, UUID, DELETED, REASON = 0, 1, 8, 9
    DEFAULT_ORDER = "log_date"
    DEFAULT_DESCENDING = True

    def __init__(self, archive=None, parent=None):
        super().__init__(archive, parent)
        self.COLUMNS = [
            ("log_date", self.tr("Date")),
            ("opened_at", self.tr("Opened")),
            ("closed_at", self.tr("Closed")),
            (None, self.tr("Hours")),
            ("visitors", self.tr("Visitors")),
            ("on_duty", self.tr("On duty")),
            ("notes", self.tr("Notes")),
        ]

    def query(self, s, center_id, **kw):
        return queries.log_table_rows(s, center_id, **kw)

    def cell(self, row, column):
        if column == 0:
            return fmt(row[2])
        if column in (1, 2):
            return fmt(row[column + 2])
        if column == 3:
            opened, closed = row[3], row[4]
            minutes = (closed.hour * 60 + closed.minute) - (opened.hour * 60 + opened.minute)
            return f"{minutes / 60:.1f}"
        return fmt(row[column + 1])

    def alignment(self, column):
        if column in (3, 4):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None
