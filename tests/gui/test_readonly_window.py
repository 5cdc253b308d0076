"""An archive in a write-protected folder opens read-only, with the banner, and a save is refused in words."""

from __future__ import annotations

import shutil

from PySide6.QtWidgets import QLabel

from gui.app import Shell
from storage.errors import ArchiveWriteProtected
from storage.settings import Settings
from tests.archive_state import table_digest
from tests.readonly_place import immutable


def test_write_protected_archive_opens_with_the_banner(qapp, demo_master, tmp_path, messages):
    folder = tmp_path / "U盘"
    folder.mkdir()
    path = folder / "档案.db"
    shutil.copy2(demo_master, path)
    with immutable(folder, path):
        shell = Shell(Settings(keeper_name="李秀英"))
        assert shell.open_path(path) is True
        try:
            archive = shell.ctx.archive
            assert archive.readonly and archive.write_protected
            banner = shell.window.findChild(QLabel, "readonly_banner")
            assert banner is not None and banner.text().startswith("只读，无法修改")
            before = table_digest(archive)
            try:
                archive.set_meta("probe", "x")
            except ArchiveWriteProtected as e:
                assert "写保护" in e.message
            else:
                raise AssertionError("a write went through on a write-protected archive")
            assert table_digest(archive) == before
            assert not [m for m in messages if "损坏" in m[1]]
        finally:
            shell.ctx.wait_idle()
            shell.window.save_state = lambda: None
            shell.shutdown()
