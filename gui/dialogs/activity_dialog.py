"""Add or edit an activity (活动). The item number is given by the archive and cannot be edited."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QPlainTextEdit

from storage import activities, records, rules
from storage.models import Activity

from .. import labels
from ..context import Change
from ..models.base import fmt
from ..widgets import combo, date_edit, line_edit, read_only
from .base import EditDialog


class ActivityDialog(EditDialog):
    CHANGED = Change.ACTIVITY
    MODEL = Activity
    ATTACHMENTS = True

    def __init__(self, ctx, uuid: str | None = None, parent=None):
        super().__init__(ctx, uuid, parent)
        self.setWindowTitle(self.tr("New activity") if uuid is None else self.tr("Edit activity"))

    def build(self) -> None:
        a = self.record
        f = self.form
        number = line_edit(a.item_number if a else self.tr("(given when saved)"))
        read_only(number)
        f.add("item_number", self.tr("Item number"), number)
        f.add("start_date", self.tr("Date"), date_edit(a.start_date if a else None))
        self.multi_day = QCheckBox(self.tr("Lasted several days"))
        self.multi_day.setChecked(bool(a and a.end_date and a.end_date != a.start_date))
        f.form.addRow("", self.multi_day)
        end = f.add("end_date", self.tr("End date"), date_edit(a.end_date if a and a.end_date else
                                                               (a.start_date if a else None)))
        end.setEnabled(self.multi_day.isChecked())
        self.multi_day.toggled.connect(end.setEnabled)
        f.add("start_time", self.tr("Start time"), line_edit(fmt(a.start_time) if a else "", example_value="09:00"))
        f.add("end_time", self.tr("End time"), line_edit(fmt(a.end_time) if a else "", example_value="11:30"))
        f.add("title", self.tr("Title"), line_edit(a.title if a else ""))
        f.add("category", self.tr("Category"), combo([(c, labels.category(c)) for c in rules.ACTIVITY_CATEGORIES],
                                                       a.category if a else None))
        festivals = [("", self.tr("(none)"))] + [(x, labels.festival(x)) for x in rules.FESTIVALS]
        f.add("festival", self.tr("Festival"), combo(festivals, (a.festival or "") if a else ""))
        f.add("location", self.tr("Location"), line_edit(a.location if a else ""))
        f.add("organizer", self.tr("Organizer"), line_edit(a.organizer if a else ""))
        participants = "" if not a or a.participants is None else str(a.participants)
        f.add("participants", self.tr("Participants"), line_edit(participants, example_value="120"))
        summary = QPlainTextEdit(a.summary if a else "")
        summary.setTabChangesFocus(True)
        summary.setMinimumHeight(90)
        f.add("summary", self.tr("Summary"), summary)

    def fields(self) -> dict:
        f = self.form
        out = {k: f.value(k) for k in ("start_date", "start_time", "end_time", "title", "category", "festival",
                                       "location", "organizer", "participants", "summary")}
        out["end_date"] = f.value("end_date") if self.multi_day.isChecked() else None
        return out

    def write(self, s, values: dict):
        actor = self.ctx.archive.actor
        if self.uuid is None:
            return activities.create_activity(s, actor, self.ctx.own_center(s), **values)
        a = records.get(s, Activity, self.uuid)
        activities.update_activity(s, actor, a, **values)
        return a
