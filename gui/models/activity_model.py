"""The activity register table (活动登记)."""

from __future__ import annotations

from storage import queries

from .. import labels
from .base import RIGHT, Column, RegisterModel, fmt


def _dates(row) -> str:
    if row.end_date and row.end_date != row.start_date:
        return f"{fmt(row.start_date)}—{fmt(row.end_date)}"
    return fmt(row.start_date)


class ActivityTableModel(RegisterModel):
    REGISTER = queries.ACTIVITY
    DEFAULT_ORDER = "item_number"
    PAGE_SIZE = 1000  # 100,000 activities: the first page shows at once, the rest loads while scrolling

    def columns(self):
        return [
            Column("item_number", self.tr("Item number")),
            Column("start_date", self.tr("Date"), _dates),
            Column("title", self.tr("Title")),
            Column("category", self.tr("Category"), lambda row: labels.category(row.category)),
            Column("festival", self.tr("Festival"), lambda row: labels.festival(row.festival)),
            Column("location", self.tr("Location")),
            Column("organizer", self.tr("Organizer")),
            Column("participants", self.tr("Participants"), align=RIGHT),
            Column("photos", self.tr("Photos"), lambda row: str(row.photos or 0), sortable=False, align=RIGHT),
        ]
