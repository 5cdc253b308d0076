"""The app entry: ``run(archive_path) -> int``. Sets up fonts, translations and the exception hook,
opens the archive (or the welcome screen) and runs the event loop."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from storage import paths
from storage.engine import open_archive, restore_archive
from storage.errors import ArchiveCorrupt, ArchiveLocked, DomainError
from storage.settings import Settings

from . import errors, i18n
from .context import AppContext

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
        candidates = [Path(archive_path)] if archive_path else []
        if not archive_path:
            if self.settings.last_archive and Path(self.settings.last_archive).is_file():
                candidates.append(Path(self.settings.last_archive))
            elif paths.default_archive_path().is_file():
                candidates.append(paths.default_archive_path())
        for path in candidates:
            if self.open_path(path):
                return
        self.show_welcome()

    def _backup_dir(self) -> Path | None:
        return Path(self.settings.backup_dir) if self.settings.backup_dir else None

    def open_path(self, path, _retried: bool = False) -> bool:
        """Open ``path`` and show the main window; explain refusals in Chinese. Returns success."""
        path = Path(path)
        parent = self.welcome if self.welcome is not None and self.welcome.isVisible() else None
        try:
            archive = open_archive(path, backup_dir=self._backup_dir(), readonly_fallback=True)  # keeper signs
        except ArchiveLocked as e:
            QMessageBox.warning(parent, self.tr("Archive in use"), e.message)
            return False
        except ArchiveCorrupt as e:
            if not e.backups or _retried:
                QMessageBox.critical(parent, self.tr("Archive damaged"), e.message)
                return False
            answer = QMessageBox.question(
                parent, self.tr("Archive damaged"),
                e.message + "\n\n" + self.tr("Restore the newest good backup now? The damaged file is kept "
                                             "as a copy in the backup folder."))
            if answer != QMessageBox.Yes:
                return False
            try:
                restore_archive(path, e.backups[0], self._backup_dir())
            except DomainError as e2:
                QMessageBox.critical(parent, self.tr("Restore failed"), e2.message)
                return False
            return self.open_path(path, _retried=True)
        except DomainError as e:
            QMessageBox.warning(parent, self.tr("Cannot open the archive"), e.message)
            return False
        try:
            with archive.session() as s:
                self.ctx.own_center(s)
        except DomainError as e:
            archive.close()
            QMessageBox.warning(parent, self.tr("Cannot open the archive"), e.message)
            return False
        self.show_main(archive)
        return True

    def show_main(self, archive) -> None:
        from .main_window import MainWindow

        if self.settings.backup_dir:
            archive.backup_dir = Path(self.settings.backup_dir)
        self.ctx.close_archive()
        self.ctx.archive = archive
        self.settings.last_archive = str(archive.path)
        try:
            self.settings.save()
        except OSError:
            log.warning("could not save settings", exc_info=True)
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

    def show_welcome(self) -> None:
        from .welcome import WelcomeWindow

        self.welcome = WelcomeWindow(self.settings)
        self.welcome.opened.connect(self.show_main)
        self.welcome.open_requested.connect(self.open_path)
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
            self.open_path(path)
            return
        from storage import demo

        def build(task):
            task.progress(0, 0, self.tr("Building the demo archive…"))
            demo.create_demo(path)
            return path

        self.ctx.run_task(self.tr("Demo archive"), build, lambda p: self.open_path(p), parent=self.welcome)

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
    return app


def run(archive_path: Path | None = None) -> int:
    app = make_app()
    settings = Settings.load()
    i18n.setup(app, settings)
    errors.install()
    shell = Shell(settings)
    shell.start(archive_path)
    try:
        return app.exec()
    finally:
        shell.shutdown()
