"""The activity register table (活动登记)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from storage import queries

from .base import RegisterModel, fmt

# activity_rows tuple: id, uuid, item_number, start_date, end_date, title, category, festival, location,
# organizer, participants, deleted_at, delete_reason, photos
_POS = {"item_number": 2, "start_date": 3, "title": 5, "category": 6, "festival": 7, "location": 8,
        "organizer": 9, "participants": 10, "photos": 13}


class ActivityTableModel(RegisterModel):
    ID, UUID, DELETED, REASON = 0, 1, 11, 12
    DEFAULT_ORDER = "item_number"
    PAGE_SIZE = 1000  # 100,000 activities: the first page shows at once, the rest loads while scrolling

    def __init__(self, archive=None, parent=None):
        super().__init__(archive, parent)
        self.COLUMNS = [
            ("item_number", self.tr("Item number")),
            ("start_date", self.tr("Date")),
            ("title", self.tr("Title")),
            ("category", self.tr("Category")),
            ("festival", self.tr("Festival")),
            ("location", self.tr("Location")),
            ("organizer", self.tr("Organizer")),
            ("participants", self.tr("Participants")),
            (None, self.tr("Photos")),
        ]
        self._keys = ["item_number", "start_date", "title", "category", "festival", "location", "organizer",
                      "participants", "photos"]

    def query(self, s, center_id, **kw):
        return queries.activity_page(s, center_id, **kw)

    def count(self, s, center_id, **filters):
        return queries.activity_count(s, center_id, **filters)

    def cell(self, row, column):
        key = self._keys[column]
        value = row[_POS[key]]
        if key == "start_date" and row[4] and row[4] != value:
            return f"{fmt(value)}—{fmt(row[4])}"
        if key == "photos":
            return str(value or 0)
        return fmt(value)

    def alignment(self, column):
        if self._keys[column] in ("participants", "photos"):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None
