"""Typing and clicking helpers for GUI tests.

``qtbot.keyClicks`` aborts the interpreter on non-ASCII text (Qt testlib, qasciikey.cpp), so Chinese is
typed as input-method commit strings, the way a real Pinyin IME delivers it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget


def settle() -> None:
    """Let the database work an input started finish and show its result."""
    from gui.context import wait_all_idle

    active = QApplication.activeWindow()
    QApplication.processEvents()
    wait_all_idle()
    if active is not None and QApplication.activeWindow() is None and active.isVisible():
        # The offscreen platform drops the activation while events are processed; a user's window keeps it.
        active.activateWindow()
        QApplication.processEvents()


def _target(widget: QWidget) -> QWidget:
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.lineEdit()
    if isinstance(widget, QAbstractSpinBox):
        return widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    return widget


def type_text(widget: QWidget, text: str, clear: bool = True) -> None:
    """Type ``text`` (Chinese or not) into a line edit, text edit, editable combo or spin box.

    ``clear`` selects all first, so the typed text replaces what was there."""
    target = _target(widget)
    target.setFocus(Qt.OtherFocusReason)
    if clear:
        if hasattr(target, "selectAll"):
            target.selectAll()
        if hasattr(target, "clear") and not isinstance(widget, QAbstractSpinBox):
            target.clear()
        elif isinstance(widget, QAbstractSpinBox):
            widget.lineEdit().selectAll()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(target, event)
    settle()


def choose(combo: QComboBox, text: str) -> None:
    """Pick the item whose visible text is ``text`` (as a user would in the drop-down)."""
    index = combo.findText(text)
    if index < 0:
        raise AssertionError(f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}")
    combo.setCurrentIndex(index)
    settle()


def type_date(edit, iso: str) -> None:
    """Type a date (``2024-09-17``) into a QDateEdit section by section, as a user does with the keyboard."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDateTimeEdit

    edit.setFocus(Qt.OtherFocusReason)
    sections = (QDateTimeEdit.YearSection, QDateTimeEdit.MonthSection, QDateTimeEdit.DaySection)
    for section, digits in zip(sections, iso.split("-"), strict=True):
        edit.setCurrentSection(section)
        edit.setSelectedSection(section)
        QTest.keyClicks(edit, digits)
    QApplication.processEvents()
    if edit.date().toString("yyyy-MM-dd") != iso:
        raise AssertionError(f"typed {iso}, the field shows {edit.date().toString('yyyy-MM-dd')}")
