"""Garbage collection that does not freeze the window.

A full (generation 2) collection holds the GIL for as long as it walks every tracked object. With Python's
default thresholds it starts by itself in whatever thread allocates, and a worker task that holds many
objects at once (the self-check of a ten-year archive, a register read) set one off mid-task: 40–120 ms in
which the GUI thread could not run (measured with ``tests/benchmarks/gui_stalls.py`` on the L archive).

The app (``install()``, from ``gui.app.make_app``) therefore:
- keeps the young collections as they are (they find most cyclic garbage, and each is short);
- never starts a full collection in the middle of a task: ``after_task()`` runs one on the worker once a
  task has returned and its objects are gone, when Python would have run one by then (as many
  generation-1 collections as its own threshold), so the walk is over what stays alive, not over the
  task's rows;
- moves what the imports created (modules, classes, functions: most of the heap) out of the walk with
  ``gc.freeze()`` once they are loaded (``freeze()``), so what remains to walk is the data.

The CLI keeps Python's defaults; nothing here runs unless ``install()`` was called.
"""

from __future__ import annotations

import gc

NEVER = 1 << 30  # a generation-2 threshold never reached: no automatic full collection
_state = {"installed": False, "full_every": 10, "previous": None}


def install() -> None:
    """Defer full collections to ``after_task()``; young collections stay automatic."""
    if _state["installed"]:
        return
    previous = gc.get_threshold()
    _state.update(installed=True, previous=previous, full_every=max(1, previous[2]))
    gc.set_threshold(previous[0], previous[1], NEVER)


def uninstall() -> None:
    """Python's own thresholds again (tests)."""
    if _state["installed"]:
        gc.set_threshold(*_state["previous"])
        _state.update(installed=False, previous=None)


def installed() -> bool:
    return _state["installed"]


def after_task() -> bool:
    """On the worker, between tasks: the full collection Python deferred, if one is due. True if it ran."""
    if not _state["installed"] or gc.get_count()[2] < _state["full_every"]:
        return False
    gc.collect()
    return True


def freeze() -> None:
    """Leave everything alive now (just-imported modules above all) out of later full collections.

    Frozen objects are still freed when their last reference goes; only a reference cycle among them
    would stay until the process ends, which is why this runs right after imports, not after reads."""
    if _state["installed"]:
        gc.freeze()
