"""The daily opening log table (开放登记)."""

from __future__ import annotations

from storage import queries

from .base import RIGHT, Column, RegisterModel


def _hours(row) -> str:
    opened, closed = row.opened_at, row.closed_at
    minutes = (closed.hour * 60 + closed.minute) - (opened.hour * 60 + opened.minute)
    return f"{minutes / 60:.1f}"


class OpeningLogTableModel(RegisterModel):
    REGISTER = queries.OPENING_LOG
    DEFAULT_ORDER = "log_date"
    DEFAULT_DESCENDING = True

    def columns(self):
        return [
            Column("log_date", self.tr("Date")),
            Column("opened_at", self.tr("Opened")),
            Column("closed_at", self.tr("Closed")),
            Column("hours", self.tr("Hours"), _hours, sortable=False, align=RIGHT),
            Column("visitors", self.tr("Visitors"), align=RIGHT),
            Column("on_duty", self.tr("On duty")),
            Column("notes", self.tr("Notes")),
        ]
