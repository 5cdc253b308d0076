"""What keeps the window responsive: a page's modules are imported on the worker while the page says it is
loading, and full garbage collections wait until a task is done (``gui.gcpolicy``). The stalls themselves
are measured by tests/benchmarks/gui_stalls.py, not here."""

from __future__ import annotations

import gc
import sys
import threading
import weakref

from PySide6.QtWidgets import QLabel

from gui import gcpolicy
from gui.pages import NEEDS
from tests.gui.helpers import settle

GATE = threading.Event()


def test_a_page_waits_for_its_modules_imported_on_the_worker(window, monkeypatch, tmp_path):
    (tmp_path / "va_slow_need.py").write_text(  # an import that lasts until the test has looked
        f"import sys, threading\nsys.modules[{__name__!r}].GATE.wait(30)\n"
        "ON_GUI_THREAD = threading.current_thread() is threading.main_thread()\n", encoding="utf-8")
    GATE.clear()
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "va_slow_need", raising=False)
    monkeypatch.setitem(NEEDS, "reports", NEEDS["reports"] + ("va_slow_need",))
    window.pages.pop("reports", None)
    holder = window.stack.widget(window.page_keys.index("reports"))
    for child in holder.findChildren(QLabel):
        child.deleteLater()
    got = []
    window.when_page("reports", got.append)  # the overview's 打印本季度汇编 goes through here
    window.when_page("reports", got.append)
    assert "reports" not in window.pages and window.current_key() == "reports"
    assert holder.findChild(QLabel, "loading_reports").text() == "正在载入…"  # the place says so meanwhile
    GATE.set()
    settle()
    page = window.pages["reports"]
    assert got == [page, page]
    assert sys.modules["va_slow_need"].ON_GUI_THREAD is False
    assert page.isVisible() and holder.findChild(QLabel, "loading_reports") is None
    window.when_page("reports", got.append)  # built: at once
    assert got == [page, page, page]
    monkeypatch.delitem(sys.modules, "va_slow_need")


def test_full_collections_wait_for_the_end_of_a_task(ctx):
    gcpolicy.install()
    try:
        assert gc.get_threshold()[2] == gcpolicy.NEVER  # never in the middle of a task, in any thread
        seen = {}

        class Node:
            pass

        def work(task):
            node = Node()
            node.self = node  # a cycle: only a full collection frees it once it is old
            seen["ref"] = weakref.ref(node)
            for _ in range(gcpolicy._state["full_every"] + 1):
                gc.collect(1)  # as a long task's allocations would: it ends up in the oldest generation
            seen["alive_in_task"] = seen["ref"]() is not None
            seen["on_gui_thread"] = threading.current_thread() is threading.main_thread()

        ctx.run_task("", work, None, quiet=True)
        ctx.wait_idle()
        assert seen["alive_in_task"] and seen["on_gui_thread"] is False
        assert seen["ref"]() is None  # collected on the worker right after the task
    finally:
        gcpolicy.uninstall()
    assert gc.get_threshold()[2] != gcpolicy.NEVER
