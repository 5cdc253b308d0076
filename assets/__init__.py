"""The app's bundled files (the CJK font, the translations), shipped as package data.

Found through ``importlib.resources`` so the same code works from a checkout, an installed wheel and the frozen
build; each of those keeps them as plain files on disk, which Qt and ReportLab need (they read by path).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

ROOT = Path(str(files(__name__)))
FONTS = ROOT / "fonts"
FONT = FONTS / "wqy-microhei.ttc"  # the GUI's face and the PDFs' heading face
SONG_FONT = FONTS / "gbsn00lp.ttf"  # the PDFs' body face (宋体)
I18N = ROOT / "i18n"
