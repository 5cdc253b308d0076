"""The shared register table model: named rows in, display text out, sorting by re-querying.

A model declares its columns as ``Column(key, header, formatter)`` (calibre's ``column_map``): the key
names the row field and the sort order, the formatter turns a row into the cell's text. Rows come from
``storage.queries`` and are read by name (``row.uuid``, ``row.deleted_at``), never by position.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

DELETED_FG = QColor("#8a8a8a")
UUID_ROLE = Qt.UserRole + 1
DELETED_ROLE = Qt.UserRole + 2
ID_ROLE = Qt.UserRole + 3
RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_STYLED_ROLES = frozenset({UUID_ROLE, ID_ROLE, DELETED_ROLE, Qt.ForegroundRole, Qt.BackgroundRole, Qt.FontRole,
                           Qt.ToolTipRole, Qt.TextAlignmentRole})
CENTER = int(Qt.AlignCenter)
# Qt's enum members, looked up once: reading ``Qt.DisplayRole`` costs ~6 µs in PySide6 6.12, and a repaint of a
# register asks data() and headerData() a few thousand times (measured: ~60 ms of a page's first paint).
DISPLAY, FOREGROUND, BACKGROUND = Qt.DisplayRole, Qt.ForegroundRole, Qt.BackgroundRole
FONT, TOOLTIP = Qt.FontRole, Qt.ToolTipRole
HORIZONTAL, VERTICAL = Qt.Horizontal, Qt.Vertical


def fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


@dataclass
class Column:
    """One table column: ``key`` is the row field it shows (and sorts by, when ``sortable``)."""

    key: str
    header: str
    formatter: Callable | None = None  # row -> text; default: the field's value, formatted
    sortable: bool = True
    align: int | None = None
    background: Callable | None = None  # row -> colour name or None
    foreground: Callable | None = None

    def text(self, row) -> str:
        if self.formatter is not None:
            return self.formatter(row)
        return fmt(getattr(row, self.key))


class RegisterModel(QAbstractTableModel):
    """Subclasses declare ``columns()`` and the ``REGISTER`` they show (``storage.queries``)."""

    REGISTER = None  # a storage.queries.Register
    DEFAULT_ORDER = "item_number"
    DEFAULT_DESCENDING = False
    PAGE_SIZE: int | None = None  # set: rows load page by page as the view scrolls

    def __init__(self, ctx=None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list = []
        self.filters: dict = {}
        self.order = self.DEFAULT_ORDER
        self.descending = self.DEFAULT_DESCENDING
        self._center_id: int | None = None
        self.total = 0
        self._strike = QFont()
        self._strike.setStrikeOut(True)
        self.COLUMNS: list[Column] = self.columns()
        self._brushes: dict[str, QBrush] = {}
        self._texts: dict[tuple[int, int], str] = {}  # formatted display texts by (row, column)
        self._generation = 0  # a newer reload makes older results stale
        self._fetching = False

    def columns(self) -> list[Column]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- loading (queries run on the database worker, rows are shown on the GUI thread) ----------
    def center_id(self, s) -> int:
        if self._center_id is None:
            from storage import centers

            self._center_id = centers.own_center(s).id
        return self._center_id

    def set_filters(self, then=None, **filters) -> None:
        self.filters = self.clean_filters(filters)
        self.reload(then)

    @staticmethod
    def clean_filters(filters: dict) -> dict:
        return {k: v for k, v in filters.items() if v not in (None, "", False)}

    def loader(self, filters: dict | None = None):
        """A function of a session that returns (first rows, total) for ``filters`` and the current order;
        built on the GUI thread, run on the worker."""
        from storage import queries

        register, order, descending, page = self.REGISTER, self.order, self.descending, self.PAGE_SIZE
        filters = dict(self.filters if filters is None else filters)

        def load(s) -> tuple[list, int]:
            center_id = self.center_id(s)
            if page:
                total = queries.count(s, register, center_id, **filters)
                return queries.rows(s, register, center_id, order=order, descending=descending, limit=page,
                                    **filters), total
            rows = queries.rows(s, register, center_id, order=order, descending=descending, **filters)
            return rows, len(rows)

        return load

    def show_rows(self, loaded: tuple[list, int]) -> None:
        rows, total = loaded
        self.beginResetModel()
        self._texts.clear()
        self.rows = list(rows)
        self.total = total
        self.endResetModel()

    def reload(self, then=None) -> None:
        """Query again on the worker; ``then()`` runs once the rows are shown."""
        self._generation += 1
        generation = self._generation
        if self.ctx is None or self.ctx.archive is None:
            self.show_rows(([], 0))
            return

        def done(loaded):
            if generation != self._generation:
                return  # a newer filter or order was asked for meanwhile
            self.show_rows(loaded)
            if then is not None:
                then()

        self.ctx.read(self.loader(), done, parent=self)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008, N802 - Qt's signature
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008, N802
        """The view scrolled near the end: the next page is queried on the worker and appended."""
        self.fetch_more()

    def fetch_more(self, until_uuid: str | None = None, then=None) -> None:
        """Append the next page (or, with ``until_uuid``, pages until that record); ``then()`` afterwards."""
        if self._fetching or not self.PAGE_SIZE or self.ctx is None or len(self.rows) >= self.total:
            if then is not None and not self._fetching:
                then()
            return
        from storage import queries

        register, order, descending, page = self.REGISTER, self.order, self.descending, self.PAGE_SIZE
        filters, offset, generation = dict(self.filters), len(self.rows), self._generation
        self._fetching = True

        def load(s):
            center_id, found = self.center_id(s), []
            while True:
                more = queries.rows(s, register, center_id, order=order, descending=descending, offset=offset +
                                    len(found), limit=page, **filters)
                found += more
                if not more or until_uuid is None or any(r.uuid == until_uuid for r in more):
                    return found

        def done(more):
            self._fetching = False
            if generation != self._generation:
                return
            if not more:
                self.total = len(self.rows)
            else:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
                self.rows.extend(more)
                self.endInsertRows()
            if then is not None:
                then()

        self.ctx.read(load, done, parent=self)

    # -- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=DISPLAY):
        if role != DISPLAY:
            return None
        if orientation == HORIZONTAL:
            return self.COLUMNS[section].header
        return section + 1 if orientation == VERTICAL else None

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self.COLUMNS) if c.key == key), -1)

    @staticmethod
    def is_deleted(row) -> bool:
        return row.deleted_at is not None

    def _brush(self, colour: str | None):
        if colour is None:
            return None
        if colour not in self._brushes:
            self._brushes[colour] = QBrush(QColor(colour))
        return self._brushes[colour]

    def data(self, index, role=DISPLAY):
        """Display texts are formatted once per cell and kept: a repaint asks again for every visible cell."""
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == DISPLAY:
            text = self._texts.get((r, c))
            if text is None:
                text = self._texts[(r, c)] = self.COLUMNS[c].text(self.rows[r])
            return text
        if role not in _STYLED_ROLES:
            return None
        row = self.rows[r]
        if role == UUID_ROLE:
            return row.uuid
        if role == ID_ROLE:
            return row.id
        deleted = row.deleted_at is not None
        if role == DELETED_ROLE:
            return deleted
        column = self.COLUMNS[c]
        if role == FOREGROUND:
            if deleted:
                return QBrush(DELETED_FG)
            return self._brush(column.foreground(row)) if column.foreground else None
        if role == BACKGROUND:
            return self._brush(column.background(row)) if column.background and not deleted else None
        if role == FONT:
            return self._strike if deleted else None
        if role == TOOLTIP:
            return self.tr("Deleted: {reason}").format(reason=row.delete_reason or "") if deleted else None
        return column.align  # Qt.TextAlignmentRole

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS) or not self.COLUMNS[column].sortable:
            return
        self.order = self.COLUMNS[column].key
        self.descending = order == Qt.DescendingOrder
        self.reload()

    # -- helpers for pages ---------------------------------------------------------------
    def uuid_at(self, row: int) -> str | None:
        return self.rows[row].uuid if 0 <= row < len(self.rows) else None

    def deleted_at_row(self, row: int) -> bool:
        return 0 <= row < len(self.rows) and self.is_deleted(self.rows[row])

    def row_of_uuid(self, uuid: str) -> int:
        """Row of a loaded record (-1: not loaded, see ``fetch_more(until_uuid=...)``)."""
        for i, row in enumerate(self.rows):
            if row.uuid == uuid:
                return i
        return -1
