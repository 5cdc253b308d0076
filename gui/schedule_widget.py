"""The weekly opening schedule of one facility: a clear table of the week, add and remove slots,
and the center's weekly total against the standard (green when met, red when not)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from storage import centers, hours, opening, queries, records, rules
from storage.models import Facility, ScheduleSlot

from .context import Change
from .widgets import BAD_COLOUR, OK_COLOUR, FieldForm, combo, date_edit, line_edit


def _minutes(t) -> int:
    return t.hour * 60 + t.minute + (1 if (t.hour, t.minute) == (23, 59) else 0)


class ScheduleWidget(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.weekdays = [
            self.tr("Monday"),
            self.tr("Tuesday"),
            self.tr("Wednesday"),
            self.tr("Thursday"),
            self.tr("Friday"),
            self.tr("Saturday"),
            self.tr("Sunday"),
        ]
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Facility:")))
        self.facility = QComboBox()
        self.facility.setAccessibleName(self.tr("Facility"))
        self.facility.setMinimumWidth(220)
        self.facility.currentIndexChanged.connect(lambda _i: self.show_slots())
        top.addWidget(self.facility)
        self.add_facility_button = QPushButton(self.tr("Add facility…"))
        self.add_facility_button.clicked.connect(self.add_facility)
        top.addWidget(self.add_facility_button)
        top.addStretch(1)
        self.total = QLabel()
        self.total.setObjectName("weekly_total")
        self.total.setAccessibleName(self.tr("Weekly opening hours"))
        top.addWidget(self.total)
        lay.addLayout(top)

        self.week = QTableWidget(7, 2)
        self.week.setAccessibleName(self.tr("Weekly schedule"))
        self.week.setHorizontalHeaderLabels([self.tr("Opening times"), self.tr("Hours")])
        self.week.setVerticalHeaderLabels(self.weekdays)
        self.week.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.week.setEditTriggers(QTableWidget.NoEditTriggers)
        self.week.setSelectionMode(QTableWidget.NoSelection)
        self.week.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.week.setFixedHeight(7 * (self.fontMetrics().height() + 12) + self.fontMetrics().height() + 16)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        columns.addLayout(left, 3)
        lay.addLayout(columns, 1)
        left.addWidget(self.week)

        self.slots = QTableWidget(0, 5)
        self.slots.setAccessibleName(self.tr("Opening slots"))
        self.slots.setHorizontalHeaderLabels([self.tr("Weekday"), self.tr("From"), self.tr("To"),
                                              self.tr("Valid from"), self.tr("Valid until")])
        self.slots.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.slots.setEditTriggers(QTableWidget.NoEditTriggers)
        self.slots.setSelectionBehavior(QTableWidget.SelectRows)
        self.slots.setSelectionMode(QTableWidget.SingleSelection)
        left.addWidget(self.slots, 1)
        row = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("Remove selected slot…"))
        self.remove_button.clicked.connect(self.remove_slot)
        row.addWidget(self.remove_button)
        self.end_button = QPushButton(self.tr("End selected slot on a date…"))
        self.end_button.setToolTip(self.tr("For changed opening hours: the old slot still counts for past weeks."))
        self.end_button.clicked.connect(self.end_slot)
        row.addWidget(self.end_button)
        row.addStretch(1)
        left.addLayout(row)

        box = QGroupBox(self.tr("Add an opening slot"))
        bl = QVBoxLayout(box)
        self.form = FieldForm()
        f = self.form
        f.add("weekday", self.tr("Weekday"), combo([(str(i), d) for i, d in enumerate(self.weekdays)]))
        f.add("start_time", self.tr("From"), line_edit(example_value="09:00"))
        f.add("end_time", self.tr("To"), line_edit(example_value="12:00"))
        f.add("effective_from", self.tr("Valid from"), date_edit(date.today()))
        f.finish()
        bl.addWidget(f)
        self.add_button = QPushButton(self.tr("Add slot"))
        self.add_button.clicked.connect(self.add_slot)
        bl.addWidget(self.add_button)
        bl.addStretch(1)
        box.setMinimumWidth(340)
        columns.addWidget(box, 1)
        self.refresh()

    # -- data (read and written on the database worker) ---------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """The facilities, then the selected one's slots (``select``: a facility uuid to show)."""
        current = select or self.facility.currentData()

        def show(facilities) -> None:
            self.facility.blockSignals(True)
            self.facility.clear()
            for name, uuid in facilities:
                self.facility.addItem(name, uuid)
            self.facility.setCurrentIndex(max(self.facility.findData(current), 0))
            self.facility.blockSignals(False)
            self.show_slots()

        self.ctx.read(lambda s: [(f.name, f.uuid) for f in centers.facilities(s, self.ctx.own_center(s))], show,
                      parent=self)

    def show_slots(self) -> None:
        uuid = self.facility.currentData()
        today = date.today()

        def load(s):
            center = self.ctx.own_center(s)
            slots = queries.facility_slots(s, records.get(s, Facility, uuid).id) if uuid else []
            return center.weekly_standard_hours, hours.scheduled_week_hours(s, center, today), slots

        self.ctx.read(load, lambda found: self._show_slots(uuid, *found), parent=self)

    def _show_slots(self, uuid, standard, week_hours, slots) -> None:
        today = date.today()
        monday = today - timedelta(days=today.weekday())
        for day in range(7):
            todays = [sl for sl in slots if rules.slot_in_effect(sl, monday + timedelta(days=day))]
            text = "，".join(f"{sl.start_time:%H:%M}—{sl.end_time:%H:%M}" for sl in todays) or self.tr("closed")
            minutes = sum(_minutes(sl.end_time) - _minutes(sl.start_time) for sl in todays)
            self.week.setItem(day, 0, QTableWidgetItem(text))
            item = QTableWidgetItem(f"{minutes / 60:g}")
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.week.setItem(day, 1, item)
        self.slots.setRowCount(len(slots))
        for r, sl in enumerate(slots):
            values = (self.weekdays[sl.weekday], f"{sl.start_time:%H:%M}", f"{sl.end_time:%H:%M}",
                      str(sl.effective_from), str(sl.effective_to or ""))
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.UserRole, sl.uuid)
                self.slots.setItem(r, c, item)
        ok = week_hours >= standard
        self.total.setText(self.tr("This week the center opens {hours:g} h (standard {standard:g} h)")
                           .format(hours=week_hours, standard=standard))
        colour = OK_COLOUR if ok else BAD_COLOUR
        self.total.setStyleSheet(f"color: white; background: {colour}; padding: 4px 10px; border-radius: 4px;"
                                 " font-weight: bold;")
        self.total.setProperty("meets_standard", ok)
        self.week.setStyleSheet("")
        for day in range(7):
            if self.week.item(day, 1).text() == "0":
                self.week.item(day, 0).setForeground(QBrush(QColor("#777777")))
        self.add_button.setEnabled(bool(uuid))
        self.remove_button.setEnabled(bool(slots))
        self.end_button.setEnabled(bool(slots))

    # -- edits --------------------------------------------------------------------------------
    def add_facility(self) -> bool:
        name, ok = QInputDialog.getText(self, self.tr("Add facility"),
                                        self.tr("Name of the room or place (for example: farmer's bookhouse):"))
        if not ok:
            return False
        archive = self.ctx.archive
        self.ctx.write(lambda s: centers.add_facility(s, archive.actor, self.ctx.own_center(s), name=name).uuid,
                       lambda uuid: self.refresh(select=uuid), changes=Change.SCHEDULE, parent=self,
                       title=self.tr("Not added"))
        return True

    def add_slot(self) -> bool:
        uuid = self.facility.currentData()
        if not uuid:
            return False
        values = {k: self.form.value(k) for k in ("weekday", "start_time", "end_time", "effective_from")}
        archive = self.ctx.archive

        def added(_r) -> None:
            self.form.fields["start_time"].clear()
            self.form.fields["end_time"].clear()
            self.show_slots()

        self.ctx.write(lambda s: opening.add_slot(s, archive.actor, records.get(s, Facility, uuid), **values), added,
                       changes=Change.SCHEDULE, parent=self, form=self.form)
        return True

    def end_slot(self) -> bool:
        """Set the last day a slot is valid (new opening hours from the next day keep the history right)."""
        items = self.slots.selectedItems()
        if not items:
            return False
        uuid = items[0].data(Qt.UserRole)
        text, ok = QInputDialog.getText(self, self.tr("End slot"),
                                        self.tr("Last day this slot is valid (for example 2024-06-30):"),
                                        text=date.today().isoformat())
        if not ok:
            return False
        archive = self.ctx.archive
        self.ctx.write(lambda s: opening.update_slot(s, archive.actor, records.get(s, ScheduleSlot, uuid),
                                                     effective_to=text.strip()),
                       lambda _r: self.show_slots(), changes=Change.SCHEDULE, parent=self,
                       title=self.tr("Not changed"))
        return True

    def remove_slot(self) -> bool:
        items = self.slots.selectedItems()
        if not items:
            return False
        uuid = items[0].data(Qt.UserRole)
        reason, ok = QInputDialog.getText(self, self.tr("Remove slot"),
                                          self.tr("Why is this slot removed? (for example: new opening hours)"))
        if not ok:
            return False
        archive = self.ctx.archive
        self.ctx.write(lambda s: records.delete(s, archive.actor, records.get(s, ScheduleSlot, uuid), reason),
                       lambda _r: self.show_slots(), changes=Change.SCHEDULE, parent=self,
                       title=self.tr("Not removed"))
        return True
