"""The attachments panel of an edit dialog: thumbnails, add by file dialog or drag-and-drop,
open the original (a temp copy, opened by the system viewer), edit the caption."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from storage import attachments, records
from storage.models import Attachment, Blob

from ..context import Change
from ..widgets import ERROR_STYLE

_TEMP_DIR: Path | None = None


def temp_dir() -> Path:
    global _TEMP_DIR
    if _TEMP_DIR is None:
        _TEMP_DIR = Path(tempfile.mkdtemp(prefix="village-archive-open-"))
    return _TEMP_DIR


class AttachmentsPanel(QWidget):
    """Attachments of one record (``model`` class and ``uuid``). Without a uuid (a new record) the
    chosen files wait in ``pending`` and the dialog stores them in its save transaction."""

    def __init__(self, ctx, model, uuid: str | None = None, parent=None):
        super().__init__(parent)
        self.ctx, self.model, self.uuid = ctx, model, uuid
        self.pending: list[Path] = []
        self.setAcceptDrops(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Photos and files (drag files here)"))
        lay.addWidget(title)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Attachments"))
        self.list.setViewMode(QListView.IconMode)
        self.list.setIconSize(QSize(120, 120))
        self.list.setGridSize(QSize(150, 170))
        self.list.setResizeMode(QListView.Adjust)
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(330)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_original())
        lay.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add files…"))
        self.add_button.clicked.connect(self.choose_files)
        self.open_button = QPushButton(self.tr("Open original"))
        self.open_button.clicked.connect(self.open_original)
        self.caption_button = QPushButton(self.tr("Caption…"))
        self.caption_button.clicked.connect(self.edit_caption)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.clicked.connect(self.remove_selected)
        for b in (self.add_button, self.open_button, self.caption_button, self.remove_button):
            b.setAutoDefault(False)  # Enter in a field saves the record, never opens a file dialog
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        lay.addWidget(self.message)
        self.reload()

    # -- listing (read on the worker; thumbnails become icons here) -------------------------------
    def reload(self) -> None:
        model, uuid = self.model, self.uuid
        if uuid is None or self.ctx.archive is None:
            self._show_list([])
            return

        def load(s):
            owner = records.get(s, model, uuid)
            return [(att.uuid, att.caption or att.filename, att.filename, s.get(Blob, att.sha256).thumbnail)
                    for att in attachments.attachments_of(s, owner)]

        self.ctx.read(load, self._show_list, parent=self)

    def _show_list(self, stored: list) -> None:
        self.list.clear()
        file_icon = self.style().standardIcon(QStyle.SP_FileIcon)
        for att_uuid, label, filename, thumb in stored:
            icon = file_icon
            if thumb:
                image = QImage.fromData(thumb)
                if not image.isNull():
                    icon = QIcon(QPixmap.fromImage(image))
            item = QListWidgetItem(icon, label)
            item.setData(Qt.UserRole, att_uuid)
            item.setToolTip(filename)
            self.list.addItem(item)
        for path in self.pending:
            item = QListWidgetItem(file_icon, self.tr("{name} (saved with the record)").format(name=path.name))
            item.setData(Qt.UserRole, None)
            self.list.addItem(item)
        has = self.list.count() > 0
        self.open_button.setEnabled(has and self.uuid is not None)
        self.caption_button.setEnabled(has and self.uuid is not None)
        self.remove_button.setEnabled(has and self.uuid is not None)

    def show_error(self, error) -> None:
        self.message.setText(error.message)
        self.message.show()

    def clear_errors(self) -> None:
        self.message.hide()

    def count(self) -> int:
        return self.list.count()

    # -- adding ----------------------------------------------------------------------------
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose photos or files"), str(Path.home()),
            self.tr("Photos and documents (*.jpg *.jpeg *.png *.gif *.bmp *.pdf *.doc *.docx *.xls *.xlsx);;"
                    "All files (*)"))
        if files:
            self.add_paths([Path(f) for f in files])

    def add_paths(self, paths: list[Path]) -> bool:
        self.message.hide()
        paths = [Path(p) for p in paths if Path(p).is_file()]
        if not paths:
            return False
        if self.uuid is None:
            self.pending += paths
            self._show_list([])
            return True
        model, uuid, archive = self.model, self.uuid, self.ctx.archive

        def add(s):
            owner = records.get(s, model, uuid)
            for path in paths:
                attachments.add_file(s, archive.actor, owner, path)

        self.ctx.write(add, lambda _r: self.reload(), changes=Change.ATTACHMENT, parent=self, form=self)
        return True

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.add_paths(paths)
            event.acceptProposedAction()

    # -- open and caption --------------------------------------------------------------------
    def _selected_uuid(self) -> str | None:
        item = self.list.currentItem() or (self.list.item(0) if self.list.count() == 1 else None)
        return item.data(Qt.UserRole) if item is not None else None

    def open_original(self) -> None:
        """A temporary copy of the stored file, opened by the system viewer."""
        uuid = self._selected_uuid()
        if uuid is None:
            return

        def load(s):
            att = records.get(s, Attachment, uuid)
            return att.filename, attachments.read_bytes(s, att)

        def show(found) -> None:
            name, data = found
            folder = temp_dir() / uuid[:8]
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / Path(name).name
            path.write_bytes(data)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self.ctx.read(load, show, parent=self)

    def edit_caption(self) -> None:
        uuid = self._selected_uuid()
        if uuid is None:
            return
        archive = self.ctx.archive

        def ask(found) -> None:
            current, taken = found
            text, ok = QInputDialog.getText(self, self.tr("Caption"),
                                            self.tr("What does this photo or file show?"), text=current)
            if ok:
                self.ctx.write(lambda s: attachments.update_caption(s, archive.actor, records.get(s, Attachment, uuid),
                                                                    text, taken),
                               lambda _r: self.reload(), changes=Change.ATTACHMENT, parent=self, form=self)

        self.ctx.read(lambda s: (lambda att: (att.caption, att.taken_on))(records.get(s, Attachment, uuid)), ask,
                      parent=self)

    def remove_selected(self) -> None:
        """Soft-delete with a reason, like every record: the bytes stay in the archive and the trail."""
        uuid = self._selected_uuid()
        if uuid is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Remove attachment"),
                                          self.tr("Why is this file removed? (for example: wrong photo)"))
        if not ok:
            return
        archive = self.ctx.archive
        self.ctx.write(lambda s: records.delete(s, archive.actor, records.get(s, Attachment, uuid), reason),
                       lambda _r: self.reload(), changes=Change.ATTACHMENT, parent=self, form=self)
