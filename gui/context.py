"""The application context every page and dialog shares: the open archive, the user settings,
a ``changed`` signal after writes, and ``run_task`` for long work on the one database worker thread.

Long jobs (backup, self-check, reports, imports) run off the GUI thread; a progress dialog with a
cancel button appears only when the job takes longer than ``PROGRESS_DELAY_MS`` (Anki's pattern).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from storage.errors import DomainError
from storage.settings import Settings

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 400


class TaskCancelled(Exception):
    """Raise from a task function (``task.check()``) to stop early; no message is shown."""


class Task(QObject):
    """Handed to ``fn(task)`` in the worker thread: report with ``progress``, look at ``cancelled``."""

    progressed = Signal(int, int, str)

    def __init__(self, title: str):
        super().__init__()
        self.title = title
        self.cancelled = False
        self.finished = False
        self.dialog: QProgressDialog | None = None  # shown after PROGRESS_DELAY_MS

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.progressed.emit(int(done), int(total), text)

    def cancel(self) -> None:
        self.cancelled = True

    def check(self) -> None:
        if self.cancelled:
            raise TaskCancelled()


class _Job:
    def __init__(self, task: Task, fn, on_done, on_error, dialog, parent):
        self.task, self.fn, self.on_done, self.on_error, self.dialog = task, fn, on_done, on_error, dialog
        self.parent = parent


class _Worker(QObject):
    """Lives in the single database worker thread; runs jobs one after another."""

    done = Signal(object, object, object)  # job, result, exception

    @Slot(object)
    def run(self, job: _Job) -> None:
        try:
            result = job.fn(job.task)
        except BaseException as e:  # noqa: BLE001 - handed back to the GUI thread, never lost
            e.__traceback_text__ = traceback.format_exc()
            self.done.emit(job, None, e)
        else:
            self.done.emit(job, result, None)


class AppContext(QObject):
    """``archive`` (storage.engine.Archive or None), ``settings`` (storage.settings.Settings)."""

    changed = Signal(str)  # "activity", "equipment", "opening", "center", "exchange", "all"
    _submit = Signal(object)

    def __init__(self, archive=None, settings: Settings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.archive = archive
        self.settings = settings if settings is not None else Settings.load()
        self._thread = QThread()
        self._thread.setObjectName("archive-db-worker")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run, Qt.QueuedConnection)
        self._worker.done.connect(self._finish, Qt.QueuedConnection)
        self._thread.start()
        self._running: list[_Job] = []

    # -- archive helpers ---------------------------------------------------------------------
    def session(self):
        """One transaction on the open archive (``with ctx.session() as s``)."""
        return self.archive.session()

    def own_center(self, s):
        from storage import centers

        return centers.own_center(s)

    def center_id(self) -> int:
        with self.session() as s:
            return self.own_center(s).id

    # -- long work --------------------------------------------------------------------------
    def run_task(self, title: str, fn: Callable[[Task], Any], on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None = None, parent: QWidget | None = None,
                 quiet: bool = False) -> Task:
        """Run ``fn(task)`` on the database worker thread; ``on_done(result)`` runs in the GUI thread.

        ``quiet=True`` shows no progress dialog (background refreshes)."""
        task = Task(title)
        dialog = None
        if not quiet:
            dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, parent)
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModal if parent is not None else Qt.ApplicationModal)
            dialog.setMinimumDuration(PROGRESS_DELAY_MS)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(task.cancel)

            def show_progress(done: int, total: int, text: str, dialog=dialog) -> None:
                if task.finished:
                    return
                dialog.setMaximum(max(total, 0))
                dialog.setValue(min(done, total) if total else 0)
                if text:
                    dialog.setLabelText(text)

            task.progressed.connect(show_progress)
            task.dialog = dialog
        job = _Job(task, fn, on_done, on_error, dialog, parent)
        self._running.append(job)
        self._submit.emit(job)
        return task

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @Slot(object, object, object)
    def _finish(self, job: _Job, result, error) -> None:
        job.task.finished = True
        if job in self._running:
            self._running.remove(job)
        parent = job.parent
        if job.dialog is not None and shiboken6.isValid(job.dialog):
            job.dialog.reset()
            job.dialog.hide()
            job.dialog.deleteLater()
        if parent is not None and not shiboken6.isValid(parent):
            return  # the page that asked is gone (closed archive, rebuilt window): nobody to tell
        if error is None:
            if job.on_done is not None:
                job.on_done(result)
            return
        if isinstance(error, TaskCancelled):
            return
        if job.on_error is not None:
            job.on_error(error)
            return
        if isinstance(error, DomainError):
            QMessageBox.warning(parent, self.tr("Cannot finish"), error.message)
            return
        text = getattr(error, "__traceback_text__", repr(error))
        from gui.errors import report_unexpected

        report_unexpected(text, parent)

    def wait_idle(self, timeout_ms: int = 30000) -> None:
        """For tests and shutdown: process events until no task is running."""
        from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QThread

        timer = QElapsedTimer()
        timer.start()
        while self._running and timer.elapsed() < timeout_ms:
            QCoreApplication.processEvents(QEventLoop.AllEvents, 50)
            QThread.msleep(5)

    def shutdown(self) -> None:
        self._thread.quit()
        self._thread.wait(10000)

    def backup_now(self, on_done: Callable[[Any], None], parent: QWidget | None = None) -> Task:
        """A manual backup on the worker; every page hears ``changed("backup")`` when it is written."""
        archive = self.archive

        def work(task):
            task.progress(0, 1, self.tr("Backing up…"))
            return archive.backup("manual")

        def done(path):
            self.changed.emit("backup")
            on_done(path)

        return self.run_task(self.tr("Backing up the archive"), work, done, parent=parent)

    def close_archive(self) -> None:
        self.wait_idle()  # a running task still uses the archive
        if self.archive is not None:
            self.archive.close()
            self.archive = None
