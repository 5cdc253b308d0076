"""设置: language, text size, the weekly opening standard, the backup folder and the keeper's name;
plus a manual backup and the completeness self-check, both run off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from storage import centers, indicators, selfcheck

from ..context import Change
from ..widgets import OK_COLOUR, FieldForm, combo, line_edit

PROFILE_KEYS = ("name", "town", "village", "keeper", "phone", "address", "fonds_number", "retention_rule")


class SettingsPage(QWidget):
    appearance_changed = Signal()  # language or text size: the main window rebuilds itself

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()  # large text on a 768-pixel screen: the page scrolls, nothing is cut off
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        content = QWidget()
        scroll.setWidget(content)
        outer.addWidget(scroll)
        lay = QVBoxLayout(content)
        box = QGroupBox(self.tr("Settings"))
        bl = QVBoxLayout(box)
        self.form = FieldForm()
        f = self.form
        f.add("language", self.tr("Language"), combo([("zh_CN", "中文"), ("en", "English")]))
        f.add("text_size", self.tr("Text size"), combo([("normal", self.tr("Normal")),
                                                        ("large", self.tr("Large (for older eyes)"))]))
        f.add("weekly_standard_hours", self.tr("Weekly opening standard (hours)"), line_edit())
        f.add("indicator_profile", self.tr("Indicator checklist standard"), combo(indicators.choices()))
        folder_row = QWidget()
        fl = QHBoxLayout(folder_row)
        fl.setContentsMargins(0, 0, 0, 0)
        self.backup_dir = line_edit(name=self.tr("Backup folder"),
                                    placeholder=self.tr("empty: a folder beside the archive"))
        fl.addWidget(self.backup_dir, 1)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_folder)
        fl.addWidget(browse)
        f.add("backup_dir", self.tr("Backup folder"), folder_row)
        f.fields["backup_dir"] = self.backup_dir
        f.finish()
        bl.addWidget(f)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save settings (Ctrl+S)"))
        self.save_button.setObjectName("save_settings")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet(f"color: {OK_COLOUR};")
        row.addWidget(self.saved_label)
        row.addStretch(1)
        bl.addLayout(row)
        lay.addWidget(box)

        profile = QGroupBox(self.tr("Center profile"))
        pl = QVBoxLayout(profile)
        self.profile = FieldForm()
        p = self.profile
        p.add("name", self.tr("Center name"), line_edit())
        p.add("town", self.tr("Town"), line_edit())
        p.add("village", self.tr("Village"), line_edit())
        p.add("keeper", self.tr("Archive keeper (your name, written into the change history)"), line_edit())
        p.add("phone", self.tr("Phone"), line_edit())
        p.add("address", self.tr("Address"), line_edit())
        p.add("fonds_number", self.tr("全宗号 (fonds number)"), line_edit(placeholder=self.tr("blank until assigned")))
        p.add("retention_rule", self.tr("保管期限 (retention by kind)"),
              line_edit(example_value="activity=定期10年;equipment=定期30年"))
        p.finish()
        pl.addWidget(p)
        prow = QHBoxLayout()
        self.profile_button = QPushButton(self.tr("Save center profile"))
        self.profile_button.clicked.connect(self.save_profile)
        prow.addWidget(self.profile_button)
        self.profile_saved = QLabel()
        self.profile_saved.setStyleSheet(f"color: {OK_COLOUR};")
        prow.addWidget(self.profile_saved)
        prow.addStretch(1)
        pl.addLayout(prow)
        lay.addWidget(profile)

        tools = QGroupBox(self.tr("Safety"))
        tl = QHBoxLayout(tools)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.backup_now)
        self.check_button = QPushButton(self.tr("Run the completeness self-check"))
        self.check_button.clicked.connect(self.run_check)
        tl.addWidget(self.backup_button)
        tl.addWidget(self.check_button)
        tl.addStretch(1)
        lay.addWidget(tools)
        self.result = QLabel()
        self.result.setWordWrap(True)
        lay.addWidget(self.result)
        self.archive_info = QLabel()
        self.archive_info.setStyleSheet("color: #555555;")
        self.archive_info.setTextInteractionFlags(self.archive_info.textInteractionFlags()
                                                  | Qt.TextSelectableByMouse)
        lay.addWidget(self.archive_info)
        lay.addStretch(1)
        QShortcut(QKeySequence.Save, self, activated=self.save)
        self.refresh()

    def refresh(self) -> None:
        st = self.ctx.settings
        f = self.form
        f.fields["language"].setCurrentIndex(max(f.fields["language"].findData(st.language), 0))
        f.fields["text_size"].setCurrentIndex(max(f.fields["text_size"].findData(st.text_size), 0))
        chosen = indicators.profile(st.indicator_profile).key
        f.fields["indicator_profile"].setCurrentIndex(max(f.fields["indicator_profile"].findData(chosen), 0))
        self.backup_dir.setText(st.backup_dir)
        if self.ctx.archive is not None:
            self.ctx.read(self.ctx.own_center, self._show_center, parent=self)
            self.archive_info.setText(self.tr("Archive file: {path}\nBackups: {folder}").format(
                path=self.ctx.archive.path, folder=self.ctx.archive.backup_dir))

    def _show_center(self, center) -> None:
        self.form.fields["weekly_standard_hours"].setText(f"{center.weekly_standard_hours:g}")
        for key in PROFILE_KEYS:
            self.profile.fields[key].setText(getattr(center, key) or "")

    def save_profile(self) -> bool:
        self.profile_saved.clear()
        values = {k: self.profile.value(k) for k in PROFILE_KEYS}
        archive = self.ctx.archive
        self.ctx.write(lambda s: centers.update_center(s, archive.actor, self.ctx.own_center(s), **values),
                       lambda _r: self.profile_saved.setText(self.tr("Saved.")), changes=Change.CENTER,
                       parent=self, form=self.profile)
        return True

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), self.backup_dir.text() or
                                                  str(Path.home()))
        if folder:
            self.backup_dir.setText(folder)

    def save(self) -> bool:
        f = self.form
        self.saved_label.clear()
        standard, archive = f.value("weekly_standard_hours"), self.ctx.archive
        self.ctx.write(lambda s: centers.update_center(s, archive.actor, self.ctx.own_center(s),
                                                       weekly_standard_hours=standard),
                       lambda _r: self._save_settings(), changes=Change.CENTER, parent=self, form=f)
        return True

    def _save_settings(self) -> None:
        """The settings kept on this computer, once the archive has taken the weekly standard."""
        f = self.form
        st = self.ctx.settings
        appearance = (st.language, st.text_size) != (f.value("language"), f.value("text_size"))
        st.language = f.value("language")
        st.text_size = f.value("text_size")
        st.indicator_profile = f.value("indicator_profile")
        st.backup_dir = self.backup_dir.text().strip()
        st.save()
        if st.backup_dir:
            self.ctx.archive.backup_dir = Path(st.backup_dir)
        self.saved_label.setText(self.tr("Saved."))
        if appearance:
            self.appearance_changed.emit()

    def backup_now(self) -> None:
        def done(path):
            self.result.setText(self.tr("Backup written: {path}").format(path=path))

        self.ctx.backup_now(done, parent=self)

    def run_check(self) -> None:
        archive = self.ctx.archive

        def work(task):
            task.progress(0, 1, self.tr("Checking…"))
            return selfcheck.run(archive)

        def done(report):
            errors = sum(1 for x in report.findings if x.severity == "error")
            text = self.tr("Self-check finished: {n} findings, {e} errors.").format(n=len(report.findings), e=errors)
            if report.integrity_ok:
                text += " " + self.tr("The archive file is sound.")
            else:
                text += " " + self.tr("The archive file has problems: please contact the town station.")
            self.result.setText(text)
            QMessageBox.information(self, self.tr("Completeness self-check"), text)

        self.ctx.run_task(self.tr("Completeness self-check"), work, done, parent=self)
