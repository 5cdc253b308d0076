"""The PDF that travels in an exported bag: the year's dossier (village) or the town report (station, city).

Rendered here and handed to storage's exporter as bytes: storage never imports reports.
"""

from __future__ import annotations

from datetime import date

from storage.engine import archive_role

from .dossier import render_dossier
from .pdfa import PdfaInvalid, check
from .town_report import render_town_report


def period_pdf(archive, year: int | None, progress=None, cancelled=None) -> tuple[bytes, date, date]:
    """The PDF that travels in the bag: the dossier of the year (village) or the town report (station),
    validated as PDF/A-2b (``PdfaInvalid`` if it is not)."""
    year = year or date.today().year
    start, end = date(year, 1, 1), date(year, 12, 31)
    with archive.session() as s:
        role = archive_role(s)
    if role == "village":
        pdf = render_dossier(archive, start=start, end=end, progress=progress, cancelled=cancelled)
    else:
        pdf = render_town_report(archive, year=year, progress=progress, cancelled=cancelled)
    verdict = check(pdf)  # the archive file carries only a validated PDF/A (可用性 at the station)
    if not verdict.passed:
        raise PdfaInvalid(verdict.findings)
    return pdf, start, end
