"""GUI fixtures: the app set up as in production (bundled font, Chinese translations), a context on an
open archive, and the main window. Dialogs are opened non-modally (``open()``); static message boxes
and input dialogs are replaced with recorders, so no test ever blocks."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from gui import i18n
from gui.context import AppContext
from storage.engine import open_archive
from storage.settings import Settings


@pytest.fixture(scope="session", autouse=True)
def chinese_app(qapp):
    """Font and translations exactly as ``gui.app.run`` sets them up (Chinese by default)."""
    i18n.setup(qapp, Settings())
    yield qapp


@pytest.fixture(autouse=True)
def messages(monkeypatch):
    """Every QMessageBox static call is recorded instead of shown: (kind, text). ``question`` says Yes."""
    shown: list[tuple[str, str]] = []

    def recorder(kind, answer=QMessageBox.Ok):
        def show(parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            return answer
        return show

    monkeypatch.setattr(QMessageBox, "warning", recorder("warning"))
    monkeypatch.setattr(QMessageBox, "critical", recorder("critical"))
    monkeypatch.setattr(QMessageBox, "information", recorder("information"))
    monkeypatch.setattr(QMessageBox, "about", recorder("about"))
    monkeypatch.setattr(QMessageBox, "question", recorder("question", QMessageBox.Yes))
    return shown


@pytest.fixture(autouse=True)
def no_session_on_the_gui_thread(monkeypatch):
    """Fails a test whose clicks made gui/ code open a database session on the GUI thread: every session
    the window asks for runs on the context's worker. (The tests' own checks may read on this thread.)"""
    import sys
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QThread

    from storage.engine import Archive

    gui_dir = str(Path(__file__).resolve().parents[2] / "gui")
    opened_by_gui: list[str] = []
    original_session, original_actor = Archive.session, Archive.actor

    def check(what: str) -> None:
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return
        frame = sys._getframe(2)
        while frame is not None:
            if frame.f_code.co_filename.startswith(gui_dir):
                opened_by_gui.append(f"{what} from {frame.f_code.co_filename}:{frame.f_lineno}")
                return
            frame = frame.f_back

    def session(self):
        check("a session")
        return original_session(self)

    def actor(self):
        check("the keeper's name")
        return original_actor.fget(self)

    monkeypatch.setattr(Archive, "session", session)
    monkeypatch.setattr(Archive, "actor", property(actor, original_actor.fset))
    yield opened_by_gui
    assert opened_by_gui == [], "gui/ opened a database session on the GUI thread"


@pytest.fixture(autouse=True)
def settle_after_input(monkeypatch):
    """A click or a key press returns once the database work it started has finished and shown its
    result, as a user waits for the window to update before looking."""
    from PySide6.QtTest import QTest

    from tests.gui.helpers import settle

    for name in ("mouseClick", "mouseDClick", "keyClick", "keyClicks", "keySequence"):
        original = getattr(QTest, name)

        def settled(*args, _original=original, **kwargs):
            _original(*args, **kwargs)
            settle()

        monkeypatch.setattr(QTest, name, settled)


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """A static file or input dialog a test did not expect fails the test instead of blocking it."""
    from PySide6.QtWidgets import QFileDialog

    def unexpected(*args, **kwargs):
        raise AssertionError("a blocking dialog was opened unexpectedly")

    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, unexpected)
    monkeypatch.setattr(QInputDialog, "getText", unexpected)


@pytest.fixture
def answer_text(monkeypatch):
    """``answer_text("重复录入")`` makes the next QInputDialog.getText return that text (OK pressed)."""
    asked: list[str] = []

    def set_answer(text: str, ok: bool = True):
        def get_text(parent, title, label, *args, **kwargs):
            asked.append(label)
            return text, ok
        monkeypatch.setattr(QInputDialog, "getText", get_text)
        return asked

    return set_answer


@pytest.fixture
def ctx(archive, qapp):
    context = AppContext(archive, Settings(keeper_name="测试员"))
    yield context
    context.wait_idle()
    context.shutdown()


@pytest.fixture
def demo_archive(demo_path):
    a = open_archive(demo_path, actor="测试员", daily_backup=False)
    yield a
    a.close()


@pytest.fixture
def demo_ctx(demo_archive, qapp):
    context = AppContext(demo_archive, Settings(keeper_name="测试员"))
    yield context
    context.wait_idle()
    context.shutdown()


@pytest.fixture
def window(ctx, qtbot):
    from gui.main_window import MainWindow
    from gui.pages import NEEDS, import_needs

    for key in NEEDS:  # every page can be shown at once, whichever tests ran before (the app loads them lazily)
        import_needs(key)
    w = MainWindow(ctx)
    w.save_state = lambda: None
    qtbot.addWidget(w)
    w.show()
    ctx.wait_idle()
    yield w
    ctx.wait_idle()
