"""概览: this year's activities by quarter and category, participants, equipment and acceptance,
weekly hours against the standard, days since the last export, and the completeness findings."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from storage import glance, rules

from .. import labels
from ..context import Change
from ..widgets import BAD_COLOUR, OK_COLOUR

MAX_LISTED = 300  # a long list helps nobody; the full report is one click away
CATEGORY_COLOURS = ["#2e7d32", "#1565c0", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#8d6e63", "#ad1457",
                    "#558b2f", "#546e7a"]


class Card(QFrame):
    def __init__(self, title: str, name: str):
        super().__init__()
        self.setObjectName(name)
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet(f"QFrame#{name} {{ background: #ffffff; border: 1px solid #c9c9c9; border-radius: 6px; }}")
        lay = QVBoxLayout(self)
        self.title = QLabel(title)
        self.title.setStyleSheet("color: #555555;")
        self.value = QLabel()
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #555555;")
        for w in (self.title, self.value, self.detail):
            lay.addWidget(w)
        lay.addStretch(1)
        self.setAccessibleName(title)

    def set(self, value: str, detail: str = "", colour: str | None = None) -> None:
        self.value.setText(value)
        self.value.setStyleSheet(f"color: {colour};" if colour else "")
        self.detail.setText(detail)


def axis_ticks(top: int, max_ticks: int = 6) -> tuple[int, int]:
    """A whole-number axis from 0 that reaches ``top``: (upper bound, step), with at most ``max_ticks`` ticks
    and steps of 1, 2 or 5 × 10ⁿ, so every gridline falls on a labelled whole number."""
    top = max(int(top), 1)
    step = 1
    while True:
        for factor in (1, 2, 5):
            candidate = step * factor
            upper = -(-top // candidate) * candidate
            if upper // candidate + 1 <= max_ticks:
                return upper, candidate
        step *= 10


class OverviewPage(QWidget):
    open_record = Signal(str, str)  # entity, uuid ("" for a week without log: the opening log)
    action_requested = Signal(str)  # a "today" action: record_activity, log_today, print_quarter, export

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.year = date.today().year
        self.findings: list = []
        self.findings_checked = False  # the first self-check has come back
        lay = QVBoxLayout(self)
        lay.addLayout(self._build_actions())
        cards = QGridLayout()
        self.activities_card = Card(self.tr("Activities this year"), "card_activities")
        self.participants_card = Card(self.tr("Participants this year"), "card_participants")
        self.equipment_card = Card(self.tr("Equipment acceptance"), "card_equipment")
        self.hours_card = Card(self.tr("Opening hours this week"), "card_hours")
        self.export_card = Card(self.tr("Last export to the town"), "card_export")
        for i, card in enumerate((self.activities_card, self.participants_card, self.equipment_card,
                                  self.hours_card, self.export_card)):
            cards.addWidget(card, 0, i)
        lay.addLayout(cards)
        splitter = QSplitter(Qt.Horizontal)
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignRight)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.Antialiasing)
        self.chart_view.setMinimumHeight(200)
        self.chart_view.setAccessibleName(self.tr("Activities by quarter and category"))
        splitter.addWidget(self.chart_view)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.findings_title = QLabel(self.tr("Completeness self-check"))
        self.findings_title.setWordWrap(True)  # "…since 2025: 87 to look at" in large text at 1024 px
        self.findings_title.setStyleSheet("font-weight: bold;")
        head.addWidget(self.findings_title)
        head.addStretch(1)
        rl.addLayout(head)
        self.findings_list = QListWidget()
        self.findings_list.setAccessibleName(self.tr("Completeness findings"))
        self.findings_list.setWordWrap(True)
        self.findings_list.itemClicked.connect(self._activate)
        for key in (Qt.Key_Return, Qt.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.findings_list)
            shortcut.setContext(Qt.WidgetShortcut)
            shortcut.activated.connect(lambda: self.findings_list.currentItem()
                                       and self._activate(self.findings_list.currentItem()))
        rl.addWidget(self.findings_list, 1)
        hint = QLabel(self.tr("Click a finding to open the record."))
        hint.setStyleSheet("color: #555555;")
        rl.addWidget(hint)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        splitter.setChildrenCollapsible(False)
        self.chart_view.setMinimumWidth(360)
        lay.addWidget(splitter, 1)
        ctx.subscribe(self, set(Change) - {Change.BACKUP}, self._on_changed)
        self.refresh()

    def _build_actions(self) -> QHBoxLayout:
        """The keeper's day in four large buttons: what is done most, one click from the first screen."""
        row = QHBoxLayout()
        quarter = (date.today().month - 1) // 3 + 1
        self.action_buttons = {}
        for key, text in (("record_activity", self.tr("Record today's activity")),
                          ("log_today", self.tr("Log today's opening")),
                          ("print_quarter", self.tr("Print this quarter's dossier (Q{q})").format(q=quarter)),
                          ("export", self.tr("Export for the town station"))):
            button = QPushButton(text)
            button.setObjectName(f"action_{key}")
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.1)
            font.setBold(True)
            button.setFont(font)
            button.setMinimumHeight(button.fontMetrics().height() * 2 + 8)
            button.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
            button.setStyleSheet("QPushButton { background: #e3eefc; border: 1px solid #1565c0;"
                                 " border-radius: 6px; padding: 4px 10px; color: #0d3c80; }"
                                 " QPushButton:hover { background: #cfe0fa; }"
                                 " QPushButton:disabled { background: #eeeeee; border-color: #b0b0b0; color: #777777; }")
            button.clicked.connect(lambda _checked=False, k=key: self.action_requested.emit(k))
            row.addWidget(button)
            self.action_buttons[key] = button
        return row

    def _on_changed(self, changes) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_quarter_labels)  # once the chart has laid out its plot area

    def _fit_quarter_labels(self) -> None:
        """The quarters' labels in the page's font, smaller (down to 70 %) only where a quarter's column is too
        narrow for them: "一…" was all that showed at 1024×768 in large text."""
        axis = getattr(self, "axis_x", None)
        if axis is None:
            return
        font = self.font()
        column = self.chart.plotArea().width() / 4 - 30  # Qt Charts keeps a margin around each label
        for _ in range(4):
            widest = max(QFontMetrics(font).horizontalAdvance(label) for label in axis.categories())
            if widest <= column or font.pointSizeF() <= self.font().pointSizeF() * 0.7:
                break
            font.setPointSizeF(font.pointSizeF() * 0.9)
        axis.setLabelsFont(font)

    def showEvent(self, event) -> None:  # noqa: N802
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()
        super().showEvent(event)

    # -- figures -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The figures are read on the worker; the self-check follows them there."""
        if self.ctx.archive is None:
            return
        today, year = date.today(), self.year

        def load(s) -> dict:
            from storage import centers

            centers.own_center(s)  # an archive without its own center is refused in Chinese here
            return glance.dashboard(glance.driver_connection(s), year, today)

        self.ctx.read(load, self.show_figures, parent=self)

    def show_figures(self, figures: dict) -> None:
        self.figures_shown = True
        today = date.today()
        by_qc, eq = figures["by_qc"], figures["equipment"]
        participants, missing = figures["participants"]
        week_hours, standard = figures["week_hours"], figures["standard"]
        total = sum(by_qc.values())
        per_q = [sum(n for (q, _c), n in by_qc.items() if q == quarter) for quarter in (1, 2, 3, 4)]
        self.activities_card.set(str(total), self.tr("Q1 {a} · Q2 {b} · Q3 {c} · Q4 {d}").format(
            a=per_q[0], b=per_q[1], c=per_q[2], d=per_q[3]))
        self.participants_card.set(f"{participants:,}", self.tr("{n} activities without a count").format(n=missing)
                                   if missing else self.tr("every activity has a count"))
        acc = eq["acceptance"]
        parts = [self.tr("{n} passed all three acceptance stages").format(n=acc["passed"])]
        if acc["rectify"]:
            parts.append(self.tr("{n} to be rectified").format(n=acc["rectify"]))
        if acc["failed"]:
            parts.append(self.tr("{n} failed").format(n=acc["failed"]))
        if acc["pending"]:
            parts.append(self.tr("{n} not fully accepted yet").format(n=acc["pending"]))
        self.equipment_card.set(self.tr("{passed} / {total}").format(passed=acc["passed"], total=eq["total"]),
                                " · ".join(parts), OK_COLOUR if acc["passed"] == eq["total"] else BAD_COLOUR)
        self.hours_card.set(self.tr("{hours:g} h").format(hours=week_hours),
                            self.tr("standard {standard:g} h per week").format(standard=standard),
                            OK_COLOUR if week_hours >= standard else BAD_COLOUR)
        last = figures["last_export"]
        if last:
            try:
                days = (today - datetime.fromisoformat(last).date()).days
            except ValueError:
                days = None
            overdue = days is not None and rules.export_overdue(today - timedelta(days=days), today)
            when = last if days is None else self.tr("today") if days <= 0 else self.tr("{n} days ago").format(n=days)
            self.export_card.set(when, last[:10],
                                 BAD_COLOUR if overdue else OK_COLOUR)
        else:
            self.export_card.set(self.tr("never"), self.tr("send the archive to the town station each quarter"),
                                 BAD_COLOUR)
        self._draw_chart(by_qc)
        if self.ctx.archive is not None:  # shown from the file's glance while it opens: the check comes after
            self._load_findings()

    def set_opening(self, opening: bool) -> None:
        """While the archive opens (the figures came from ``storage.glance``), the buttons wait for it."""
        for button in self.action_buttons.values():
            button.setEnabled(not opening)
        if opening:
            self.findings_title.setText(self.tr("Completeness self-check (checking…)"))

    def _draw_chart(self, by_qc: dict) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.chart.setTitle(self.tr("Activities in {year} by quarter and category").format(year=self.year))
        series = QStackedBarSeries()
        used = [c for c in rules.ACTIVITY_CATEGORIES if any(by_qc.get((q, c)) for q in (1, 2, 3, 4))]
        for i, category in enumerate(used):
            bar = QBarSet(labels.category(category))
            bar.setBrush(QBrush(QColor(CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)])))
            for q in (1, 2, 3, 4):
                bar.append(by_qc.get((q, category), 0))
            series.append(bar)
        self.chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([self.tr("Q1"), self.tr("Q2"), self.tr("Q3"), self.tr("Q4")])
        axis_y = QValueAxis()
        top = max([sum(by_qc.get((q, c), 0) for c in used) for q in (1, 2, 3, 4)] + [1])
        upper, step = axis_ticks(top)
        axis_y.setRange(0, upper)
        axis_y.setTickType(QValueAxis.TicksDynamic)  # ticks at 0, step, 2·step…: labels are the true values
        axis_y.setTickAnchor(0)
        axis_y.setTickInterval(step)
        axis_y.setLabelFormat("%d")
        self.axis_y = axis_y
        self.chart.addAxis(axis_x, Qt.AlignBottom)
        self.chart.addAxis(axis_y, Qt.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        font = self.font()
        self.chart.setTitleFont(font)
        self.chart.legend().setFont(font)
        axis_x.setLabelsFont(font)
        axis_y.setLabelsFont(font)
        self.series, self.axis_x = series, axis_x
        QTimer.singleShot(0, self, self._fit_quarter_labels)

    # -- findings ---------------------------------------------------------------------------
    def _load_findings(self) -> None:
        archive = self.ctx.archive
        start = date(self.year - 1, 1, 1)

        def check(task):
            from storage import selfcheck

            return selfcheck.run(archive, start=start, integrity=False)

        self.findings_title.setText(self.tr("Completeness self-check (checking…)"))
        self.ctx.run_task(self.tr("Completeness self-check"), check, self._show_findings, on_error=self._failed,
                          parent=self, quiet=True)

    def _failed(self, error) -> None:
        self.findings_checked = True
        self.findings_title.setText(self.tr("Completeness self-check could not run"))

    def _show_findings(self, report) -> None:
        self.findings_checked = True
        self.findings = report.findings
        self.findings_list.clear()
        self.findings_title.setText(self.tr("Completeness self-check since {year}: {n} to look at").format(
            year=self.year - 1, n=len(self.findings)))
        for f in self.findings[:MAX_LISTED]:
            item = QListWidgetItem(labels.finding(f, self.ctx.settings.language))
            item.setToolTip(f.message)  # storage's sentence in full, as the archive and the dossier word it
            item.setData(Qt.UserRole, (f.entity or "", f.uuid or "", f.code))
            if f.severity == "error":
                item.setForeground(QBrush(QColor(BAD_COLOUR)))
            self.findings_list.addItem(item)
        if len(self.findings) > MAX_LISTED:
            self.findings_list.addItem(self.tr("… and {n} more: run the self-check in Settings for the full list.")
                                       .format(n=len(self.findings) - MAX_LISTED))
        if not self.findings:
            self.findings_list.addItem(self.tr("Nothing missing. Well done!"))

    def _activate(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.UserRole)
        if not data:
            return
        entity, uuid, code = data
        if entity in ("activity", "equipment", "closure") and uuid:
            self.open_record.emit(entity, uuid)
        elif code in ("week_without_log", "hours_under_standard", "no_schedule"):
            self.open_record.emit("opening_log" if code == "week_without_log" else "schedule", "")
