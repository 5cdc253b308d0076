"""开放时间: the weekly schedule, closure notices and the daily opening log, with 今日开放登记."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout, QWidget

from storage.models import Closure, OpeningLog

from ..context import Change
from ..dialogs.opening_dialogs import ClosureDialog, OpeningLogDialog, today_defaults
from ..models.closure_model import ClosureTableModel
from ..models.log_model import OpeningLogTableModel
from ..schedule_widget import ScheduleWidget
from .register_base import RegisterPanel


class ClosurePanel(RegisterPanel):
    MODEL_CLASS = ClosureTableModel
    RECORD = Closure
    CHANGED = Change.CLOSURE
    STRETCH_COLUMN = 5
    SORT = ("start_date", True)

    def table_name(self) -> str:
        return self.tr("Closure notices")

    def open_dialog(self, uuid):
        return ClosureDialog(self.ctx, uuid, self)


class OpeningLogPanel(RegisterPanel):
    MODEL_CLASS = OpeningLogTableModel
    RECORD = OpeningLog
    SHEET_KIND = "opening_log"
    CHANGED = Change.OPENING_LOG
    STRETCH_COLUMN = 6
    SORT = ("log_date", True)
    SHEET_BUTTONS_BELOW = True  # 今日开放登记 makes the row too wide for 1024 pixels

    def extra_buttons(self, layout) -> None:
        self.today_button = QPushButton(self.tr("Log today's opening"))
        self.today_button.setObjectName("log_today")
        self.today_button.setStyleSheet("font-weight: bold;")
        self.today_button.clicked.connect(self.log_today)
        layout.insertWidget(0, self.today_button)

    def table_name(self) -> str:
        return self.tr("Opening log")

    def open_dialog(self, uuid):
        return OpeningLogDialog(self.ctx, uuid, self)

    def log_today(self) -> None:
        """Open today's entry: the existing one to correct it, or a new one filled from the schedule."""
        keeper = self.ctx.settings.keeper_name

        def show(found: dict) -> None:
            if "uuid" in found:
                self.open_record(found["uuid"])
            else:
                self._show(OpeningLogDialog(self.ctx, None, self, defaults=found))

        self.ctx.read(lambda s: today_defaults(s, keeper), show, parent=self)


class OpeningPage(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.schedule = ScheduleWidget(ctx)
        self.log = OpeningLogPanel(ctx)
        self.closures = ClosurePanel(ctx)
        self.tabs.addTab(self.schedule, self.tr("Weekly schedule"))
        self.tabs.addTab(self.log, self.tr("Opening log"))
        self.tabs.addTab(self.closures, self.tr("Closure notices"))
        lay.addWidget(self.tabs)

    def current_panel(self):
        w = self.tabs.currentWidget()
        return w if isinstance(w, RegisterPanel) else None

    def refresh(self) -> None:
        self.schedule.refresh()
        self.log.refresh()
        self.closures.refresh()

    def new_record(self):
        panel = self.current_panel()
        return panel.new_record() if panel else None

    def delete_selected(self):
        panel = self.current_panel()
        return panel.delete_selected() if panel else False

    def focus_search(self) -> None:
        panel = self.current_panel()
        if panel:
            panel.focus_search()

    def open_record(self, uuid: str, entity: str = "closure"):
        panel = self.closures if entity == "closure" else self.log
        self.tabs.setCurrentWidget(panel)
        return panel.open_record(uuid)
