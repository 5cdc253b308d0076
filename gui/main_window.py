"""The main window: navigation on the left, one page at a time, a status bar with the archive path,
the last backup and the last export. Pages are created the first time they are shown.

At start-up the window is shown first, "opening" the archive with a busy bar, while the worker opens it
(migrations, the daily backup); ``attach()`` then builds the pages. Nothing here imports SQLAlchemy or
the models: what reads the archive runs on the worker."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import storage

from . import gcpolicy, help_text
from .context import Change
from .pages import PAGES, import_needs, import_page, load_page_class, needs_loaded, page_available
from .widgets import ElidedLabel

log = logging.getLogger(__name__)


def load_needs(key: str) -> None:
    """On the worker: import what page ``key`` needs, then leave the new code out of full collections."""
    import_needs(key)
    gcpolicy.freeze()

QSETTINGS = ("VillageArchive", "VillageArchive")
WARM_POLL_MS = 25
FRAME_ALLOWANCE = 32  # a window manager's title bar sits above the geometry Qt is given


class MainWindow(QMainWindow):
    other_archive_requested = Signal()  # File → open or create another archive: back to the welcome screen
    appearance_changed = Signal()  # language or text size changed in the settings page

    def __init__(self, ctx, parent=None, opening=None):
        super().__init__(parent)
        self.ctx = ctx
        self.pages: dict[str, QWidget] = {}
        self.page_keys: list[str] = []
        self._waiting: dict[str, list] = {}  # key -> callbacks for a page whose modules the worker is importing
        self._carried: dict[str, dict] = {}  # key -> state of the page before the window was rebuilt
        self.keeper_dialog = None
        self._early_overview = None  # the overview shown from the file's glance while the archive opens
        self.restore_geometry()
        if ctx.archive is None:
            self._build_opening(opening)
        else:
            self.attach()

    def _build_opening(self, path) -> None:
        """What shows while the worker opens ``path``: the title, a busy bar and what is happening."""
        from PySide6.QtWidgets import QProgressBar

        name = getattr(path, "name", "") or ""
        self.setWindowTitle(self.tr("Village Archive — {path}").format(path=name))
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.addStretch(1)
        self.opening_label = QLabel(self.tr("Opening the archive {path}…").format(path=path or ""))
        self.opening_label.setObjectName("opening_label")
        self.opening_label.setAlignment(Qt.AlignCenter)
        self.opening_label.setWordWrap(True)
        self.opening_bar = QProgressBar()
        self.opening_bar.setRange(0, 0)  # busy: opening, checking and backing up have no known length
        self.opening_bar.setMaximumWidth(420)
        lay.addWidget(self.opening_label)
        lay.addWidget(self.opening_bar, 0, Qt.AlignHCenter)
        lay.addStretch(2)
        self.setCentralWidget(central)

    def show_glance(self, figures: dict | None) -> None:
        """The overview with the figures read from the file in plain sqlite3 (``storage.glance``), before
        SQLAlchemy is even imported: the keeper sees today's dashboard while the archive finishes opening
        behind it; the buttons wait for the archive. ``page("overview")`` takes this page over on attach."""
        if figures is None or self.page_keys or self._early_overview is not None or self.opening_label is None:
            return
        spec = next(spec for key, _title, spec in PAGES if key == "overview")
        page = load_page_class(spec)(self.ctx)
        page.setObjectName("page_overview")
        page.set_opening(True)
        page.show_figures(figures)
        self.opening_bar.setMaximumHeight(self.opening_label.sizeHint().height())
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        row.addWidget(self.opening_label, 1)
        row.addWidget(self.opening_bar)
        lay.addLayout(row)
        lay.addWidget(page, 1)
        self.setCentralWidget(central)
        self._early_overview = page

    def show_opening_step(self, text: str) -> None:
        if getattr(self, "opening_label", None) is not None and not self.page_keys:
            self.opening_label.setText(text)

    def attach(self) -> None:
        """The archive is open (``ctx.archive``): build the pages and start reading."""
        self.opening_label = None
        if self._early_overview is not None:
            self._early_overview.setParent(None)  # kept from the opening screen's deletion; see page()
        self.build_ui()
        self.ctx.subscribe(self, set(Change), self._on_changed)
        QTimer.singleShot(0, self.ask_keeper)
        self._warm_pages()

    def _warm_pages(self) -> None:
        """Once the worker is idle (the dashboard and its self-check are done), page after page: the worker
        imports what the page needs, then the GUI thread imports the page's own module (Qt and gui/ code,
        10–30 ms) while the worker rests, then the next page. One page at a time, so a read the keeper asks
        for meanwhile waits for one page's imports at most, and the two threads never import at once (the GUI
        thread got the GIL too rarely for that: an import of 12 ms of CPU took 430 ms). Each worker step
        leaves the code it imported out of the garbage collector's walks (``gcpolicy.freeze``)."""
        if self.ctx.archive is None or not self.page_keys:
            return
        if self.ctx.busy:
            QTimer.singleShot(WARM_POLL_MS, self, self._warm_pages)
            return
        self._warm_next(list(self.page_keys))

    def _warm_next(self, keys: list[str]) -> None:
        while keys and needs_loaded(keys[0]) and self._page_imported(keys[0]):
            keys.pop(0)
        if not keys or self.ctx.archive is None:
            return
        if self.ctx.busy:  # the keeper's own reads first: the next page waits until the worker is free
            QTimer.singleShot(WARM_POLL_MS, self, lambda: self._warm_next(keys))
            return
        key = keys.pop(0)

        def imported(_result=None) -> None:
            import_page(key)
            QTimer.singleShot(0, self, lambda: self._warm_next(keys))

        if needs_loaded(key):
            QTimer.singleShot(0, self, imported)
        else:
            self.ctx.run_task("", lambda task: load_needs(key), imported, quiet=True, parent=self)

    @staticmethod
    def _page_imported(key: str) -> bool:
        import sys

        spec = next((spec for k, _title, spec in PAGES if k == key), "")
        return spec.partition(":")[0] in sys.modules

    def build_ui(self) -> None:
        """(Re)build everything with the current language and font (called again after a change). A page
        with ``carry_state()`` gets it back (``restore_state``) when it is built again: the dossier preview."""
        self._carried = {key: page.carry_state() for key, page in self.pages.items() if hasattr(page, "carry_state")}
        self.pages.clear()
        self.page_keys.clear()
        self._waiting.clear()
        self.setWindowTitle(self.tr("Village Archive — {path}").format(path=self.ctx.archive.path.name))
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        if self.ctx.archive.readonly:
            outer.addWidget(self._readonly_banner())
        lay = QHBoxLayout()
        outer.addLayout(lay, 1)
        lay.setContentsMargins(6, 6, 6, 6)
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget()
        self.specs = {}
        for key, title, spec in PAGES:
            if not page_available(spec):  # another area's page that is not there yet
                continue
            self.specs[key] = spec
            item = QListWidgetItem(QCoreApplication.translate("Pages", title))
            item.setData(Qt.UserRole, key)
            self.nav.addItem(item)
            self.page_keys.append(key)
            holder = QWidget()
            holder.setObjectName(f"holder_{key}")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
        nav_font = QApplication.font()  # the app font just set: large text reaches the menu at once
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.25)
        self.nav.setFont(nav_font)
        fm = QFontMetrics(nav_font)
        for i in range(self.nav.count()):
            self.nav.item(i).setSizeHint(QSize(0, fm.height() * 2 + 6))
        width = max([fm.horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count())] + [60]) + 44
        self.nav.setFixedWidth(width)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding-left: 12px; }"
                               " QListWidget#navigation::item:selected { background: #1565c0; color: white; }")
        self.nav.currentRowChanged.connect(self._show_row)
        lay.addWidget(self.nav)
        lay.addWidget(self.stack, 1)
        old = self.centralWidget()
        self.setCentralWidget(central)
        if old is not None:
            old.deleteLater()
        self._build_menus()
        self._build_status()
        last = self.ctx.settings.last_page
        self.show_page(last if last in self.page_keys else "overview")

    def _readonly_banner(self) -> QLabel:
        """Opened read-only (a write-protected stick or folder): said at the top, before any click fails."""
        banner = QLabel(self.tr("Read-only, cannot be changed: {path} is in a write-protected place. You can view, "
                                "check and print; to make changes, copy the archive to a writable folder and open "
                                "it there.").format(path=self.ctx.archive.path))
        banner.setObjectName("readonly_banner")
        banner.setWordWrap(True)
        banner.setStyleSheet("QLabel#readonly_banner { background: #fff3cd; color: #5c4400; padding: 8px;"
                             " font-weight: bold; border-bottom: 1px solid #e0c060; }")
        return banner

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_action = QAction(self.tr("New record"), self)
        self.new_action.setShortcut(QKeySequence.New)
        self.new_action.triggered.connect(self.new_record)
        self.search_action = QAction(self.tr("Search"), self)
        self.search_action.setShortcut(QKeySequence.Find)
        self.search_action.triggered.connect(self.focus_search)
        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key_F5))
        self.refresh_action.triggered.connect(self.refresh_page)
        backup = QAction(self.tr("Back up now"), self)
        backup.triggered.connect(self.backup_now)
        other = QAction(self.tr("Open or create another archive…"), self)
        other.triggered.connect(self.other_archive_requested.emit)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.Quit)
        quit_action.triggered.connect(self.close)
        for a in (self.new_action, self.search_action, self.refresh_action):
            file_menu.addAction(a)
        go_menu = bar.addMenu(self.tr("&Go"))
        for i, key in enumerate(self.page_keys):
            action = QAction(self.nav.item(i).text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
            go_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(backup)
        file_menu.addAction(other)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        guide = QAction(self.tr("How to use"), self)
        guide.setShortcut(QKeySequence.HelpContents)
        guide.triggered.connect(self.show_guide)
        about = QAction(self.tr("About"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(guide)
        help_menu.addAction(about)

    def _build_status(self) -> None:
        status = self.statusBar()
        for w in getattr(self, "_status_widgets", []):
            status.removeWidget(w)
            w.deleteLater()
        self.path_label = ElidedLabel()
        self.path_label.setObjectName("status_path")
        self.backup_label = QLabel()
        self.backup_label.setObjectName("status_backup")
        self.export_label = QLabel()
        self.export_label.setObjectName("status_export")
        status.addWidget(self.path_label, 1)
        status.addPermanentWidget(self.backup_label)
        status.addPermanentWidget(self.export_label)
        self._status_widgets = [self.path_label, self.backup_label, self.export_label]
        self.update_status()

    def update_status(self) -> None:
        """The archive path now; the last backup and export once the worker has read them."""
        archive = self.ctx.archive
        self.path_label.setText(self.tr("Archive: {path}").format(path=archive.path))

        def show(found) -> None:
            self.backup_label.setText(self.tr("Last backup: {when}").format(when=self._when(found[0])))
            self.export_label.setText(self.tr("Last export: {when}").format(when=self._when(found[1])))

        def load(s):
            from storage.engine import meta_value

            return meta_value(s, "last_backup_at"), meta_value(s, "last_export_at")

        self.ctx.read(load, show, parent=self)

    def _when(self, iso: str | None) -> str:
        if not iso:
            return self.tr("never")
        try:
            return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return iso

    # -- pages -------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget | None:
        """The page for ``key``, created on first use; None while the worker still imports what it needs
        (the page then shows "loading" and is built when they are there: see ``when_page``)."""
        if key not in self.page_keys:
            return None
        if key not in self.pages:
            if not needs_loaded(key):
                self._load_needs(key)
                return None
            index = self.page_keys.index(key)
            early = self._early_overview if key == "overview" else None
            if early is not None:
                self._early_overview = None
            page = early or load_page_class(self.specs[key])(self.ctx)
            page.setObjectName(f"page_{key}")
            holder = self.stack.widget(index)
            holder.layout().addWidget(page)
            if early is not None:  # the glance's figures stay up while they are read again, then the self-check
                early.set_opening(False)
                early.refresh()
            self.pages[key] = page
            if key in self._carried:
                page.restore_state(self._carried.pop(key))
            if hasattr(page, "open_record") and key == "overview":
                page.open_record.connect(self.open_record)
            if hasattr(page, "action_requested"):
                page.action_requested.connect(self.today_action)
            if hasattr(page, "appearance_changed"):
                page.appearance_changed.connect(self.appearance_changed.emit)
        return self.pages[key]

    def _load_needs(self, key: str) -> None:
        """The page's modules are imported on the worker; until then its place says it is loading."""
        if key in self._waiting:
            return
        self._waiting[key] = []
        holder = self.stack.widget(self.page_keys.index(key))
        label = QLabel(self.tr("Loading…"))
        label.setObjectName(f"loading_{key}")
        label.setAlignment(Qt.AlignCenter)
        holder.layout().addWidget(label)

        def loaded(_result=None) -> None:
            waiting = self._waiting.pop(key, None)
            label.deleteLater()
            if waiting is None:  # the window was rebuilt meanwhile
                return
            page = self.page(key)
            for callback in waiting:
                callback(page)

        self.ctx.run_task("", lambda task: load_needs(key), loaded, quiet=True, parent=self)

    def when_page(self, key: str, callback) -> None:
        """Show ``key`` and call ``callback(page)`` once it is built (at once when it already is)."""
        page = self.show_page(key)
        if page is not None:
            callback(page)
        elif key in self._waiting:
            self._waiting[key].append(callback)

    def show_page(self, key: str) -> QWidget | None:
        if key not in self.page_keys:
            return None
        row = self.page_keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # → _show_row
        else:
            self._show_row(row)
        return self.pages.get(key)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self.page_keys[row]
        self.page(key)
        self.stack.setCurrentIndex(row)
        self.ctx.settings.last_page = key

    def current_key(self) -> str:
        row = self.nav.currentRow()
        return self.page_keys[row] if row >= 0 else ""

    def current_page(self):
        return self.pages.get(self.current_key())

    def open_record(self, entity: str, uuid: str) -> None:
        """A finding clicked on the overview: its page, and the record opened there."""
        if entity == "activity":
            self.when_page("activities", lambda page: page.open_record(uuid))
        elif entity == "equipment":
            self.when_page("equipment", lambda page: page.open_record(uuid))
        elif entity in ("closure", "opening_log"):
            def show(page) -> None:
                if uuid:
                    page.open_record(uuid, entity)
                else:
                    page.tabs.setCurrentWidget(page.log)
            self.when_page("opening", show)
        elif entity == "schedule":
            self.when_page("opening", lambda page: page.tabs.setCurrentWidget(page.schedule))

    def today_action(self, action: str) -> None:
        """The overview's large buttons: each goes to its page and starts the job there."""
        if action == "record_activity":
            self.when_page("activities", lambda page: page.new_record())
        elif action == "log_today":
            def log_today(page) -> None:
                page.tabs.setCurrentWidget(page.log)
                page.log.log_today()
            self.when_page("opening", log_today)
        elif action == "print_quarter":
            self.when_page("reports", lambda page: page.print_quarter())
        elif action == "export":
            self.when_page("exchange", lambda page: page.choose_export_folder())

    # -- global actions ------------------------------------------------------------------------
    def new_record(self):
        page = self.current_page()
        if page is not None and hasattr(page, "new_record"):
            return page.new_record()
        return None

    def focus_search(self) -> None:
        page = self.current_page()
        if page is not None and hasattr(page, "focus_search"):
            page.focus_search()

    def refresh_page(self) -> None:
        page = self.current_page()
        if page is not None and hasattr(page, "refresh"):
            page.refresh()
        self.update_status()

    def _on_changed(self, changes) -> None:
        self.update_status()

    def backup_now(self) -> None:
        def done(path):
            self.statusBar().showMessage(self.tr("Backup written: {path}").format(path=path), 8000)

        self.ctx.backup_now(done, parent=self)

    def show_guide(self) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("How to use"))
        lay = QVBoxLayout(dialog)
        browser = QTextBrowser()
        browser.setObjectName("guide")
        browser.setHtml(help_text.guide(self.ctx.settings.language))
        lay.addWidget(browser)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(dialog.reject)
        lay.addWidget(buttons)
        dialog.resize(720, 560)
        dialog.open()
        return dialog

    def about_text(self, role: str, center: str) -> str:
        roles = {"village": self.tr("village center archive"),
                 "station": self.tr("town station archive"),
                 "city": self.tr("city bureau archive")}
        role = roles.get(role, role)
        return self.tr("Village Archive {version}\n\nArchive file: {path}\nCenter: {center}\nRole: {role}\n\n"
                       "Offline archive of a village comprehensive cultural service center.").format(
            version=storage.APP_VERSION, path=self.ctx.archive.path, center=center, role=role)

    def show_about(self) -> None:
        def show(found) -> None:
            QMessageBox.about(self, self.tr("About Village Archive"), self.about_text(*found))

        def load(s):
            from storage.engine import archive_role

            return archive_role(s), self.ctx.own_center(s).name

        self.ctx.read(load, show, parent=self)

    def ask_keeper(self) -> None:
        """First run: an archive that names no keeper asks for one, so the audit trail says who."""
        from .dialogs.keeper_dialog import KeeperDialog, needs_keeper

        if self.ctx.archive is None or self.ctx.archive.readonly:
            return

        def ask(needed: bool) -> None:
            if needed and (self.keeper_dialog is None or not self.keeper_dialog.isVisible()):
                self.keeper_dialog = KeeperDialog(self.ctx, self.ctx.settings.keeper_name, self)
                self.keeper_dialog.open()

        self.ctx.read(needs_keeper, ask, parent=self)

    # -- geometry ----------------------------------------------------------------------------------
    def restore_geometry(self) -> None:
        """The saved geometry, clamped to the screen it lands on; else a comfortable size, centred."""
        geometry = QSettings(*QSETTINGS).value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            if self.isMaximized():
                return
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry().adjusted(0, FRAME_ALLOWANCE, 0, 0)  # room for the title bar
        if geometry is None:
            # A laptop screen is used whole; a large one gets a comfortable window in its middle.
            width = area.width() if area.width() < 1600 else max(1280, area.width() * 4 // 5)
            height = area.height() if area.height() < 1000 else max(800, area.height() * 7 // 8)
            rect = QRect(0, 0, width, height)
            rect.moveCenter(area.center())
        else:
            rect = self.geometry()
            rect.setWidth(min(rect.width(), area.width()))
            rect.setHeight(min(rect.height(), area.height()))
            rect.moveLeft(max(area.left(), min(rect.left(), area.right() - rect.width() + 1)))
            rect.moveTop(max(area.top(), min(rect.top(), area.bottom() - rect.height() + 1)))
        self.setGeometry(rect)

    def save_state(self) -> None:
        QSettings(*QSETTINGS).setValue("main/geometry", self.saveGeometry())
        try:
            self.ctx.settings.save()
        except OSError:
            log.warning("could not save settings", exc_info=True)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.save_state()
        super().closeEvent(event)
