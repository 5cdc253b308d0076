"""The shared register panel: search, filters, a table over one RegisterModel, and the record buttons.

Filtering and sorting are SQL queries (``storage.queries``); typing in the search box re-queries after
a short pause, so 100,000 activities stay responsive."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage import records

from .. import labels
from ..context import Change

SEARCH_DELAY_MS = 250
RESIZE_EVENT = QEvent.Resize  # looked up once: PySide6 enum reads are slow


class RowNumberHeader(QHeaderView):
    """The row numbers at the left of a register. Qt sizes a vertical header by asking the model about its
    first and last 100 rows, four questions each, from Python: ~800 calls, again whenever rows arrive. The
    widest number is known without asking."""

    def __init__(self, parent=None):
        super().__init__(Qt.Vertical, parent)
        self.setSectionsClickable(True)  # as QTableView's own: a click selects the row
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        width = self.fontMetrics().horizontalAdvance(str(max(rows, 1))) + 2 * self.style().pixelMetric(
            QStyle.PM_HeaderMargin, None, self) + 4
        return QSize(width, self.defaultSectionSize())


class RegisterPanel(QWidget):
    """Subclasses set ``MODEL_CLASS`` (table model), ``RECORD`` (ORM class), ``SHEET_KIND`` (or None),
    ``CHANGED`` (the ``Change`` its writes announce and it refreshes on) and implement ``open_dialog(uuid)``;
    ``CATEGORIES`` and ``STATUSES`` add filters. Every query runs on the database worker."""

    MODEL_CLASS = None
    RECORD = None
    SHEET_KIND: str | None = None
    CHANGED = Change.ALL
    CATEGORIES: tuple = ()
    DYNAMIC_CATEGORIES = False  # True: the category filter lists what the register holds (``categories()``)
    STATUSES: tuple = ()
    HAS_QUARTER = True
    STRETCH_COLUMN = 2
    SHEET_BUTTONS_BELOW = False
    THIS_YEAR_FIRST = True  # open on the current year (False: a stock such as the equipment ledger)
    SORT: tuple[str, bool] | None = None  # (column key, descending) the register opens with: newest first

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = self.MODEL_CLASS(ctx, self)
        if self.SORT is not None:
            self.model.order, self.model.descending = self.SORT
        self.open_dialogs: list = []
        self._build()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self._sized = False
        self._select_next: str | None = None  # a record to select once the rows are shown again
        ctx.subscribe(self, {self.CHANGED, Change.ATTACHMENT}, self._on_changed)
        self.refresh()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)
        bar.addWidget(self.search, 2)
        self.year = QComboBox()
        self.year.setAccessibleName(self.tr("Year"))
        bar.addWidget(self.year)
        self.quarter = QComboBox()
        self.quarter.setAccessibleName(self.tr("Quarter"))
        self.quarter.addItem(self.tr("All quarters"), None)
        for q in (1, 2, 3, 4):
            self.quarter.addItem(self.tr("Quarter {n}").format(n=q), q)
        self.quarter.setVisible(self.HAS_QUARTER)
        bar.addWidget(self.quarter)
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Category"))
        self.category.addItem(self.tr("All categories"), None)
        self.category.setVisible(bool(self.CATEGORIES) or self.DYNAMIC_CATEGORIES)
        bar.addWidget(self.category)
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status"))
        self.status.addItem(self.tr("All statuses"), None)
        for st in self.STATUSES:
            self.status.addItem(labels.status(st), st)
        self.status.setVisible(bool(self.STATUSES))
        bar.addWidget(self.status)
        self.show_deleted = QComboBox()
        self.show_deleted.setAccessibleName(self.tr("Which records"))
        self.show_deleted.addItem(self.tr("Current records"), "live")
        self.show_deleted.addItem(self.tr("Deleted records"), "deleted")
        self.show_deleted.addItem(self.tr("All records"), "all")
        bar.addWidget(self.show_deleted)
        for w in (self.year, self.quarter, self.category, self.status, self.show_deleted):
            w.setSizeAdjustPolicy(QComboBox.AdjustToContents)  # "全部年度" whole, in large text too
            w.currentIndexChanged.connect(lambda _i: self.apply_filters())
        lay.addLayout(bar)

        self.table = QTableView()
        self.table.setVerticalHeader(RowNumberHeader(self.table))
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.table_name())
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(max(self.model.column_of(self.model.order), 0),
                                Qt.DescendingOrder if self.model.descending else Qt.AscendingOrder)
        header.sortIndicatorChanged.connect(self.model.sort)
        header.setStretchLastSection(False)
        self.table.activated.connect(lambda _i: self.edit_selected())  # double-click or Enter
        self.table.viewport().installEventFilter(self)  # the stretch column follows the table's width
        lay.addWidget(self.table, 1)

        delete_action = QAction(self.tr("Delete"), self.table)
        delete_action.setShortcut(QKeySequence.Delete)
        delete_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(delete_action)

        self._record_row = QWidget()
        buttons = QHBoxLayout(self._record_row)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.new_button = QPushButton(self.tr("New… (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_record)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete… (Del)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.clicked.connect(self.history_selected)
        for b in (self.new_button, self.edit_button, self.delete_button, self.restore_button, self.history_button):
            buttons.addWidget(b)
        self.extra_buttons(buttons)
        buttons.addStretch(1)
        self._sheet_row = QWidget()
        self._sheet_row.setMinimumWidth(1)  # it moves to a row of its own rather than widen the window
        buttons = QHBoxLayout(self._sheet_row)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        if self.SHEET_KIND:
            self.import_button = QPushButton(self.tr("Import sheet…"))
            self.import_button.clicked.connect(self.import_sheet)
            self.export_button = QPushButton(self.tr("Export Excel…"))
            self.export_button.clicked.connect(self.export_sheet)
            buttons.addWidget(self.import_button)
            buttons.addWidget(self.export_button)
        self.count_label = QLabel()
        buttons.addWidget(self.count_label)
        self._button_grid = QGridLayout()
        self._button_grid.setContentsMargins(0, 0, 0, 0)
        self._button_grid.addWidget(self._record_row, 0, 0)
        self._sheets_below = None
        self._arrange_buttons()
        lay.addLayout(self._button_grid)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.setTabOrder(self.search, self.year)
        self.setTabOrder(self.year, self.quarter)
        self.setTabOrder(self.quarter, self.category)
        self.setTabOrder(self.category, self.status)
        self.setTabOrder(self.status, self.show_deleted)
        self.setTabOrder(self.show_deleted, self.table)
        self.setTabOrder(self.table, self.new_button)

    def _arrange_buttons(self) -> None:
        """The sheet buttons and the count beside the record buttons, or on a row below them when the page is
        narrower than both (large text on a 1024-pixel screen) or the page has many buttons."""
        spacing = self._button_grid.horizontalSpacing() if self._button_grid.horizontalSpacing() >= 0 else 6
        needed = self._record_row.sizeHint().width() + self._sheet_row.sizeHint().width() + spacing
        below = self.SHEET_BUTTONS_BELOW or self.width() < needed
        if below == self._sheets_below:
            return
        self._sheets_below = below
        self._button_grid.removeWidget(self._sheet_row)
        self._button_grid.addWidget(self._sheet_row, *((1, 0) if below else (0, 1)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange_buttons()

    def table_name(self) -> str:
        return self.tr("Register table")

    def extra_buttons(self, layout) -> None:
        """Subclasses may add buttons after the record buttons."""

    # -- filters ------------------------------------------------------------------------------
    def years(self, s) -> list[int]:
        this = date.today().year
        return list(range(this, 2016, -1))

    def categories(self, s) -> list[str]:
        return list(self.CATEGORIES)

    def _fill_categories(self, found: list[str]) -> None:
        current = self.category.currentData()
        self.category.blockSignals(True)
        while self.category.count() > 1:
            self.category.removeItem(1)
        for c in found:
            self.category.addItem(labels.category(c), c)
        self.category.setCurrentIndex(max(self.category.findData(current), 0))
        self.category.blockSignals(False)

    def _fill_years(self, found: list[int]) -> None:
        current = self.year.currentData()
        if self.year.count() == 0 and self.THIS_YEAR_FIRST:
            current = date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("All years"), None)
        for y in found:
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)

    def filter_values(self) -> dict:
        which = self.show_deleted.currentData()
        out = {"text": self.search.text().strip() or None, "year": self.year.currentData(),
               "include_deleted": which == "all", "deleted_only": which == "deleted"}
        if self.HAS_QUARTER:
            out["quarter"] = self.quarter.currentData() if out["year"] else None
        if self.CATEGORIES or self.DYNAMIC_CATEGORIES:
            out["category"] = self.category.currentData()
        if self.STATUSES:
            out["status"] = self.status.currentData()
        return out

    def apply_filters(self, then=None) -> None:
        """Query with what the filters say (on the worker); ``then()`` once the rows are shown."""
        self._search_timer.stop()
        self.quarter.setEnabled(self.year.currentData() is not None)
        selected = self.selected_uuid()

        def shown():
            self.count_label.setText(self.tr("{n} records").format(n=self.model.total))
            wanted, self._select_next = self._select_next, None
            if wanted or selected:
                self.select_uuid(wanted or selected, fetch=wanted is not None,
                                 then=lambda found: self._reveal_saved(wanted, found))
            self.update_buttons()
            if not self._sized and self.model.rowCount():
                self._sized = True
                self.resize_columns()
            if then is not None:
                then()

        self.model.set_filters(then=shown, **self.filter_values())

    def _reveal_saved(self, uuid: str | None, found: bool) -> None:
        """A record just saved in another year than the one shown: show all years, so it is seen."""
        if uuid is None or uuid != getattr(self, "_reveal", None):
            return
        self._reveal = None
        if not found and self.year.currentData() is not None:
            self._select_next = uuid
            self.year.setCurrentIndex(0)

    def refresh(self, then=None) -> None:
        """The year and category lists, then the rows, all read on the worker."""
        self.model._center_id = None
        years, categories = self.years, self.categories
        with_categories = bool(self.CATEGORIES or self.DYNAMIC_CATEGORIES)

        def load(s):
            return years(s), (categories(s) if with_categories else [])

        def done(found):
            self._fill_years(found[0])
            self._fill_categories(found[1])
            self.apply_filters(then)

        if self.ctx.archive is None:
            return
        self.ctx.read(load, done, parent=self)

    def _on_changed(self, changes) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()

    # -- selection -----------------------------------------------------------------------------
    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_uuid(self) -> str | None:
        return self.model.uuid_at(self.selected_row())

    def select_uuid(self, uuid: str, fetch: bool = True, then=None) -> bool:
        """Select a record; ``fetch`` loads further pages (on the worker) until it is found, never when
        merely re-filtering. ``then(found)`` runs once it is settled."""
        row = self.model.row_of_uuid(uuid)
        if row < 0 and fetch and self.model.canFetchMore():
            self.model.fetch_more(until_uuid=uuid, then=lambda: self.select_uuid(uuid, False, then))
            return False
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        if then is not None:
            then(row >= 0)
        return row >= 0

    def update_buttons(self) -> None:
        row = self.selected_row()
        has = row >= 0
        deleted = has and self.model.deleted_at_row(row)
        self.edit_button.setEnabled(has and not deleted)
        self.delete_button.setEnabled(has and not deleted)
        self.restore_button.setEnabled(deleted)
        self.history_button.setEnabled(has)

    # -- actions ---------------------------------------------------------------------------------
    def open_dialog(self, uuid: str | None):  # pragma: no cover - abstract
        raise NotImplementedError

    def _show(self, dialog):
        self.open_dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._dialog_closed(d))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog) -> None:
        if dialog in self.open_dialogs:
            self.open_dialogs.remove(dialog)
        if dialog.saved_uuid:
            self._select_next = self._reveal = dialog.saved_uuid
            self.apply_filters()

    def new_record(self):
        return self._show(self.open_dialog(None))

    def edit_selected(self):
        uuid = self.selected_uuid()
        if uuid is None or self.model.deleted_at_row(self.selected_row()):
            return None
        return self._show(self.open_dialog(uuid))

    def open_record(self, uuid: str):
        """Show and open one record (from the dashboard's findings), whatever the filters say."""
        def settled(found: bool) -> None:
            if found:
                return
            for combo in (self.search, self.year, self.show_deleted):
                combo.blockSignals(True)
            self.search.clear()
            self.year.setCurrentIndex(0)
            self.show_deleted.setCurrentIndex(2)
            for combo in (self.search, self.year, self.show_deleted):
                combo.blockSignals(False)
            self._select_next = uuid
            self.apply_filters()

        self.select_uuid(uuid, then=settled)
        return self._show(self.open_dialog(uuid))

    def delete_selected(self) -> bool:
        row = self.selected_row()
        if row < 0 or self.model.deleted_at_row(row):
            return False
        uuid = self.model.uuid_at(row)
        label = self.model.index(row, 0).data()
        reason, ok = QInputDialog.getText(
            self, self.tr("Delete record"),
            self.tr("Why is “{what}” deleted? (for example: entered twice, wrong information)\n"
                    "Nothing is lost: deleted records can be shown and restored.").format(what=label))
        if not ok:
            return False
        model, archive = self.RECORD, self.ctx.archive
        self.ctx.write(lambda s: records.delete(s, archive.actor, records.get(s, model, uuid), reason),
                       changes=self.CHANGED, parent=self, title=self.tr("Not deleted"))
        return True

    def restore_selected(self) -> bool:
        row = self.selected_row()
        if row < 0 or not self.model.deleted_at_row(row):
            return False
        uuid = self.model.uuid_at(row)
        model, archive = self.RECORD, self.ctx.archive
        self._select_next = uuid
        self.ctx.write(lambda s: records.restore(s, archive.actor, records.get(s, model, uuid)), changes=self.CHANGED,
                       parent=self, title=self.tr("Not restored"))
        return True

    def history_selected(self):
        uuid = self.selected_uuid()
        if uuid is None:
            return None
        from ..dialogs.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.ctx, uuid, self)
        dialog.open()
        return dialog

    def import_sheet(self) -> None:
        from gui import sheet_actions  # imported only when used: openpyxl is slow to import

        sheet_actions.import_sheet(self.ctx, self.SHEET_KIND, self)

    def export_sheet(self) -> None:
        from gui import sheet_actions

        sheet_actions.export_sheet(self.ctx, self.SHEET_KIND, self)


    def resize_columns(self) -> None:
        """Widths from the header and the first rows (never resizeColumnsToContents on 100k rows). The stretch
        column (the title, the name) takes the spare width but never less than its own text needs: when the
        columns are wider than the screen, the ones at the right scroll into view instead of the name
        shrinking to "…" (a Stretch section gets nothing once the others fill the view)."""
        header = self.table.horizontalHeader()
        fm = self.fontMetrics()
        for c in range(self.model.columnCount()):
            text = self.model.headerData(c, Qt.Horizontal)
            samples = [str(self.model.index(r, c).data() or "") for r in range(min(self.model.rowCount(), 30))]
            width = max([fm.horizontalAdvance(str(text))] + [fm.horizontalAdvance(x) for x in samples]) + 28
            if c == self.STRETCH_COLUMN:
                self._stretch_floor = max(min(width, fm.horizontalAdvance("中") * 14), fm.horizontalAdvance("中") * 6)
            header.setSectionResizeMode(c, QHeaderView.Interactive)
            header.resizeSection(c, min(width, 360))
        self._fit_stretch_column()

    def _fit_stretch_column(self) -> None:
        c = self.STRETCH_COLUMN
        header = self.table.horizontalHeader()
        if not 0 <= c < self.model.columnCount() or not hasattr(self, "_stretch_floor"):
            return
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != c and not header.isSectionHidden(i))
        header.resizeSection(c, max(self._stretch_floor, self.table.viewport().width() - others))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == RESIZE_EVENT and watched is self.table.viewport():
            self._fit_stretch_column()
        return super().eventFilter(watched, event)


class RegisterPage(RegisterPanel):
    """A register panel that is a whole page of the main window."""
