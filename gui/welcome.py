"""The welcome screen: create an archive (the center profile form), open an existing file, or the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage import centers, paths
from storage.errors import DomainError, ValidationError

from .widgets import FieldForm, combo, line_edit


class WelcomeWindow(QWidget):
    opened = Signal(object)  # a new Archive, open for writing
    open_requested = Signal(str)  # path of an existing archive
    demo_requested = Signal()
    language_changed = Signal()

    def __init__(self, settings, parent=None, ctx=None, new_path: Path | None = None):
        super().__init__(parent)
        self.ctx = ctx  # the app's context: the new archive is created on its worker
        self.settings = settings
        self.setWindowTitle(self.tr("Village Archive — welcome"))
        self.setObjectName("welcome")
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addStretch(1)
        self.language = combo([("zh_CN", "中文"), ("en", "English")], settings.language,
                              name=self.tr("Language"))
        self.language.currentIndexChanged.connect(self._language)
        top.addWidget(self.language)
        lay.addLayout(top)
        title = QLabel(self.tr("Welcome to Village Archive"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        lay.addWidget(title)
        intro = QLabel(self.tr("Keep the archive of your village cultural service center: activities, equipment, "
                               "opening hours. Everything stays on this computer."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.new_path_note = None
        if new_path is not None:
            self.new_path_note = QLabel(self.tr("There is no archive at {path} yet. Fill in your center below and "
                                                "press “Create archive”: it is created there.").format(path=new_path))
            self.new_path_note.setObjectName("new_path_note")
            self.new_path_note.setWordWrap(True)
            self.new_path_note.setStyleSheet("font-weight: bold;")
            lay.addWidget(self.new_path_note)

        box = QGroupBox(self.tr("Create a new archive for your center"))
        bl = QVBoxLayout(box)
        self.form = FieldForm()
        f = self.form
        f.add("name", self.tr("Center name"), line_edit(example_value="城东村综合性文化服务中心"))
        f.add("town", self.tr("Town"), line_edit(example_value="苍城镇"))
        f.add("village", self.tr("Village"), line_edit(example_value="城东村"))
        f.add("code", self.tr("Center code (letters and digits, optional)"), line_edit(example_value="KPCCCD"))
        f.add("keeper", self.tr("Archive keeper"), line_edit(settings.keeper_name))
        f.add("phone", self.tr("Phone"), line_edit())
        f.add("address", self.tr("Address"), line_edit())
        f.add("weekly_standard_hours", self.tr("Weekly opening standard (hours)"), line_edit("42"))
        demo_box = QCheckBox(self.tr("Yes, this center is a demonstration center"))
        f.add("is_demonstration", self.tr("Demonstration"), demo_box)
        row = QWidget()
        rl = QHBoxLayout(row)
        rl.setContentsMargins(0, 0, 0, 0)
        self.path = line_edit(str(new_path or paths.default_archive_path()), name=self.tr("Archive file"))
        rl.addWidget(self.path, 1)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_path)
        rl.addWidget(browse)
        f.add("path", self.tr("Archive file"), row)
        f.fields["path"] = self.path
        f.errors["file"] = f.errors["path"]
        f.finish()
        bl.addWidget(f)
        self.create_button = QPushButton(self.tr("Create archive"))
        self.create_button.setObjectName("create")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        bl.addWidget(self.create_button, 0, Qt.AlignRight)
        lay.addWidget(box, 1)

        others = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open an existing archive…"))
        self.open_button.clicked.connect(self.choose_existing)
        self.demo_button = QPushButton(self.tr("Open the demo archive"))
        self.demo_button.clicked.connect(self.demo_requested.emit)
        others.addWidget(self.open_button)
        others.addWidget(self.demo_button)
        others.addStretch(1)
        lay.addLayout(others)
        self.resize(760, 720)

    def _language(self) -> None:
        self.settings.language = self.language.currentData()
        try:
            self.settings.save()
        except OSError:
            pass
        self.language_changed.emit()

    def choose_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Where to keep the archive"), self.path.text(),
                                              self.tr("Archive files (*.db)"))
        if path:
            self.path.setText(path if path.endswith(".db") else path + ".db")

    def choose_existing(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open an archive"), str(paths.data_dir()),
                                              self.tr("Archive files (*.db);;All files (*)"))
        if path:
            self.open_requested.emit(path)

    def center_fields(self) -> dict:
        f = self.form
        out = {k: f.value(k) for k in ("name", "town", "village", "code", "keeper", "phone", "address",
                                       "weekly_standard_hours")}
        out["is_demonstration"] = f.fields["is_demonstration"].isChecked()
        return out

    def create(self) -> bool:
        """Check the profile here, so a refused form leaves no file behind; then create the archive and its
        center on the worker (``ctx``) and emit ``opened``."""
        f = self.form
        f.clear_errors()
        fields = self.center_fields()
        try:
            centers.clean_center(fields)
            text = self.path.text().strip()
            if not text:
                raise ValidationError("required", self.tr("Please choose where to keep the archive file."), "path")
        except DomainError as e:
            f.show_error(e)
            return False
        path = Path(text)
        backup_dir = Path(self.settings.backup_dir) if self.settings.backup_dir else None

        def work(task):
            from storage.engine import open_archive

            try:
                archive = open_archive(path, create=True, actor=fields["keeper"].strip() or None,
                                       backup_dir=backup_dir)
            except DomainError as e:
                raise e if e.field else ValidationError(e.code, e.message, "path") from None
            try:
                with archive.session() as s:
                    centers.create_center(s, archive.actor, own=True, **fields)
                    centers.set_role(s, "village")
            except BaseException:
                archive.close()
                for suffix in ("", "-wal", "-shm"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
                raise
            archive.actor = None  # from now on the profile's keeper, also after a rename in 设置
            return archive

        def failed(error) -> None:
            if isinstance(error, DomainError):
                f.show_error(error)
            else:
                from .errors import report_unexpected

                report_unexpected(getattr(error, "__traceback_text__", repr(error)), self)

        self.ctx.run_task(self.tr("Creating the archive"), work, self.opened.emit, on_error=failed, parent=self)
        return True
