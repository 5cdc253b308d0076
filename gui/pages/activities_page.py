"""活动: the activity register."""

from __future__ import annotations

from datetime import date

from storage import queries, rules
from storage.models import Activity

from ..context import Change
from ..dialogs.activity_dialog import ActivityDialog
from ..models.activity_model import ActivityTableModel
from .register_base import RegisterPage


class ActivitiesPage(RegisterPage):
    MODEL_CLASS = ActivityTableModel
    RECORD = Activity
    SHEET_KIND = "activity"
    CHANGED = Change.ACTIVITY
    CATEGORIES = rules.ACTIVITY_CATEGORIES
    SORT = ("start_date", True)

    def years(self, s):
        found = queries.activity_years(s, self.model.center_id(s))
        this = date.today().year
        return sorted(set(found) | {this}, reverse=True) if found else super().years(s)

    def table_name(self) -> str:
        return self.tr("Activity register")

    def open_dialog(self, uuid):
        return ActivityDialog(self.ctx, uuid, self)
