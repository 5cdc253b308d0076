"""Closures (闭馆公告) and extra openings; a closure posted under 7 days ahead shows in red."""

from __future__ import annotations

from storage import queries, rules

from .base import Column, RegisterModel, fmt

LATE_BG = "#f7b9b9"


def late(row) -> bool:
    return row.kind == "closure" and rules.closure_posted_late(row.start_date, row.notice_date)


def _hours(row) -> str:
    return f"{fmt(row.start_time)}—{fmt(row.end_time)}" if row.start_time else ""


class ClosureTableModel(RegisterModel):
    REGISTER = queries.CLOSURE
    DEFAULT_ORDER = "start_date"
    DEFAULT_DESCENDING = True

    def columns(self):
        kinds = {"closure": self.tr("Closure"), "extra": self.tr("Extra opening")}
        late_text = self.tr("Posted late (under 7 days)")
        on_time = self.tr("On time")

        def notice(row) -> str:
            if row.kind != "closure":
                return ""
            return late_text if late(row) else on_time

        return [
            Column("kind", self.tr("Kind"), lambda row: kinds.get(row.kind, row.kind)),
            Column("start_date", self.tr("From")),
            Column("end_date", self.tr("To")),
            Column("start_time", self.tr("Hours"), _hours, sortable=False),
            Column("notice_date", self.tr("Posted on")),
            Column("reason", self.tr("Reason")),
            Column("notice", self.tr("Notice"), notice, sortable=False,
                   background=lambda row: LATE_BG if late(row) else None),
        ]
