"""报表: the inspection dossier (检查档案汇编). Choose a period and sections, generate it off the GUI thread
with progress, preview it inside the app (QtPdf), print it (QPrintDialog: printer, copies, orientation),
save it, or open the last one again.

The page only calls ``reports.dossier`` and shows results; every rule (periods, sections, writing the
file atomically) lives in ``reports/`` and ``storage/``. The last generated dossier is kept as
``last-dossier-<archive>.pdf`` in the user data folder, so "Open the last dossier" works after a restart.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QDate, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reports import dossier
from reports.templates import Cancelled
from storage import paths, rules
from storage.errors import DomainError
from storage.period import Period

from ..context import Change

MAX_PRINT_DPI = 300


def last_dossier_path(archive_path) -> Path:
    """Where the last dossier of this archive is kept (user data folder, one file per archive)."""
    key = hashlib.sha256(str(Path(archive_path).resolve()).encode("utf-8")).hexdigest()[:12]
    return paths.data_dir() / "dossiers" / f"last-dossier-{Path(archive_path).stem}-{key}.pdf"


class ReportsPage(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.pdf_bytes: bytes | None = None
        self.pdf_path: Path | None = None
        self.period: Period | None = None
        self.center_name = ""
        self.task = None
        self.print_when_ready = False  # 打印本季度汇编 on the overview: generate, then the print dialog
        self.stale = False  # the archive changed after the dossier shown was generated

        lay = QHBoxLayout(self)
        splitter = QSplitter(Qt.Horizontal)
        lay.addWidget(splitter)
        side = QWidget()
        sl = QVBoxLayout(side)
        splitter.addWidget(side)

        period_box = QGroupBox(self.tr("Period"))
        pl = QVBoxLayout(period_box)
        self.by_year = QRadioButton(self.tr("A whole year"))
        self.by_quarter = QRadioButton(self.tr("A quarter"))
        self.by_range = QRadioButton(self.tr("From a date to a date"))
        self.mode = QButtonGroup(self)
        for i, button in enumerate((self.by_year, self.by_quarter, self.by_range)):
            self.mode.addButton(button, i)
            pl.addWidget(button)
        self.by_quarter.setChecked(True)  # the keeper's usual dossier: the current quarter
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Year")))
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(rules.FIRST_YEAR, rules.LAST_YEAR)
        self.year.setValue(date.today().year)
        row.addWidget(self.year)
        row.addWidget(QLabel(self.tr("Quarter")))
        self.quarter = QComboBox()
        self.quarter.setObjectName("quarter")
        for q in (1, 2, 3, 4):
            self.quarter.addItem(self.tr("Quarter {n}").format(n=q), q)
        self.quarter.setCurrentIndex((date.today().month - 1) // 3)
        row.addWidget(self.quarter)
        pl.addLayout(row)
        row = QHBoxLayout()
        self.start = QDateEdit(calendarPopup=True)
        self.start.setObjectName("start")
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.end = QDateEdit(calendarPopup=True)
        self.end.setObjectName("end")
        self.end.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.start.setDate(QDate(today.year, 1, 1))
        self.end.setDate(QDate(today.year, today.month, today.day))
        row.addWidget(QLabel(self.tr("From")))
        row.addWidget(self.start)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.end)
        pl.addLayout(row)
        sl.addWidget(period_box)

        sections_box = QGroupBox(self.tr("Sections"))
        secl = QVBoxLayout(sections_box)
        self.sections = QListWidget()
        self.sections.setObjectName("sections")
        names = {
            "profile": self.tr("Profile and facilities"),
            "summary": self.tr("Summary with charts"),
            "activities": self.tr("Activity register"),
            "equipment": self.tr("Equipment ledger and acceptance"),
            "opening": self.tr("Opening hours and closures"),
            "photos": self.tr("Photo appendix"),
            "selfcheck": self.tr("Completeness self-check"),
            "indicators": self.tr("Indicator checklist"),
            "catalogue": self.tr("Catalogue of items and sign-off"),
        }
        for n, key in enumerate(dossier.SECTION_KEYS, 1):
            item = QListWidgetItem(f"{n}. {names.get(key, dossier.SECTIONS[key])}")
            item.setData(Qt.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.sections.addItem(item)
        secl.addWidget(self.sections)
        sl.addWidget(sections_box, 1)

        self.generate_button = QPushButton(self.tr("Generate the dossier"))
        self.generate_button.setObjectName("generate")
        self.generate_button.clicked.connect(self.generate)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(self.print_dossier)
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("save_as")
        self.save_button.clicked.connect(self.save_as)
        self.open_last_button = QPushButton(self.tr("Open the last dossier"))
        self.open_last_button.setObjectName("open_last")
        self.open_last_button.clicked.connect(self.open_last)
        for b in (self.generate_button, self.print_button, self.save_button, self.open_last_button):
            sl.addWidget(b)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        sl.addWidget(self.status)

        viewer = QWidget()
        vl = QVBoxLayout(viewer)
        vl.setContentsMargins(0, 0, 0, 0)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setMinimumSize(240, 200)  # a narrow screen keeps the controls; the preview gives way
        vl.addWidget(self.view)
        splitter.addWidget(viewer)
        splitter.setStretchFactor(1, 3)

        self.mode.idToggled.connect(self._update_enabled)
        ctx.subscribe(self, set(Change) - {Change.BACKUP}, self._archive_changed)
        self.refresh()

    # -- state ----------------------------------------------------------------------------------------------
    def carry_state(self) -> dict:
        """What a rebuilt window (another language or text size) shows again: the choices and the preview."""
        return {"mode": self.mode.checkedId(), "year": self.year.value(), "quarter": self.quarter.currentIndex(),
                "start": self.start.date(), "end": self.end.date(), "sections": self.chosen_sections(),
                "pdf": self.pdf_bytes, "path": self.pdf_path, "period": self.period,
                "stale": self.stale}

    def restore_state(self, state: dict) -> None:
        button = self.mode.button(state["mode"])
        if button is not None:
            button.setChecked(True)
        self.year.setValue(state["year"])
        self.quarter.setCurrentIndex(state["quarter"])
        self.start.setDate(state["start"])
        self.end.setDate(state["end"])
        for i in range(self.sections.count()):
            item = self.sections.item(i)
            item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in state["sections"] else Qt.Unchecked)
        if state["pdf"] is None:
            return
        self.period = state["period"]
        self.show_pdf(state["pdf"], state["path"])
        if self.period is not None:
            self.status.setText(self.tr("Dossier for {period}: {pages} pages. Print it or save it.").format(
                period=self.period.label, pages=self.document.pageCount()))
        elif self.pdf_path is not None and self.pdf_path.is_file():
            when = datetime.fromtimestamp(self.pdf_path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            self.status.setText(self.tr("The last dossier, generated {when}: {pages} pages.").format(
                when=when, pages=self.document.pageCount()))
        if state["stale"]:
            self._archive_changed()

    def refresh(self) -> None:
        if self.ctx.archive is not None:
            self.ctx.read(lambda s: self.ctx.own_center(s).name, lambda name: setattr(self, "center_name", name),
                          parent=self)
        self._update_enabled()

    def _archive_changed(self, _changes=None) -> None:
        if self.pdf_bytes is not None and self.period is not None:
            text = self.tr("The archive has changed since this dossier was generated: generate it again before printing.")
            self.status.setText(text)
            self.stale = True

    def _update_enabled(self, *_args) -> None:
        mode = self.mode.checkedId()
        self.year.setEnabled(mode in (0, 1))
        self.quarter.setEnabled(mode == 1)
        self.start.setEnabled(mode == 2)
        self.end.setEnabled(mode == 2)
        has_archive = self.ctx.archive is not None
        self.generate_button.setEnabled(has_archive and self.task is None)
        has_pdf = self.pdf_bytes is not None
        self.print_button.setEnabled(has_pdf)
        self.save_button.setEnabled(has_pdf)
        self.open_last_button.setEnabled(has_archive and last_dossier_path(self.ctx.archive.path).is_file())

    def chosen_period(self) -> Period:
        mode = self.mode.checkedId()
        if mode == 0:
            return Period.of(year=self.year.value())
        if mode == 1:
            return Period.of(year=self.year.value(), quarter=self.quarter.currentData())
        return Period.of(start=self.start.date().toPython(), end=self.end.date().toPython())

    def chosen_sections(self) -> list[str]:
        out = []
        for i in range(self.sections.count()):
            item = self.sections.item(i)
            if item.checkState() == Qt.Checked:
                out.append(item.data(Qt.UserRole))
        return out

    # -- generate -------------------------------------------------------------------------------------------
    def print_quarter(self, day: date | None = None) -> None:
        """Generate the dossier of the quarter ``day`` falls in (today), then open the print dialog."""
        day = day or date.today()
        self.by_quarter.setChecked(True)
        self.year.setValue(day.year)
        self.quarter.setCurrentIndex((day.month - 1) // 3)
        self.print_when_ready = True
        self.generate()

    def generate(self) -> None:
        try:
            period = self.chosen_period()
            sections = dossier.parse_sections(self.chosen_sections())
        except DomainError as e:
            QMessageBox.warning(self, self.tr("Cannot generate the dossier"), e.message)
            return
        archive = self.ctx.archive

        def work(task):
            return dossier.render_dossier_for(archive, period, sections=sections,
                                              progress=task.progress, cancelled=lambda: task.cancelled)

        self.status.setText(self.tr("Generating the dossier…"))
        self.task = self.ctx.run_task(self.tr("Generating the inspection dossier"), work,
                                      lambda pdf: self._generated(pdf, period), self._failed, self)
        self._update_enabled()

    def _generated(self, pdf: bytes, period: Period) -> None:
        self.task = None
        self.period = period
        path = last_dossier_path(self.ctx.archive.path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            dossier.write_pdf(path, pdf)
        except (OSError, DomainError):
            path = None  # the preview still works from memory; only "open the last" will not
        self.show_pdf(pdf, path)
        self.status.setText(self.tr("Dossier for {period}: {pages} pages. Print it or save it.").format(
            period=period.label, pages=self.document.pageCount()))
        if self.print_when_ready:
            self.print_when_ready = False
            # After this callback returns: the print dialog's own event loop must not run inside the worker's
            # finishing step (under Xvfb that nesting crashed in a progress dialog's update).
            QTimer.singleShot(0, self.print_dossier)

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.print_when_ready = False
        self._update_enabled()
        if isinstance(error, Cancelled):
            self.status.setText(self.tr("Cancelled."))
            return
        if isinstance(error, DomainError):
            self.status.setText(error.message)
            QMessageBox.warning(self, self.tr("Cannot generate the dossier"), error.message)
            return
        from gui.errors import report_unexpected

        self.status.setText(self.tr("The dossier could not be generated."))
        report_unexpected(getattr(error, "__traceback_text__", repr(error)), self)

    def show_pdf(self, pdf: bytes, path: Path | None) -> None:
        """Preview from memory: the file on disk stays free to be replaced (Windows locks open files)."""
        self.stale = False
        self.pdf_bytes = pdf
        self.pdf_path = path
        self.document.close()
        old = getattr(self, "_buffer", None)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QBuffer.ReadOnly)
        self.document.load(self._buffer)
        if old is not None:
            old.close()
            old.deleteLater()
        self._update_enabled()

    def open_last(self) -> None:
        path = last_dossier_path(self.ctx.archive.path)
        try:
            pdf = path.read_bytes()
        except OSError:
            QMessageBox.information(self, self.tr("Open the last dossier"),
                                    self.tr("No dossier has been generated for this archive yet."))
            self._update_enabled()
            return
        self.period = None
        self.show_pdf(pdf, path)
        when = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        self.status.setText(self.tr("The last dossier, generated {when}: {pages} pages.").format(
            when=when, pages=self.document.pageCount()))

    # -- save and print -------------------------------------------------------------------------------------
    def save_as(self) -> None:
        if self.pdf_bytes is None:
            return
        name = dossier.default_filename(self.center_name, self.period) if self.period else "检查档案汇编.pdf"
        start = Path(self.ctx.settings.last_archive).parent if self.ctx.settings.last_archive else Path.home()
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save the dossier"), str(start / name),
                                                self.tr("PDF files (*.pdf)"))
        if not target:
            return
        if not target.lower().endswith(".pdf"):
            target += ".pdf"
        try:
            dossier.write_pdf(target, self.pdf_bytes)
        except DomainError as e:
            QMessageBox.warning(self, self.tr("Cannot save the dossier"), e.message)
            return
        self.status.setText(self.tr("Saved: {path}").format(path=target))

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.HighResolution)
        printer.setDocName(self.tr("Inspection dossier"))
        printer.setPageOrientation(QPageLayout.Portrait)
        return printer

    def print_dossier(self) -> None:
        if self.pdf_bytes is None or self.document.pageCount() == 0:
            return
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QDialog.Accepted:
            return
        pages = self.print_to(printer)
        self.status.setText(self.tr("Sent {pages} pages to the printer.").format(pages=pages))

    def print_to(self, printer: QPrinter) -> int:
        """Render each chosen page with QPdfDocument.render and paint it, fitted, on the printer's page."""
        count = self.document.pageCount()
        first, last = 1, count
        if printer.printRange() == QPrinter.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), min(printer.toPage() or count, count)
        # The printer makes the copies itself when it can; otherwise we send the pages that many times.
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Cannot print"), self.tr("The printer could not be started."))
            return 0
        printed = 0
        try:
            for _copy in range(copies):
                for number in range(first, last + 1):
                    if printed:
                        printer.newPage()
                    size_pt = self.document.pagePointSize(number - 1)
                    image_size = QSize(int(size_pt.width() * dpi / 72), int(size_pt.height() * dpi / 72))
                    image = self.document.render(number - 1, image_size)
                    target = printer.pageRect(QPrinter.DevicePixel).toRect()
                    target.moveTo(0, 0)
                    scaled = image_size.scaled(target.size(), Qt.KeepAspectRatio)
                    rect = QRect(QPoint((target.width() - scaled.width()) // 2,
                                        (target.height() - scaled.height()) // 2), scaled)
                    painter.fillRect(rect, QColor("white"))  # QtPdf renders on transparent
                    painter.drawImage(rect, image.convertToFormat(QImage.Format_ARGB32_Premultiplied))
                    printed += 1
        finally:
            painter.end()
        return printed
