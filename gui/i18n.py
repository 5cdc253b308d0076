"""Translations and the app font.

English source strings, Chinese by default: every ``.qm`` in ``assets/i18n/`` (one per area) plus Qt's
own ``qtbase_zh_CN.qm`` (so OK/Cancel are Chinese too). The bundled CJK font (the one the PDFs use)
is registered at start, so Chinese renders on machines that have none."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import assets

log = logging.getLogger(__name__)

I18N_DIR = assets.I18N
FONT_PATH = assets.FONT
POINT_SIZES = {"normal": 11, "large": 15}

_installed: list[QTranslator] = []
_font_family: str | None = None


def install_translators(app: QApplication, language: str) -> list[Path]:
    """Replace the installed translators; returns the .qm files loaded."""
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    loaded: list[Path] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
        return loaded
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    for qm in sorted(I18N_DIR.glob("*.qm")):
        tr = QTranslator(app)
        if tr.load(str(qm)):
            app.installTranslator(tr)
            _installed.append(tr)
            loaded.append(qm)
        else:
            log.warning("could not load translation %s", qm)
    qt_dir = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    tr = QTranslator(app)
    if tr.load("qtbase_zh_CN", qt_dir):
        app.installTranslator(tr)
        _installed.append(tr)
        loaded.append(Path(qt_dir) / "qtbase_zh_CN.qm")
    return loaded


def register_font() -> str | None:
    """Register the bundled WenQuanYi Micro Hei once; returns its family name."""
    global _font_family
    if _font_family is None and FONT_PATH.is_file():
        font_id = QFontDatabase.addApplicationFont(str(FONT_PATH))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _font_family = families[0] if families else None
    return _font_family


def apply_font(app: QApplication, text_size: str) -> QFont:
    family = register_font()
    font = QFont(family) if family else QFont(app.font())
    font.setPointSize(POINT_SIZES.get(text_size, POINT_SIZES["normal"]))
    app.setFont(font)
    return font


def setup(app: QApplication, settings) -> None:
    apply_font(app, settings.text_size)
    install_translators(app, settings.language)
    if sys.platform.startswith("linux"):
        # A desktop's native (GTK) file dialog ignores our translators and comes out half English; Qt's own
        # dialog speaks Chinese through qtbase_zh_CN.qm. Windows' and macOS' native dialogs follow the OS.
        app.setAttribute(Qt.AA_DontUseNativeDialogs, True)
