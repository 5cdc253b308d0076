"""Small shared widgets: a form with an inline error line under every field, date helpers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b00020;"
OK_COLOUR = "#1f7a1f"
BAD_COLOUR = "#b00020"


class ElidedLabel(QLabel):
    """A one-line label that gives way: on a narrow window it shows "…" in the middle of its text (a long
    archive path) instead of pushing its neighbours (the last backup and export) off the edge."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 8))

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.setToolTip(text)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.ElideMiddle, rect.width())
        painter.drawText(rect, int(Qt.AlignLeft | Qt.AlignVCenter), shown)


def qdate(value: date | None) -> QDate:
    value = value or date.today()
    return QDate(value.year, value.month, value.day)


def pydate(widget: QDateEdit) -> str:
    return widget.date().toString("yyyy-MM-dd")


def date_edit(value: date | None = None, name: str = "") -> QDateEdit:
    w = QDateEdit(qdate(value))
    w.setCalendarPopup(True)
    w.setDisplayFormat("yyyy-MM-dd")
    w.setMinimumDate(QDate(1949, 10, 1))
    if name:
        w.setAccessibleName(name)
    return w


def example(value: str) -> str:
    """A grey hint that cannot be mistaken for a filled-in value: "例如 09:00", never a bare "09:00"."""
    return QCoreApplication.translate("Widgets", "e.g. {value}").format(value=value)


def line_edit(text: str = "", name: str = "", placeholder: str = "", example_value: str = "") -> QLineEdit:
    """``placeholder`` is a sentence; ``example_value`` a sample value, shown as "例如 …"."""
    w = QLineEdit(text or "")
    if name:
        w.setAccessibleName(name)
    if example_value:
        placeholder = example(example_value)
    if placeholder:
        w.setPlaceholderText(placeholder)
    return w


def read_only(widget: QLineEdit) -> QLineEdit:
    widget.setReadOnly(True)
    widget.setStyleSheet("background: #eeeeee; color: #333333;")
    return widget


def combo(items, current: str | None = None, name: str = "", editable: bool = False) -> QComboBox:
    w = QComboBox()
    w.setEditable(editable)
    w.setSizeAdjustPolicy(QComboBox.AdjustToContents)  # never "（无〕": the longest item fits
    for item in items:
        if isinstance(item, tuple):
            w.addItem(item[1], item[0])
        else:
            w.addItem(item, item)
    texts = [w.itemText(i) for i in range(w.count())]
    # Qt counts average Latin characters: a Chinese one (and a full-width bracket) takes about two.
    longest = max([sum(2 if ord(ch) > 0x2E80 else 1 for ch in t) for t in texts] + [2])
    w.setMinimumContentsLength(longest + 1)
    if current is not None:
        i = w.findData(current)
        if i >= 0:
            w.setCurrentIndex(i)
        elif editable:
            w.setEditText(current)
    if name:
        w.setAccessibleName(name)
    return w


def value_of(widget) -> str:
    if isinstance(widget, QDateEdit):
        return pydate(widget)
    if isinstance(widget, QComboBox):
        if widget.isEditable():
            return widget.currentText().strip()
        data = widget.currentData()
        return "" if data is None else str(data)
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    raise TypeError(widget)


class FieldForm(QWidget):
    """A QFormLayout whose every field has a red message line below it (``show_error(e)``).

    Messages come from the storage rules (``ValidationError.message`` for ``ValidationError.field``);
    a message for a field the form does not show goes to the general line at the bottom."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.general = QLabel()
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.setWordWrap(True)
        self.general.setObjectName("general_error")
        self.general.hide()

    def add(self, key: str, label: str, widget: QWidget, aliases: tuple[str, ...] = ()) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        err = QLabel()
        err.setStyleSheet(ERROR_STYLE)
        err.setWordWrap(True)
        err.setObjectName(f"error_{key}")
        err.hide()
        lay.addWidget(err)
        self.form.addRow(label, box)
        if not widget.accessibleName():
            widget.setAccessibleName(label.rstrip("：:"))
        widget.setObjectName(f"field_{key}")
        self.fields[key] = widget
        self.errors[key] = err
        for alias in aliases:
            self.errors[alias] = err
        return widget

    def finish(self) -> None:
        self.form.addRow(self.general)

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.general.clear()
        self.general.hide()

    def show_error(self, error) -> QLabel:
        """Show a DomainError's message next to its field (or at the bottom); focus that field."""
        self.clear_errors()
        label = self.errors.get(error.field or "")
        if label is None:
            label = self.general
        label.setText(error.message)
        label.show()
        widget = self.fields.get(error.field or "")
        if widget is not None:
            widget.setFocus(Qt.OtherFocusReason)
        return label

    def error_text(self, key: str | None = None) -> str:
        label = self.general if key is None else self.errors[key]
        return label.text() if not label.isHidden() else ""

    def value(self, key: str) -> str:
        return value_of(self.fields[key])


def fit_to_screen(window: QWidget, width: int, height: int, frame: int = 32) -> None:
    """Resize a top-level window to ``width``×``height``, never larger than the screen it opens on
    (less ``frame`` for a title bar): large text on a 768-pixel screen keeps the buttons in view."""
    from PySide6.QtGui import QGuiApplication

    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width, height = min(width, area.width()), min(height, area.height() - frame)
    window.resize(width, height)
