"""档案交换: export the signed archive file; at a station, import many files, see every center, print the
town report. The page only calls ``storage.exchange`` and ``reports`` and shows their results; long work
runs on the database worker (``ctx.run_task``) with progress and cancel."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from storage import rules, signing
from storage.engine import archive_role, meta_value
from storage.exchange.importer import RESULT_NAMES, import_bags
from storage.exchange.overview import overview
from storage.exchange.verify import verify_bag

from ..context import Change


def _export_job(archive, out: Path, year: int):
    """Runs on the worker thread: render the period's PDF, then write the bag."""
    from reports.bag_pdf import period_pdf
    from storage.exchange.export import export_bag

    def job(task):
        def pdf_progress(done, total, text=""):
            task.check()
            task.progress(done, total * 2 if total else 0, text)

        pdf, start, end = period_pdf(archive, year, progress=pdf_progress, cancelled=lambda: task.cancelled)
        return export_bag(archive, out, dossier_pdf=pdf, start=start, end=end,
                          progress=lambda d, t: task.progress(t + d, 2 * t, ""), cancelled=lambda: task.cancelled)
    return job


class ExchangePage(QWidget):
    OVERVIEW_COLUMNS = 10

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.role = "village"
        self.code = self.place = ""
        self.last_export = None
        self.last_results = []
        self.setAcceptDrops(True)
        lay = QVBoxLayout(self)
        self.identity = QLabel()
        self.identity.setWordWrap(True)
        self.identity.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.identity)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs)
        self.tabs.addTab(self._export_tab(), self.tr("Export"))
        self.station_tab = self._import_tab()
        self.tabs.addTab(self.station_tab, self.tr("Import and overview"))
        ctx.subscribe(self, {Change.EXCHANGE, Change.CENTER}, self._on_changed)
        self.refresh()

    # -- building ------------------------------------------------------------------------------------
    def _export_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        box = QGroupBox(self.tr("Export the archive file for the level above"))
        bl = QVBoxLayout(box)
        text = self.tr("The file holds every record, signed with this center's key, and the year's dossier.")
        explain = QLabel(text + "\n" + self.tr("Take it to the town station on a USB stick."))
        explain.setWordWrap(True)
        bl.addWidget(explain)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Dossier year")))
        self.year = QSpinBox()
        self.year.setRange(rules.FIRST_YEAR, rules.LAST_YEAR)
        self.year.setValue(date.today().year)
        row.addWidget(self.year)
        row.addStretch(1)
        bl.addLayout(row)
        self.export_button = QPushButton(self.tr("Export to a folder…"))
        self.export_button.clicked.connect(self.choose_export_folder)
        bl.addWidget(self.export_button)
        self.export_status = QLabel()
        self.export_status.setWordWrap(True)
        self.export_status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        bl.addWidget(self.export_status)
        lay.addWidget(box)
        check = QGroupBox(self.tr("Check an archive file"))
        cl = QVBoxLayout(check)
        self.verify_button = QPushButton(self.tr("Check a file (four properties)…"))
        self.verify_button.clicked.connect(self.choose_verify_file)
        cl.addWidget(self.verify_button)
        lay.addWidget(check)
        lay.addStretch(1)
        return w

    def _import_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        row = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import archive files…"))
        self.import_button.clicked.connect(self.choose_import_files)
        row.addWidget(self.import_button)
        self.force = QCheckBox(self.tr("Allow an older file"))
        row.addWidget(self.force)
        self.accept_key = QCheckBox(self.tr("Accept a new key (fingerprint checked by phone)"))
        row.addWidget(self.accept_key)
        row.addStretch(1)
        lay.addLayout(row)
        drop = QLabel(self.tr("You can also drag archive files (.zip) onto this page."))
        drop.setObjectName("hint")
        lay.addWidget(drop)
        self.results = QTableWidget(0, 3)
        self.results.setHorizontalHeaderLabels([self.tr("File"), self.tr("Result"), self.tr("Message")])
        self.results.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.results.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.results.setWordWrap(True)
        self.results.setMaximumHeight(180)
        lay.addWidget(self.results)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Year")))
        self.overview_year = QSpinBox()
        self.overview_year.setRange(rules.FIRST_YEAR, rules.LAST_YEAR)
        self.overview_year.setValue(date.today().year)
        self.overview_year.valueChanged.connect(lambda _v: self.load_overview())
        row.addWidget(self.overview_year)
        self.report_button = QPushButton(self.tr("Town report…"))
        self.report_button.clicked.connect(self.choose_report_file)
        row.addWidget(self.report_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.coverage = QLabel()
        self.coverage.setWordWrap(True)
        lay.addWidget(self.coverage)
        self.table = QTableWidget(0, self.OVERVIEW_COLUMNS)
        self.table.setHorizontalHeaderLabels([
            self.tr("Code"),
            self.tr("Town"),
            self.tr("Village"),
            self.tr("Keeper"),
            self.tr("Status"),
            self.tr("Last file"),
            self.tr("Activities this year"),
            self.tr("Equipment"),
            self.tr("Weekly hours / standard"),
            self.tr("Findings"),
        ])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table, 1)
        return w

    # -- state ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        archive = self.ctx.archive
        if archive is None:
            self.identity.setText(self.tr("No archive is open."))
            self.setEnabled(False)
            return
        self.setEnabled(True)

        def load(s):
            center = self.ctx.own_center(s)
            fp = signing.fingerprint(center.public_key) if center.public_key else "—"
            return (archive_role(s), center.name, center.code, center.village or center.town, fp,
                    meta_value(s, "last_export_at"))

        self.ctx.read(load, self._show_identity, parent=self)

    def _show_identity(self, found) -> None:
        self.role, name, code, self.place, fp, last = found
        self.code = code
        try:
            last = datetime.fromisoformat(last).astimezone().strftime("%Y-%m-%d %H:%M") if last else self.tr("never")
        except ValueError:
            pass
        self.identity.setText(self.tr("{name} ({code}) · key fingerprint {fp} · last export: {last}").format(
            name=name, code=code, fp=fp, last=last))
        station = self.role != "village"
        self.tabs.setTabEnabled(1, station)
        self.tabs.setTabVisible(1, station)
        if station:
            self.load_overview()

    def _on_changed(self, changes) -> None:
        if self.isVisible():
            self.refresh()

    # -- export --------------------------------------------------------------------------------------
    def default_filename(self) -> str:
        return f"{self.code}-{self.place}-{self.year.value()}-{date.today():%Y%m%d}.zip"

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder (for example the USB stick)"))
        if folder:
            self.export_to(Path(folder) / self.default_filename())

    def export_to(self, out: Path):
        self.export_status.setText(self.tr("Exporting…"))
        self.export_button.setEnabled(False)
        return self.ctx.run_task(self.tr("Exporting the archive file"),
                                 _export_job(self.ctx.archive, out, self.year.value()),
                                 self._exported, self._failed_export, parent=self)

    def _exported(self, result) -> None:
        self.export_button.setEnabled(True)
        self.last_export = result
        saved = self.tr("Saved {path}. Key fingerprint: {fp}.").format(path=result.path, fp=result.fingerprint)
        self.export_status.setText(saved + " " + self.tr("Tell the receiver this fingerprint so they can check it."))
        self.ctx.announce(Change.EXCHANGE)

    def _failed_export(self, error) -> None:
        self.export_button.setEnabled(True)
        message = getattr(error, "message", None)
        self.export_status.setText(message or self.tr("The export stopped; no file was left behind."))
        if message and getattr(error, "code", "") not in ("export_cancelled",):
            QMessageBox.warning(self, self.tr("Cannot export"), message)

    # -- verify --------------------------------------------------------------------------------------
    def choose_verify_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose an archive file"), "",
                                              self.tr("Archive files (*.zip)"))
        if name:
            self.ctx.run_task(self.tr("Checking the archive file"), lambda task: verify_bag(name),
                              self._show_verify, parent=self)

    def _show_verify(self, report) -> None:
        show = QMessageBox.information if report.ok else QMessageBox.warning
        show(self, self.tr("Four-property check"), report.text())

    # -- station import ------------------------------------------------------------------------------
    def choose_import_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose archive files"), "",
                                                self.tr("Archive files (*.zip)"))
        if names:
            self.import_files([Path(n) for n in names])

    def import_files(self, files: list[Path]):
        if self.role == "village" or not files:
            return None
        force, accept = self.force.isChecked(), self.accept_key.isChecked()
        archive = self.ctx.archive

        def job(task):
            return import_bags(archive, files, force=force, accept_new_key=accept,
                               progress=lambda d, t, text: task.progress(d, t, text),
                               cancelled=lambda: task.cancelled)

        self.import_button.setEnabled(False)
        return self.ctx.run_task(self.tr("Importing archive files"), job, self._imported,
                                 self._failed_import, parent=self)

    def _imported(self, results) -> None:
        self.import_button.setEnabled(True)
        self.last_results = results
        self.results.setRowCount(len(results))
        for i, r in enumerate(results):
            for j, text in enumerate((r.source, RESULT_NAMES.get(r.result, r.result), r.message)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if r.result == "refused":
                    item.setForeground(Qt.darkRed)
                self.results.setItem(i, j, item)
        self.results.resizeRowsToContents()
        self.ctx.announce(Change.EXCHANGE)
        self.load_overview()

    def _failed_import(self, error) -> None:
        self.import_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("Cannot import"), getattr(error, "message", str(error)))

    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if self.role != "village" and any(u.toLocalFile().lower().endswith(".zip") for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.toLocalFile().lower().endswith(".zip")]
        if files:
            event.acceptProposedAction()
            self.import_files(files)

    # -- overview and town report --------------------------------------------------------------------
    def load_overview(self):
        if self.ctx.archive is None or self.role == "village":
            return None
        archive, year = self.ctx.archive, self.overview_year.value()
        return self.ctx.run_task(self.tr("Loading the overview"), lambda task: overview(archive, year),
                                 self._show_overview, parent=self, quiet=True)

    def _show_overview(self, ov) -> None:
        self.table.setRowCount(len(ov.rows))
        for i, r in enumerate(ov.rows):
            hours = f"{r.weekly_hours:g} / {r.standard_hours:g}"
            values = (r.code, r.town, r.village or "—", r.keeper or "—", r.plan_status_name,
                      r.last_bag or self.tr("nothing sent"), str(r.activities_year), str(r.equipment), hours,
                      "—" if r.findings is None else str(r.findings))
            for j, text in enumerate(values):
                item = QTableWidgetItem(text)
                if j in (6, 7, 9):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if (j == 8 and not r.hours_ok) or (j == 5 and not r.last_bag):
                    item.setForeground(Qt.darkRed)
                self.table.setItem(i, j, item)
        parts = []
        for q in ov.quarters:
            actual = "—" if q["covered_pct"] is None else f"{q['covered_pct']:g}%"
            parts.append(self.tr("{quarter}: target {target}%, planned {planned}%, built {actual}").format(
                quarter=q["quarter"], target=q["target_pct"], planned=f"{q['planned_pct']:g}", actual=actual))
        self.coverage.setText(self.tr("{covered} of {total} centers built.").format(
            covered=ov.covered, total=len(ov.rows)) + " " + "；".join(parts))

    def choose_report_file(self) -> None:
        year = self.overview_year.value()
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the town report"),
                                              self.tr("town-report-{year}.pdf").format(year=year),
                                              self.tr("PDF files (*.pdf)"))
        if name:
            self.write_report(Path(name), year)

    def write_report(self, out: Path, year: int):
        from reports.dossier import write_pdf
        from reports.town_report import render_town_report

        archive = self.ctx.archive

        def job(task):
            pdf = render_town_report(archive, year=year, progress=lambda d, t, text="": task.progress(d, t, text),
                                     cancelled=lambda: task.cancelled)
            return write_pdf(out, pdf)

        return self.ctx.run_task(self.tr("Writing the town report"), job, self._report_written, parent=self)

    def _report_written(self, path) -> None:
        QMessageBox.information(self, self.tr("Town report"), self.tr("Saved {path}.").format(path=path))
