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
CENTER = int(Qt.AlignCenter)


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

    def __init__(self, archive=None, parent=None):
        super().__init__(parent)
        self.archive = archive
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

    def columns(self) -> list[Column]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- loading --------------------------------------------------------------------------
    def center_id(self, s) -> int:
        if self._center_id is None:
            from storage import centers

            self._center_id = centers.own_center(s).id
        return self._center_id

    def set_filters(self, **filters) -> None:
        self.filters = {k: v for k, v in filters.items() if v not in (None, "", False)}
        self.reload()

    def query(self, s, offset: int = 0, limit: int | None = None) -> list:
        from storage import queries

        return queries.rows(s, self.REGISTER, self.center_id(s), order=self.order, descending=self.descending,
                            offset=offset, limit=limit, **self.filters)

    def load(self, s) -> tuple[list, int]:
        """(first rows, total) for the current filters and order; runs wherever the session is."""
        from storage import queries

        if self.PAGE_SIZE:
            total = queries.count(s, self.REGISTER, self.center_id(s), **self.filters)
            return self.query(s, 0, self.PAGE_SIZE), total
        rows = self.query(s)
        return rows, len(rows)

    def show_rows(self, loaded: tuple[list, int]) -> None:
        rows, total = loaded
        self.beginResetModel()
        self.rows = list(rows)
        self.total = total
        self.endResetModel()

    def reload(self) -> None:
        if self.archive is None:
            self.show_rows(([], 0))
            return
        with self.archive.session() as s:
            self.show_rows(self.load(s))

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008, N802 - Qt's signature
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or not self.PAGE_SIZE or self.archive is None or len(self.rows) >= self.total:
            return
        with self.archive.session() as s:
            more = self.query(s, len(self.rows), self.PAGE_SIZE)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    # -- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.COLUMNS[section].header
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return section + 1
        return None

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

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return column.text(row)
        if role == UUID_ROLE:
            return row.uuid
        if role == ID_ROLE:
            return row.id
        if role == DELETED_ROLE:
            return self.is_deleted(row)
        deleted = self.is_deleted(row)
        if role == Qt.ForegroundRole:
            if deleted:
                return QBrush(DELETED_FG)
            return self._brush(column.foreground(row)) if column.foreground else None
        if role == Qt.BackgroundRole and not deleted:
            return self._brush(column.background(row)) if column.background else None
        if role == Qt.FontRole and deleted:
            return self._strike
        if role == Qt.ToolTipRole and deleted:
            return self.tr("Deleted: {reason}").format(reason=row.delete_reason or "")
        if role == Qt.TextAlignmentRole:
            return column.align
        return None

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

    def row_of_uuid(self, uuid: str, fetch: bool = False) -> int:
        """Row of a record; with ``fetch`` more pages are loaded until it is found."""
        while True:
            for i, row in enumerate(self.rows):
                if row.uuid == uuid:
                    return i
            if not (fetch and self.canFetchMore()):
                return -1
            self.fetchMore()
