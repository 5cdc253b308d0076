"""Asked once when the center has no keeper: the name that every change in the archive is signed with."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from storage import centers
from storage.errors import DomainError

from ..context import Change
from ..widgets import FieldForm, line_edit


class KeeperDialog(QDialog):
    def __init__(self, ctx, suggestion: str = "", parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Who keeps this archive?"))
        self.setObjectName("keeper_dialog")
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Every record you add or change is signed with the archive keeper's name, "
                               "so the archive shows who is answerable for it. Please enter your name. "
                               "You can change it later in Settings (center profile)."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.form = FieldForm()
        self.name = self.form.add("keeper", self.tr("Archive keeper"),
                                  line_edit(suggestion, placeholder=self.tr("for example: 李秀英")))
        self.form.finish()
        lay.addWidget(self.form)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.AcceptRole)
        self.save_button.setDefault(True)
        later = buttons.addButton(self.tr("Later"), QDialogButtonBox.RejectRole)
        self.save_button.clicked.connect(self.save)
        later.clicked.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(max(460, self.sizeHint().width()), self.sizeHint().height())

    def save(self) -> bool:
        self.form.clear_errors()
        name = self.form.value("keeper").strip()
        if not name:
            self.form.show_error(DomainError("required", self.tr("Please enter the keeper's name."), "keeper"))
            return False
        self.ctx.write(lambda s: centers.update_center(s, name, self.ctx.own_center(s), keeper=name),
                       lambda _r: self.accept(), changes=Change.CENTER, parent=self, form=self.form)
        return True


def needs_keeper(s) -> bool:
    """True when the archive names no keeper (the audit trail would fall back to the computer's user)."""
    from storage import keeper

    return not keeper.keeper_name(s)
