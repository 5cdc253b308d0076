"""Every command's --help works, the parser stays cheap to build, and main.py picks the app or a command first."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cli
import main
import storage

ROOT = Path(__file__).resolve().parents[2]
# What only some commands need: building the parser (``--help``, ``stats``'s start) must not import any of them.
HEAVY = ("sqlalchemy", "alembic", "reportlab", "openpyxl", "PIL", "cryptography", "PySide6", "pypdf", "bagit")


def _command_paths(parser: argparse.ArgumentParser, prefix=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name)
                yield from _command_paths(sub, (*prefix, name))


COMMANDS = list(_command_paths(cli.build_parser()))


def test_the_walk_finds_the_station_commands():
    assert ("station", "import") in COMMANDS and ("report",) in COMMANDS and len(COMMANDS) > 15


@pytest.mark.parametrize("command", [(), *COMMANDS], ids=lambda c: " ".join(c) or "main")
def test_every_help_exits_0(capsys, command):
    with pytest.raises(SystemExit) as e:
        main.main([*command, "--help"])
    assert e.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_version_is_the_one_in_storage(capsys):
    with pytest.raises(SystemExit) as e:
        main.main(["--version"])
    assert e.value.code == 0 and capsys.readouterr().out.strip() == f"村级文化档案 {storage.__version__}"
    assert "version = attr: storage.__version__" in (ROOT / "setup.cfg").read_text(encoding="utf-8")


def _fresh(code: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=120, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_building_the_parser_imports_no_heavy_library():
    loaded = _fresh("import sys, json, contextlib, io, main\n"
                    "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
                    "    main.main(['--help'])\n"
                    f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    assert loaded == []


def test_the_app_path_builds_no_parser():
    loaded = _fresh("import sys, json, gui.app\n"
                    "gui.app.run = lambda archive: print(json.dumps(str(archive))) or 0\n"
                    "import main\n"
                    "main.main(['--archive', 'x.db'])\n"
                    "print(json.dumps([m for m in ('cli', 'cli.archive') if m in sys.modules]))")
    assert loaded == []


def test_app_or_command():
    assert main.gui_archive([]) == (True, None)
    assert main.gui_archive(["--archive", "a.db"]) == (True, Path("a.db"))
    assert main.gui_archive(["--archive=a.db"]) == (True, Path("a.db"))
    assert main.gui_archive(["stats"])[0] is False
    assert main.gui_archive(["--archive", "a.db", "stats"])[0] is False
    assert main.gui_archive(["--help"])[0] is False
