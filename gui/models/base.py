"""The shared register table model: tuples in, display text out, sorting by re-querying."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

DELETED_FG = QColor("#8a8a8a")
UUID_ROLE = Qt.UserRole + 1
DELETED_ROLE = Qt.UserRole + 2
ID_ROLE = Qt.UserRole + 3


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


class RegisterModel(QAbstractTableModel):
    """Subclasses set ``COLUMNS`` = [(sort key or None, header source text)], ``ID``, ``UUID`` and
    ``DELETED`` tuple positions, and implement ``query(s, center_id, **kw)`` and ``cell(row, column)``."""

    COLUMNS: list[tuple[str | None, str]] = []
    ID, UUID, DELETED, REASON = 0, 1, None, None
    DEFAULT_ORDER = "item_number"
    DEFAULT_DESCENDING = False
    PAGE_SIZE: int | None = None  # set: rows load page by page as the view scrolls (``count`` + ``query``)

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

    # -- loading --------------------------------------------------------------------------
    def center_id(self, s) -> int:
        if self._center_id is None:
            from storage import centers

            self._center_id = centers.own_center(s).id
        return self._center_id

    def set_filters(self, **filters) -> None:
        self.filters = {k: v for k, v in filters.items() if v not in (None, "", False)}
        self.reload()

    def reload(self) -> None:
        rows, total = [], 0
        if self.archive is not None:
            with self.archive.session() as s:
                center_id = self.center_id(s)
                if self.PAGE_SIZE:
                    total = self.count(s, center_id, **self.filters)
                    rows = self.query(s, center_id, order=self.order, descending=self.descending, offset=0,
                                      limit=self.PAGE_SIZE, **self.filters)
                else:
                    rows = self.query(s, center_id, order=self.order, descending=self.descending, **self.filters)
                    total = len(rows)
        self.beginResetModel()
        self.rows = list(rows)
        self.total = total
        self.endResetModel()

    def query(self, s, center_id: int, **kw):  # pragma: no cover - abstract
        raise NotImplementedError

    def count(self, s, center_id: int, **filters) -> int:  # pragma: no cover - paged models only
        raise NotImplementedError

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008, N802 - Qt's signature
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or not self.PAGE_SIZE or self.archive is None or len(self.rows) >= self.total:
            return
        with self.archive.session() as s:
            more = self.query(s, self.center_id(s), order=self.order, descending=self.descending,
                              offset=len(self.rows), limit=self.PAGE_SIZE, **self.filters)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            before = len(self.rows)
            self.fetchMore()
            if len(self.rows) == before:
                break

    # -- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.header(section)
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return section + 1
        return None

    def header(self, section: int) -> str:
        return self.COLUMNS[section][1]

    def is_deleted(self, row) -> bool:
        return self.DELETED is not None and row[self.DELETED] is not None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return self.cell(row, index.column())
        if role == UUID_ROLE:
            return row[self.UUID]
        if role == ID_ROLE:
            return row[self.ID]
        if role == DELETED_ROLE:
            return self.is_deleted(row)
        deleted = self.is_deleted(row)
        if role == Qt.ForegroundRole:
            if deleted:
                return QBrush(DELETED_FG)
            return self.foreground(row, index.column())
        if role == Qt.BackgroundRole and not deleted:
            return self.background(row, index.column())
        if role == Qt.FontRole and deleted:
            return self._strike
        if role == Qt.ToolTipRole and deleted and self.REASON is not None:
            return self.tr("Deleted: {reason}").format(reason=row[self.REASON] or "")
        if role == Qt.TextAlignmentRole:
            return self.alignment(index.column())
        return None

    def cell(self, row, column: int) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def foreground(self, row, column: int):
        return None

    def background(self, row, column: int):
        return None

    def alignment(self, column: int):
        return None

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        key = self.COLUMNS[column][0] if 0 <= column < len(self.COLUMNS) else None
        if key is None:
            return
        self.order = key
        self.descending = order == Qt.DescendingOrder
        self.reload()

    # -- helpers for pages ---------------------------------------------------------------
    def uuid_at(self, row: int) -> str | None:
        return self.rows[row][self.UUID] if 0 <= row < len(self.rows) else None

    def deleted_at_row(self, row: int) -> bool:
        return 0 <= row < len(self.rows) and self.is_deleted(self.rows[row])

    def row_of_uuid(self, uuid: str, fetch: bool = False) -> int:
        """Row of a record; with ``fetch`` more pages are loaded until it is found."""
        while True:
            for i, row in enumerate(self.rows):
                if row[self.UUID] == uuid:
                    return i
            if not (fetch and self.canFetchMore()):
                return -1
            self.fetchMore()
