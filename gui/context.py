"""The application context every page and dialog shares: the open archive, the user settings, and
the one database worker thread every database session runs on.

- ``ctx.read(fn, on_done)``: ``fn(session)`` on the worker, ``on_done(result)`` back on the GUI thread
  (Anki's ``QueryOp``).
- ``ctx.write(fn, on_done, changes=...)``: ``fn(session)`` in one transaction on the worker; a refusal
  (DomainError) shows beside its field on ``form`` or in a message box and nothing is saved; on success
  the typed ``changes`` are announced on ``ctx.changed`` (Anki's ``CollectionOp`` and ``OpChanges``).
- ``ctx.run_task(title, fn, on_done)``: long jobs (backup, self-check, reports, imports); a progress
  dialog with a cancel button appears only after ``PROGRESS_DELAY_MS``.

The GUI thread never opens a database session itself: it collects what the user typed, hands plain
values to the worker, and shows what comes back.
"""

from __future__ import annotations

import logging
import traceback
import weakref
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from storage.errors import DomainError
from storage.settings import Settings

from . import gcpolicy

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 400
_CONTEXTS: weakref.WeakSet = weakref.WeakSet()


def wait_all_idle(timeout_ms: int = 30000) -> None:
    """For tests and benchmarks: let every context's queued database work finish and its results show."""
    for ctx in list(_CONTEXTS):
        if shiboken6.isValid(ctx):
            ctx.wait_idle(timeout_ms)


class Change(StrEnum):
    """What a write changed; pages refresh only for the kinds they show."""

    ACTIVITY = "activity"
    EQUIPMENT = "equipment"
    OPENING_LOG = "opening_log"
    CLOSURE = "closure"
    SCHEDULE = "schedule"  # facilities and their weekly opening hours
    ATTACHMENT = "attachment"
    CENTER = "center"  # the center's own details and settings kept in the archive
    EXCHANGE = "exchange"  # bags exported or imported, station data
    BACKUP = "backup"
    ALL = "all"  # a restore, an import of many kinds: everything may have changed


OPENING = frozenset({Change.OPENING_LOG, Change.CLOSURE, Change.SCHEDULE})


class Changes(frozenset):
    """The set of ``Change`` kinds one operation announced."""

    def touches(self, kinds: Iterable[Change]) -> bool:
        return Change.ALL in self or not self.isdisjoint(kinds)


def changes_of(changes) -> Changes:
    if isinstance(changes, str):
        return Changes({Change(changes)})
    return Changes(Change(c) for c in changes)


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
        finally:
            job = result = None  # noqa: F841 - the task's objects go before the deferred full collection
        gcpolicy.after_task()


class AppContext(QObject):
    """``archive`` (storage.engine.Archive or None), ``settings`` (storage.settings.Settings)."""

    changed = Signal(object)  # Changes: the kinds of record a finished write touched
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
        _CONTEXTS.add(self)

    # -- archive helpers ---------------------------------------------------------------------
    def own_center(self, s):
        from storage import centers

        return centers.own_center(s)

    def announce(self, changes) -> None:
        self.changed.emit(changes_of(changes))

    def subscribe(self, receiver: QObject, kinds: Iterable[Change], callback: Callable[[Changes], None]) -> None:
        """``callback(changes)`` after any write that touches one of ``kinds`` (or ALL), while
        ``receiver`` (the page or dialog that asked) still exists."""
        kinds = frozenset(kinds)

        def relay(changes) -> None:
            if not isinstance(changes, Changes):
                changes = changes_of(changes)
            if shiboken6.isValid(receiver) and changes.touches(kinds):
                callback(changes)

        self.changed.connect(relay)

        def forget(*_):
            try:
                self.changed.disconnect(relay)
            except (RuntimeError, TypeError):
                pass

        receiver.destroyed.connect(forget)

    # -- database operations on the worker ---------------------------------------------------------
    def read(self, fn: Callable[[Any], Any], on_done: Callable[[Any], None] | None = None, *,
             parent: QWidget | None = None, on_error: Callable[[BaseException], None] | None = None,
             progress: str | None = None) -> Task | None:
        """``fn(session)`` on the worker; ``on_done(result)`` on the GUI thread (skipped if ``parent`` closed).

        With ``progress`` a dialog with that title shows when the read takes longer than a moment."""
        archive = self.archive
        if archive is None:
            return None

        def work(task):
            with archive.session() as s:
                return fn(s)

        return self.run_task(progress or "", work, on_done, on_error=on_error, parent=parent,
                             quiet=progress is None)

    def write(self, fn: Callable[[Any], Any], on_done: Callable[[Any], None] | None = None, *,
              changes=(), parent: QWidget | None = None, form=None, title: str | None = None,
              progress: str | None = None, on_failed: Callable[[BaseException], None] | None = None) -> Task | None:
        """``fn(session)`` in one transaction on the worker. A DomainError rolls it back and shows beside
        its field on ``form`` (anything with ``show_error(error)``, e.g. a FieldForm) or in a message box
        titled ``title``, then ``on_failed(error)`` runs; on success ``changes`` are announced, then
        ``on_done(result)`` runs."""
        archive = self.archive
        if archive is None:
            return None
        if form is not None and hasattr(form, "clear_errors"):
            form.clear_errors()

        def work(task):
            with archive.session() as s:
                return fn(s)

        def done(result):
            if changes:
                self.announce(changes)
            if on_done is not None:
                on_done(result)

        def failed(error):
            if isinstance(error, DomainError):
                if form is not None and shiboken6.isValid(form):
                    form.show_error(error)
                else:
                    QMessageBox.warning(parent, title or self.tr("Cannot finish"), error.message)
            else:
                from gui.errors import report_unexpected

                report_unexpected(getattr(error, "__traceback_text__", repr(error)), parent)
            if on_failed is not None:
                on_failed(error)

        return self.run_task(progress or "", work, done, on_error=failed, parent=parent, quiet=progress is None)

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
                if task.finished or not shiboken6.isValid(dialog):  # a late signal after the dialog went
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
        """A manual backup on the worker; every page hears ``Change.BACKUP`` when it is written."""
        archive = self.archive

        def work(task):
            task.progress(0, 1, self.tr("Backing up…"))
            return archive.backup("manual")

        def done(path):
            self.announce(Change.BACKUP)
            on_done(path)

        return self.run_task(self.tr("Backing up the archive"), work, done, parent=parent)

    def close_archive(self) -> None:
        self.wait_idle()  # a running task still uses the archive
        if self.archive is not None:
            self.archive.close()
            self.archive = None
