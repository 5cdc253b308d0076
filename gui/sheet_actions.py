"""Spreadsheet import wizard and export, called lazily from the register pages' buttons.

``import_sheet(ctx, kind, parent)`` opens the wizard: choose a file and the kind of sheet, see a
preview with every problem cell highlighted and the list of problems, then confirm. A sheet with
problems imports only if the keeper explicitly ticks "import only the rows without problems".
``export_sheet(ctx, kind, parent)`` asks for a file name and writes the register to .xlsx.
Reading, checking, importing and exporting run through ``ctx.run_task`` (the database worker).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage.errors import DomainError

from .context import Change

PROBLEM_BG = QColor("#f8d7da")
SKIPPED_FG = QColor("#8a8a8a")
CHANGED = {"activity": Change.ACTIVITY, "equipment": Change.EQUIPMENT, "opening_log": Change.OPENING_LOG}
PROBLEM_ROLE = Qt.UserRole + 1


def kind_names() -> dict[str, str]:
    return {
        "activity": QCoreApplication.translate("SheetActions", "Activities"),
        "equipment": QCoreApplication.translate("SheetActions", "Equipment ledger"),
        "opening_log": QCoreApplication.translate("SheetActions", "Opening log"),
    }


def file_stem(kind: str) -> str:
    from storage.sheets import KIND_NAMES

    return KIND_NAMES.get(kind, kind)


class PreviewModel(QAbstractTableModel):
    """The sheet's rows as read, one column per recognised column, problem cells highlighted."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.check = None
        self.columns: list = []  # (file column index, Column)
        self.rows: list = []
        self.cell_problems: dict[tuple[int, str], list[str]] = {}
        self.row_problems: dict[int, list[str]] = {}

    def set_check(self, check) -> None:
        self.beginResetModel()
        self.check = check
        self.columns = sorted(((i, c) for i, c in check.mapping.items() if c.type != "skip"), key=lambda p: p[0])
        self.rows = list(check.rows)
        self.cell_problems, self.row_problems = {}, {}
        for p in check.problems:
            if p.row is None:
                continue
            if p.column:
                self.cell_problems.setdefault((p.row, p.column), []).append(p.why)
            else:
                self.row_problems.setdefault(p.row, []).append(p.why)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return str(self.check.header[self.columns[section][0]])
        return str(self.rows[section].row)

    def problems_at(self, row, column) -> list[str]:
        r = self.rows[row]
        header = str(self.check.header[self.columns[column][0]])
        return self.cell_problems.get((r.row, header), []) + (self.row_problems.get(r.row, []) if column == 0
                                                               else [])

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        from storage.sheets.parsing import cell_text

        r = self.rows[index.row()]
        col = self.columns[index.column()][1]
        if role == Qt.DisplayRole:
            return cell_text(r.raw.get(col.key))
        problems = self.problems_at(index.row(), index.column())
        if role == Qt.BackgroundRole and problems:
            return QBrush(PROBLEM_BG)
        if role == Qt.ForegroundRole and (r.example or r.duplicate_of is not None):
            return QBrush(SKIPPED_FG)
        if role in (Qt.ToolTipRole, PROBLEM_ROLE) and problems:
            return "\n".join(problems)
        return None

    def index_of(self, sheet_row: int, header: str) -> QModelIndex:
        for i, r in enumerate(self.rows):
            if r.row == sheet_row:
                for j, (pos, _c) in enumerate(self.columns):
                    if str(self.check.header[pos]) == header:
                        return self.index(i, j)
                return self.index(i, 0)
        return QModelIndex()


class ImportSheetDialog(QDialog):
    """The import wizard: file and kind → preview and problems → confirm."""

    def __init__(self, ctx, kind: str = "activity", parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.check = None
        self.report = None
        self.setWindowTitle(self.tr("Import from a spreadsheet"))
        self.resize(960, 640)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Kind of sheet:")))
        self.kind_combo = QComboBox()
        for key, name in kind_names().items():
            self.kind_combo.addItem(name, key)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.kind_combo.currentIndexChanged.connect(self.recheck)
        top.addWidget(self.kind_combo)
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("Choose an .xlsx or .csv file"))
        top.addWidget(self.path_edit, 1)
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        top.addWidget(self.choose_button)
        self.template_button = QPushButton(self.tr("Save a blank template…"))
        self.template_button.clicked.connect(self.save_template)
        top.addWidget(self.template_button)
        layout.addLayout(top)

        self.summary = QLabel(self.tr("Choose the file to import. Nothing is imported before you confirm."))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        splitter = QSplitter(Qt.Vertical)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(False)
        splitter.addWidget(self.table)
        self.problem_list = QListWidget()
        self.problem_list.currentRowChanged.connect(self.show_problem)
        splitter.addWidget(self.problem_list)
        splitter.setSizes([400, 160])
        layout.addWidget(splitter, 1)

        self.only_valid = QCheckBox(self.tr("Import only the rows without problems (the other rows are skipped)"))
        self.only_valid.setEnabled(False)
        self.only_valid.toggled.connect(self.update_buttons)
        layout.addWidget(self.only_valid)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.RejectRole)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    # -- choosing and checking ---------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.kind_combo.currentData()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the spreadsheet to import"),
            str(Path.home()),
            self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"),
        )
        if path:
            self.path_edit.setText(path)
            self.recheck()

    def recheck(self) -> None:
        path = self.path_edit.text()
        if not path:
            return
        kind = self.kind
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Checking the sheet…"))

        def work(task):
            from storage.sheets import check_file

            return check_file(path, kind)

        self.ctx.run_task(self.tr("Checking the sheet…"), work, self.show_check, self.show_read_error, self)

    def show_read_error(self, error: BaseException) -> None:
        self.check = None
        self.model.beginResetModel()
        self.model.rows = []
        self.model.columns = []
        self.model.endResetModel()
        self.problem_list.clear()
        if isinstance(error, DomainError):
            self.summary.setText(error.message)
        else:
            from gui.errors import report_unexpected

            self.summary.setText(self.tr("The file could not be read."))
            report_unexpected(getattr(error, "__traceback_text__", repr(error)), self)
        self.update_buttons()

    def show_check(self, check) -> None:
        self.check = check
        self.model.set_check(check)
        self.table.resizeColumnsToContents()
        self.problem_list.clear()
        for p in check.problems:
            item = QListWidgetItem(p.text())
            item.setData(Qt.UserRole, (p.row, p.column))
            item.setForeground(QBrush(QColor("#b00020")))
            self.problem_list.addItem(item)
        for line in check.notices():
            self.problem_list.addItem(QListWidgetItem(line))
        rows = len(check.data_rows)
        bad = len(check.invalid_rows)
        if check.file_problems:
            text = self.tr("The sheet cannot be imported: see the problems below.")
        elif bad:
            text = self.tr("{rows} rows read; {bad} rows have problems (highlighted). Correct them in the spreadsheet and choose the file again, or import only the rows without problems.")  # noqa: E501
        else:
            text = self.tr("{rows} rows read, no problems found. Rows already in the archive will be skipped.")
        self.summary.setText(text.format(rows=rows, bad=bad))
        self.only_valid.setChecked(False)
        self.only_valid.setEnabled(bool(bad) and not check.file_problems and rows > bad)
        self.update_buttons()

    def update_buttons(self) -> None:
        check = self.check
        ready = check is not None and not check.file_problems and (check.ok or self.only_valid.isChecked())
        self.import_button.setEnabled(bool(ready) and not self.ctx.busy)

    def show_problem(self, row: int) -> None:
        item = self.problem_list.item(row) if row >= 0 else None
        where = item.data(Qt.UserRole) if item is not None else None
        if not where or where[0] is None:
            return
        index = self.model.index_of(where[0], where[1])
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def save_template(self) -> None:
        kind = self.kind
        name = f"{file_stem(kind)}导入模板.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save a blank template"),
            str(Path.home() / name),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        path = _xlsx(path)
        try:
            from storage.sheets import write_template

            write_template(kind, path)
        except DomainError as e:
            QMessageBox.warning(self, self.tr("Template not saved"), e.message)
            return
        message = self.tr("Template saved to {path}.").format(path=path)
        QMessageBox.information(self, self.tr("Template saved"), message)

    # -- importing ---------------------------------------------------------------------------
    def start_import(self) -> None:
        if self.check is None or self.ctx.archive is None:
            return
        check, only_valid, archive = self.check, self.only_valid.isChecked(), self.ctx.archive
        self.import_button.setEnabled(False)

        def work(task):
            from storage.sheets import import_checked

            return import_checked(archive, check, only_valid=only_valid, progress=task.progress,
                                  cancelled=lambda: task.cancelled)

        self.ctx.run_task(self.tr("Importing…"), work, self.finish_import, self.import_failed, self)

    def import_failed(self, error: BaseException) -> None:
        self.update_buttons()
        if isinstance(error, DomainError):
            QMessageBox.warning(self, self.tr("Nothing imported"), error.message)
        else:
            from gui.errors import report_unexpected

            report_unexpected(getattr(error, "__traceback_text__", repr(error)), self)

    def finish_import(self, report) -> None:
        self.report = report
        if report.refused:
            QMessageBox.warning(self, self.tr("Nothing imported"), report.text())
            self.update_buttons()
            return
        self.ctx.announce(CHANGED[report.kind])
        message = self.tr("{added} rows added, {existing} already in the archive, {invalid} skipped because of problems.")  # noqa: E501
        message = message.format(added=report.rows_added, existing=report.rows_existing,
                                 invalid=report.rows_invalid)
        title = self.tr("Import finished")
        box = QMessageBox(QMessageBox.Information, title, message, QMessageBox.Ok, self)
        box.setDetailedText(report.text())
        box.open()
        self.accept()


def _xlsx(path: str) -> str:
    return path if path.lower().endswith(".xlsx") else path + ".xlsx"


def import_sheet(ctx, kind: str, parent: QWidget | None = None) -> ImportSheetDialog | None:
    """Open the import wizard for ``kind`` ("activity", "equipment", "opening_log")."""
    if ctx.archive is None or ctx.archive.readonly:
        title = QCoreApplication.translate("SheetActions", "Cannot import")
        message = QCoreApplication.translate("SheetActions", "Open an archive for writing first.")
        QMessageBox.warning(parent, title, message)
        return None
    dialog = ImportSheetDialog(ctx, kind, parent)
    dialog.open()
    return dialog


def export_sheet(ctx, kind: str, parent: QWidget | None = None):
    """Ask where to save, then export the register to .xlsx on the worker thread."""
    if ctx.archive is None:
        title = QCoreApplication.translate("SheetActions", "Cannot export")
        message = QCoreApplication.translate("SheetActions", "Open an archive first.")
        QMessageBox.warning(parent, title, message)
        return None
    suggested = Path.home() / f"{file_stem(kind)}-{date.today():%Y%m%d}.xlsx"
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("SheetActions", "Export to a spreadsheet"),
        str(suggested),
        QCoreApplication.translate("SheetActions", "Excel workbook (*.xlsx)"),
    )
    if not path:
        return None
    path = _xlsx(path)
    archive = ctx.archive

    def work(task):
        from storage.sheets import export_sheet as export

        return export(archive, kind, path, progress=task.progress)

    def done(count: int) -> None:
        title = QCoreApplication.translate("SheetActions", "Export finished")
        message = QCoreApplication.translate("SheetActions", "{count} rows exported to {path}.")
        QMessageBox.information(parent, title, message.format(count=count, path=path))

    title = QCoreApplication.translate("SheetActions", "Exporting…")
    return ctx.run_task(title, work, done, None, parent)
