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
from storage.errors import DomainError
from storage.models import Attachment, Blob

from ..widgets import ERROR_STYLE

_TEMP_DIR: Path | None = None


def temp_dir() -> Path:
    global _TEMP_DIR
    if _TEMP_DIR is None:
        _TEMP_DIR = Path(tempfile.mkdtemp(prefix="village-archive-open-"))
    return _TEMP_DIR


class AttachmentsPanel(QWidget):
    """Attachments of one record (``model`` class and ``uuid``). Without a uuid (a new record) the
    chosen files wait and are stored by ``flush_pending(s, owner)`` in the dialog's save transaction."""

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

    # -- listing -------------------------------------------------------------------------
    def reload(self) -> None:
        self.list.clear()
        file_icon = self.style().standardIcon(QStyle.SP_FileIcon)
        if self.uuid is not None and self.ctx.archive is not None:
            with self.ctx.session() as s:
                owner = records.get(s, self.model, self.uuid)
                for att in attachments.attachments_of(s, owner):
                    thumb = s.get(Blob, att.sha256).thumbnail
                    icon = file_icon
                    if thumb:
                        image = QImage.fromData(thumb)
                        if not image.isNull():
                            icon = QIcon(QPixmap.fromImage(image))
                    item = QListWidgetItem(icon, att.caption or att.filename)
                    item.setData(Qt.UserRole, att.uuid)
                    item.setToolTip(att.filename)
                    self.list.addItem(item)
        for path in self.pending:
            item = QListWidgetItem(file_icon, self.tr("{name} (saved with the record)").format(name=path.name))
            item.setData(Qt.UserRole, None)
            self.list.addItem(item)
        has = self.list.count() > 0
        self.open_button.setEnabled(has and self.uuid is not None)
        self.caption_button.setEnabled(has and self.uuid is not None)
        self.remove_button.setEnabled(has and self.uuid is not None)

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
            self.reload()
            return True
        try:
            with self.ctx.session() as s:
                owner = records.get(s, self.model, self.uuid)
                for path in paths:
                    attachments.add_file(s, self.ctx.archive.actor, owner, path)
        except DomainError as e:
            self.message.setText(e.message)
            self.message.show()
            return False
        self.reload()
        self.ctx.changed.emit("attachment")
        return True

    def flush_pending(self, s, owner) -> None:
        for path in self.pending:
            attachments.add_file(s, self.ctx.archive.actor, owner, path)

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

    def open_original(self) -> Path | None:
        uuid = self._selected_uuid()
        if uuid is None:
            return None
        with self.ctx.session() as s:
            att = records.get(s, Attachment, uuid)
            data = attachments.read_bytes(s, att)
            name = att.filename
        folder = temp_dir() / uuid[:8]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / Path(name).name
        path.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def edit_caption(self) -> None:
        uuid = self._selected_uuid()
        if uuid is None:
            return
        with self.ctx.session() as s:
            att = records.get(s, Attachment, uuid)
            current, taken = att.caption, att.taken_on
        text, ok = QInputDialog.getText(self, self.tr("Caption"), self.tr("What does this photo or file show?"),
                                        text=current)
        if not ok:
            return
        try:
            with self.ctx.session() as s:
                att = records.get(s, Attachment, uuid)
                attachments.update_caption(s, self.ctx.archive.actor, att, text, taken)
        except DomainError as e:
            self.message.setText(e.message)
            self.message.show()
            return
        self.reload()

    def remove_selected(self) -> None:
        """Soft-delete with a reason, like every record: the bytes stay in the archive and the trail."""
        uuid = self._selected_uuid()
        if uuid is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Remove attachment"),
                                          self.tr("Why is this file removed? (for example: wrong photo)"))
        if not ok:
            return
        try:
            with self.ctx.session() as s:
                records.delete(s, self.ctx.archive.actor, records.get(s, Attachment, uuid), reason)
        except DomainError as e:
            self.message.setText(e.message)
            self.message.show()
            return
        self.reload()
        self.ctx.changed.emit("attachment")
