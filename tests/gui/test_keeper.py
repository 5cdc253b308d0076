"""The keeper's name is the "who" of audit rows written from the GUI: asked for when missing, edited in
the center profile in 设置, used at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from storage import centers
from storage.models import AuditEntry
from tests.gui.helpers import settle, type_text


def _last_actor(ctx) -> str:
    with ctx.archive.session() as s:
        return s.scalar(select(AuditEntry.actor).order_by(AuditEntry.id.desc()).limit(1))


def test_profile_keeper_signs_changes_made_in_the_gui(window, ctx, qtbot):
    ctx.archive.actor = None  # as the app opens it: no explicit name, the profile's keeper
    page = window.show_page("settings")
    settle()
    type_text(page.profile.fields["keeper"], "陈志强")
    qtbot.mouseClick(page.profile_button, Qt.LeftButton)
    assert ctx.archive.actor == "陈志强"
    activities = window.show_page("activities")
    settle()
    dialog = activities.new_record()
    type_text(dialog.form.fields["title"], "重阳敬老宴")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.saved_uuid and _last_actor(ctx) == "陈志强"


def test_first_run_asks_for_the_keeper(ctx, qtbot, monkeypatch, tmp_path):
    from gui.main_window import MainWindow
    from storage import keeper

    monkeypatch.setattr(keeper, "os_user", lambda: "root")
    monkeypatch.setenv("VILLAGE_ARCHIVE_CONFIG", str(tmp_path / "config"))  # no name remembered anywhere
    ctx.archive.actor = None
    with ctx.archive.session() as s:
        centers.update_center(s, "测试员", centers.own_center(s), keeper="")
    assert ctx.archive.actor == "root"
    w = MainWindow(ctx)
    w.save_state = lambda: None
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.keeper_dialog is not None and w.keeper_dialog.isVisible())
    dialog = w.keeper_dialog
    assert dialog.name.text() == "测试员"  # a name remembered in the settings is offered
    type_text(dialog.name, "")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.form.error_text("keeper")  # an empty name is refused, the dialog stays
    type_text(dialog.name, "李秀英")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert ctx.archive.actor == "李秀英" and _last_actor(ctx) == "李秀英"
    w.ask_keeper()
    ctx.wait_idle()
    assert w.keeper_dialog is dialog and not dialog.isVisible()  # asked once: a keeper is known now
