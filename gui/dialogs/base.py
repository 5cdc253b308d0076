"""The base of every edit dialog: a field form with inline messages, attachments, history, Ctrl+S."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout

from ..context import Change
from ..widgets import FieldForm, fit_to_screen


class EditDialog(QDialog):
    """Subclasses build ``self.form`` fields in ``build()``, collect them in ``fields()`` and write in
    ``write(s, values) -> record``; ``prepare(s)`` may read more than the record (lookups for combos).

    The record is read and the save is written on the database worker. ``save()`` hands the typed
    values to ``write`` in one transaction: on a refusal the message shows beside its field and nothing
    is saved."""

    CHANGED = Change.ALL
    MODEL = None  # the record's class; ``self.record`` is loaded for an existing uuid
    ATTACHMENTS = False
    ready = Signal()  # the form is built (at once for a new record, after the read for an existing one)

    def __init__(self, ctx, uuid: str | None = None, parent=None, defaults: dict | None = None):
        super().__init__(parent)
        self.ctx, self.uuid = ctx, uuid
        self.defaults = defaults or {}
        self.saved_uuid: str | None = None
        self.record = None
        self.data: dict = {}
        self.form = FieldForm()
        self.attachments = None
        self.saving = False
        outer = QVBoxLayout(self)
        self.body = QHBoxLayout()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.body.addWidget(self.scroll, 3)
        outer.addLayout(self.body, 1)
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
        fit_to_screen(self, int((960 if self.ATTACHMENTS else 620) * scale), int(640 * scale))
        if uuid is None and not self.NEEDS_LOOKUPS:
            self._build({})
        else:
            self.save_button.setEnabled(False)
            model = self.MODEL

            def load(s):
                from storage import records

                data = self.prepare(s)
                if uuid is not None and model is not None:
                    data["record"] = records.get(s, model, uuid)
                return data

            ctx.read(load, self._build, parent=self)

    NEEDS_LOOKUPS = False  # True: ``prepare`` reads something even for a new record

    def prepare(self, s) -> dict:
        """Runs on the worker before the form is built; what it returns is ``self.data``."""
        return {}

    def _build(self, data: dict) -> None:
        self.data = data
        self.record = data.get("record")
        self.build()
        self.form.finish()
        self.scroll.setWidget(self.form)
        if self.ATTACHMENTS and self.MODEL is not None:
            from .attachments_panel import AttachmentsPanel

            self.attachments = AttachmentsPanel(self.ctx, self.MODEL, self.uuid)
            self.body.addWidget(self.attachments, 2)
        self.save_button.setEnabled(True)
        self.built()
        self.ready.emit()

    def build(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def built(self) -> None:
        """Subclasses may finish the form here (a warning, the first focus)."""

    @property
    def is_ready(self) -> bool:
        return self.save_button.isEnabled() or self.saving

    def fields(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def write(self, s, values: dict):  # pragma: no cover - abstract
        """Create or update the record from ``values`` (on the worker: no widgets here); return it."""
        raise NotImplementedError

    def save(self) -> bool:
        """Collect the typed values here, write them on the worker; close once written."""
        if self.saving or not self.save_button.isEnabled():
            return False
        values = self.fields()
        pending = list(self.attachments.pending) if self.attachments is not None else []
        archive = self.ctx.archive
        self.saving = True
        self.save_button.setEnabled(False)

        def work(s):
            record = self.write(s, values)
            if pending:
                from storage import attachments

                for path in pending:
                    attachments.add_file(s, archive.actor, record, path)
            return record.uuid

        def saved(uuid):
            self.saving = False
            self.saved_uuid = uuid
            self.accept()

        def failed(_error):
            self.saving = False
            self.save_button.setEnabled(True)

        self.ctx.write(work, saved, changes=self.CHANGED, parent=self, form=self.form, on_failed=failed)
        return True

    def show_history(self) -> None:
        from .history_dialog import HistoryDialog

        dlg = HistoryDialog(self.ctx, self.uuid, self)
        dlg.open()
