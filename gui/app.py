"""The app entry: ``run(archive_path) -> int``. Sets up fonts, translations and the exception hook,
shows the window, opens the archive behind it on the worker (or shows the welcome screen) and runs the
event loop. SQLAlchemy and the models are first imported by the worker, after the window is up."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from storage import paths
from storage.errors import ArchiveCorrupt, ArchiveLocked, DomainError
from storage.settings import Settings

from . import errors, gcpolicy, i18n
from .context import AppContext
from .pages import NEEDS, import_needs, import_page

log = logging.getLogger(__name__)


class Shell(QObject):
    """Switches between the welcome screen and the main window; owns the AppContext."""

    def __init__(self, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.ctx = AppContext(None, settings if settings is not None else Settings.load())
        self.welcome = None
        self.window = None

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    def start(self, archive_path: Path | None = None) -> None:
        """Paint first: the window shows at once and the archive opens behind it on the worker."""
        if archive_path and not Path(archive_path).exists():
            self.show_welcome(Path(archive_path))  # a new file: the profile form, to create exactly that one
            return
        candidates = [Path(archive_path)] if archive_path else []
        if not archive_path:
            if self.settings.last_archive and Path(self.settings.last_archive).is_file():
                candidates.append(Path(self.settings.last_archive))
            elif paths.default_archive_path().is_file():
                candidates.append(paths.default_archive_path())
        self._open_first(candidates)

    def _open_first(self, candidates: list[Path]) -> None:
        if not candidates:
            self.show_welcome()
            return
        first, rest = candidates[0], candidates[1:]
        self.open_in_background(first, lambda ok: ok or self._open_first(rest))

    def _backup_dir(self) -> Path | None:
        return Path(self.settings.backup_dir) if self.settings.backup_dir else None

    def open_in_background(self, path, on_result=None, _retried: bool = False) -> None:
        """Show the main window "opening" ``path`` now; open, check and back it up on the worker; then
        build the pages. Refusals are explained in Chinese; ``on_result(ok)`` says how it ended."""
        path = Path(path)
        parent = self.welcome if self.welcome is not None and self.welcome.isVisible() else None
        if parent is None and self.window is None:
            self._show_opening(path)
        backup_dir = self._backup_dir()
        first_page = self.settings.last_page if self.settings.last_page in NEEDS else "overview"

        def prepare(task) -> None:
            import_needs(first_page)  # here, not on the GUI thread, which builds that page next
            gcpolicy.freeze()  # what the imports made (most of the heap) stays out of full collections

        def work(task):
            from storage import centers
            from storage.engine import open_archive

            archive = open_archive(path, backup_dir=backup_dir, readonly_fallback=True)  # the keeper signs
            try:
                with archive.session() as s:
                    centers.own_center(s)  # an archive without its own center cannot be shown
            except BaseException:
                archive.close()
                raise
            return archive

        def done(archive) -> None:
            self.show_main(archive)
            if on_result is not None:
                on_result(True)

        def failed(error) -> None:
            retry = self._explain_refusal(path, error, parent, _retried)
            if retry:
                self.open_in_background(path, on_result, _retried=True)
                return
            self._close_opening()
            if on_result is not None:
                on_result(False)

        window = self.window
        if first_page == "overview" and window is not None and not window.page_keys:
            self._glance(path, backup_dir, window)
        # While the worker opens the archive, the GUI thread imports the first page's module.
        self.ctx.run_task("", prepare, lambda _r: import_page(first_page), quiet=True)
        self.ctx.run_task(self.tr("Opening the archive"), work, done, on_error=failed, quiet=True)

    def _glance(self, path: Path, backup_dir: Path | None, window) -> None:
        """First on the worker: the dashboard's figures read from the file in plain sqlite3 (no SQLAlchemy,
        ~50 ms on a ten-year archive), shown while the archive opens. A file it cannot glance at (older
        schema, damaged, in use by another window…) shows nothing early; the ordinary open then speaks for it."""

        def read(task):
            from storage import glance

            return glance.early_dashboard(path, backup_dir)

        def show(figures) -> None:
            if self.window is window:
                window.show_glance(figures)

        self.ctx.run_task("", read, show, on_error=lambda _e: log.info("no early glance at %s", path), quiet=True)

    def open_path(self, path) -> bool:
        """Open ``path`` and wait for it (scripts and tests); the app itself uses ``open_in_background``."""
        result: list[bool] = []
        self.open_in_background(path, result.append)
        self.ctx.wait_idle(120_000)
        return bool(result and result[0])

    def _explain_refusal(self, path: Path, error, parent, retried: bool) -> bool:
        """Tell the keeper why ``path`` did not open; True when a restored backup should be opened now."""
        if isinstance(error, ArchiveLocked):
            QMessageBox.warning(parent, self.tr("Archive in use"), error.message)
            return False
        if isinstance(error, ArchiveCorrupt):
            if not error.backups or retried:
                QMessageBox.critical(parent, self.tr("Archive damaged"), error.message)
                return False
            answer = QMessageBox.question(
                parent, self.tr("Archive damaged"),
                error.message + "\n\n" + self.tr("Restore the newest good backup now? The damaged file is kept "
                                                 "as a copy in the backup folder."))
            if answer != QMessageBox.Yes:
                return False
            from storage.engine import RestoreOtherArchive, restore_archive

            try:
                try:
                    restore_archive(path, error.backups[0], self._backup_dir())
                except RestoreOtherArchive as other:  # named both centers: the keeper decides
                    if QMessageBox.question(parent, self.tr("Restore failed"), other.message) != QMessageBox.Yes:
                        return False
                    restore_archive(path, error.backups[0], self._backup_dir(), force=True)
            except DomainError as e2:
                QMessageBox.critical(parent, self.tr("Restore failed"), e2.message)
                return False
            return True
        if isinstance(error, DomainError):
            QMessageBox.warning(parent, self.tr("Cannot open the archive"), error.message)
            return False
        errors.report_unexpected(getattr(error, "__traceback_text__", repr(error)), parent)
        return False

    def _show_opening(self, path: Path) -> None:
        from .main_window import MainWindow

        self.window = MainWindow(self.ctx, opening=path)
        self.window.other_archive_requested.connect(self.back_to_welcome)
        self.window.appearance_changed.connect(self.apply_appearance)
        self.window.show()

    def _close_opening(self) -> None:
        """A window still waiting for its archive goes (the welcome screen or the next candidate follows)."""
        if self.window is not None and not self.window.page_keys:
            self.window.save_state = lambda: None
            self.window.close()
            self.window.deleteLater()
            self.window = None

    def show_main(self, archive) -> None:
        from .main_window import MainWindow

        if self.settings.backup_dir:
            archive.backup_dir = Path(self.settings.backup_dir)
        if self.ctx.archive is not archive:
            self.ctx.close_archive()
        self.ctx.archive = archive
        self.settings.last_archive = str(archive.path)
        try:
            self.settings.save()
        except OSError:
            log.warning("could not save settings", exc_info=True)
        if self.window is not None and not self.window.page_keys:
            self.window.attach()  # the window that showed "opening…" becomes the archive's window
        else:
            old = self.window
            self.window = MainWindow(self.ctx)
            self.window.other_archive_requested.connect(self.back_to_welcome)
            self.window.appearance_changed.connect(self.apply_appearance)
            self.window.show()
            if old is not None:
                old.close()
                old.deleteLater()
        if self.welcome is not None:
            self.welcome.close()
            self.welcome.deleteLater()
            self.welcome = None

    def show_welcome(self, new_path: Path | None = None) -> None:
        from .welcome import WelcomeWindow

        self.welcome = WelcomeWindow(self.settings, ctx=self.ctx, new_path=new_path)
        self.welcome.opened.connect(self.show_main)
        self.welcome.open_requested.connect(self.open_in_background)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.language_changed.connect(self._welcome_language)
        self.welcome.show()

    def _welcome_language(self) -> None:
        """Show the welcome screen again in the chosen language."""
        i18n.setup(QApplication.instance(), self.settings)
        old = self.welcome
        self.show_welcome()
        if old is not None:
            old.close()
            old.deleteLater()

    def back_to_welcome(self) -> None:
        self.show_welcome()
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self.ctx.close_archive()

    def demo_path(self) -> Path:
        return paths.data_dir() / "demo.db"

    def open_demo(self) -> None:
        """Open the demo archive, building it first (a few seconds, off the GUI thread) when missing."""
        path = self.demo_path()
        if path.exists():
            self.open_in_background(path)
            return
        from storage import demo

        def build(task):
            task.progress(0, 0, self.tr("Building the demo archive…"))
            demo.create_demo(path)
            return path

        self.ctx.run_task(self.tr("Demo archive"), build, lambda p: self.open_in_background(p), parent=self.welcome)

    def apply_appearance(self) -> None:
        app = QApplication.instance()
        i18n.setup(app, self.settings)
        if self.window is not None:
            self.window.build_ui()

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.save_state()
        self.ctx.wait_idle(10000)
        self.ctx.shutdown()
        self.ctx.close_archive()


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("VillageArchive")
    app.setOrganizationName("VillageArchive")
    gcpolicy.install()
    return app


def run(archive_path: Path | None = None) -> int:
    app = make_app()
    settings = Settings.load()
    i18n.setup(app, settings)
    errors.install()
    shell = Shell(settings)
    probe_file = os.environ.get("VILLAGE_ARCHIVE_STARTUP_PROBE")
    if probe_file:  # benchmarks: when the window painted and the dashboard filled
        from . import startup_probe

        _probe = startup_probe.arm(shell, Path(probe_file))  # noqa: F841 - kept alive by the app
    shell.start(archive_path)
    try:
        return app.exec()
    finally:
        shell.shutdown()
