"""设置 offers the indicator checklist's regional standards; the choice is saved with the settings."""

from __future__ import annotations

from PySide6.QtCore import Qt

from storage.settings import Settings
from tests.gui.helpers import choose


def test_indicator_standard_is_chosen_and_saved(window, ctx, qtbot):
    page = window.show_page("settings")
    field = page.form.fields["indicator_profile"]
    assert field.currentData() == "national"
    assert "桃江县标准" in [field.itemText(i) for i in range(field.count())]
    choose(field, "桃江县标准")
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert ctx.settings.indicator_profile == "taojiang"
    assert Settings.load().indicator_profile == "taojiang"
