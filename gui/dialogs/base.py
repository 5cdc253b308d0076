"""The base of every edit dialog: a field form with inline messages, attachments, history, Ctrl+S."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout

from storage.errors import DomainError

from ..widgets import FieldForm


class EditDialog(QDialog):
    """Subclasses build ``self.form`` fields in ``build()`` and write in ``write(s) -> uuid``.

    ``save()`` runs ``write`` in one transaction: on a refusal the message shows beside its field and
    the transaction rolls back, so nothing is saved."""

    CHANGED = "all"
    MODEL = None  # the record's class; ``self.record`` is loaded for an existing uuid
    ATTACHMENTS = False

    def __init__(self, ctx, uuid: str | None = None, parent=None, defaults: dict | None = None):
        super().__init__(parent)
        self.ctx, self.uuid = ctx, uuid
        self.defaults = defaults or {}
        self.saved_uuid: str | None = None
        self.record = None
        if uuid is not None and self.MODEL is not None:
            from storage import records

            with ctx.session() as s:
                self.record = records.get(s, self.MODEL, uuid)
        attachments_model = self.MODEL if self.ATTACHMENTS else None
        self.form = FieldForm()
        self.build()
        self.form.finish()
        outer = QVBoxLayout(self)
        body = QHBoxLayout()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        body.addWidget(scroll, 3)
        self.attachments = None
        if attachments_model is not None:
            from .attachments_panel import AttachmentsPanel

            self.attachments = AttachmentsPanel(ctx, attachments_model, uuid)
            body.addWidget(self.attachments, 2)
        outer.addLayout(body, 1)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save"), QDialogButtonBox.AcceptRole)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.cancel_button = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.RejectRole)
        self.cancel_button.setAutoDefault(False)
        if uuid is not None:
            self.history_button = QPushButton(self.tr("History…"))
            self.history_button.setAutoDefault(False)
            self.history_button.clicked.connect(self.show_history)
            self.buttons.addButton(self.history_button, QDialogButtonBox.HelpRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        outer.addWidget(self.buttons)
        QShortcut(QKeySequence.Save, self, activated=self.save)
        scale = max(1.0, self.font().pointSizeF() / 11)  # large text mode: a larger dialog
        self.resize(int((960 if self.attachments is not None else 620) * scale), int(640 * scale))

    def build(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def write(self, s) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def save(self) -> bool:
        self.form.clear_errors()
        try:
            with self.ctx.session() as s:
                uuid = self.write(s)
        except DomainError as e:
            self.form.show_error(e)
            return False
        self.saved_uuid = uuid
        self.ctx.changed.emit(self.CHANGED)
        self.accept()
        return True

    def show_history(self) -> None:
        from .history_dialog import HistoryDialog

        dlg = HistoryDialog(self.ctx, self.uuid, self)
        dlg.open()
