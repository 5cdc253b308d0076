"""Closures (闭馆公告) and extra openings; a closure posted under 7 days ahead shows in red."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from storage import queries, rules

from .base import RegisterModel, fmt

# closure_table_rows tuple: id, uuid, kind, start_date, end_date, start_time, end_time, notice_date, reason,
# deleted_at, delete_reason
LATE_BG = QColor("#f7b9b9")


class ClosureTableModel(RegisterModel):
    ID, UUID, DELETED, REASON = 0, 1, 9, 10
    DEFAULT_ORDER = "start_date"
    DEFAULT_DESCENDING = True

    def __init__(self, archive=None, parent=None):
        super().__init__(archive, parent)
        self.COLUMNS = [
            ("kind", self.tr("Kind")),
            ("start_date", self.tr("From")),
            ("end_date", self.tr("To")),
            (None, self.tr("Hours")),
            ("notice_date", self.tr("Posted on")),
            ("reason", self.tr("Reason")),
            (None, self.tr("Notice")),
        ]
        self._kinds = {"closure": self.tr("Closure"), "extra": self.tr("Extra opening")}
        self._late = self.tr("Posted late (under 7 days)")
        self._ok = self.tr("On time")

    def query(self, s, center_id, **kw):
        return queries.closure_table_rows(s, center_id, **kw)

    @staticmethod
    def late(row) -> bool:
        return row[2] == "closure" and rules.closure_posted_late(row[3], row[7])

    def cell(self, row, column):
        if column == 0:
            return self._kinds.get(row[2], row[2])
        if column == 1:
            return fmt(row[3])
        if column == 2:
            return fmt(row[4])
        if column == 3:
            return f"{fmt(row[5])}—{fmt(row[6])}" if row[5] else ""
        if column == 4:
            return fmt(row[7])
        if column == 5:
            return row[8]
        if row[2] != "closure":
            return ""
        return self._late if self.late(row) else self._ok

    def background(self, row, column):
        if column == 6 and self.late(row):
            return QBrush(LATE_BG)
        return None
