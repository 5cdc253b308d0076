"""The global exception hook: a plain Chinese message for the keeper, the details in a log file."""

from __future__ import annotations

import datetime
import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from storage import paths

log = logging.getLogger(__name__)
LOG_NAME = "gui-error.log"


def write_log(text: str) -> Path | None:
    try:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')}\n{text}\n")
        return path
    except OSError:
        return None


def report_unexpected(text: str, parent=None) -> Path | None:
    """Log ``text`` (a traceback) and tell the user in plain words; nothing technical on screen."""
    path = write_log(text)
    where = str(path) if path else QCoreApplication.translate("Errors", "(the log could not be written)")
    message = QCoreApplication.translate(
        "Errors", "Something unexpected went wrong. Your records are safe: everything saved before is kept."
    ) + "\n\n" + QCoreApplication.translate(
        "Errors", "The details were written to {path}. Please give this file to technical support."
    ).format(path=where)
    if QApplication.instance() is not None:
        QMessageBox.critical(parent or QApplication.activeWindow(), QCoreApplication.translate("Errors", "Error"),
                             message)
    return path


def excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    from storage.errors import DomainError

    if isinstance(exc, DomainError):  # a refusal that escaped a handler: still just the message
        write_log("".join(traceback.format_exception(exc_type, exc, tb)))
        if QApplication.instance() is not None:
            QMessageBox.warning(QApplication.activeWindow(), QCoreApplication.translate("Errors", "Cannot do this"),
                                exc.message)
        return
    report_unexpected("".join(traceback.format_exception(exc_type, exc, tb)))


def install() -> None:
    sys.excepthook = excepthook
