"""PDF/A-2b for every PDF we write: ReportLab's output made conformant and validated (pikepdf, no Qt).

``to_pdfa(data: bytes, *, metadata_date: datetime | None = None, validate=False) -> bytes``
    Removes what ReportLab writes and PDF/A forbids (the empty ``/Trans`` on every page), adds the sRGB
    OutputIntent and the XMP packet with ``pdfaid`` (pikepdf's ``pdfa.prepare``) and writes the file
    (~0.2 s for 500 pages). ``validate=True`` also validates the bytes written (``pdfa.validate_written``,
    which walks every content stream: ~5 s for a 500-page year, so the tests, the bag export and the
    station's ``verify`` do it, not every print) and raises ``PdfaInvalid`` (a ``DomainError``) with the
    validator's first findings if they do not pass. ``metadata_date`` pins ``xmp:MetadataDate``
    (deterministic mode: the same story gives the same bytes); by default it is now.

``check`` and ``Verdict`` come from ``storage.pdfa`` (the station's ``verify`` uses them without ReportLab).
"""

from __future__ import annotations

import io
from datetime import datetime, timezone

import pikepdf
from pikepdf import pdfa

from storage.errors import DomainError
from storage.pdfa import FLAVOUR, FORMAT_NAME, Verdict, check

__all__ = ["to_pdfa", "check", "Verdict", "PdfaInvalid", "FORMAT_NAME"]


class PdfaInvalid(DomainError):
    def __init__(self, findings: list[str]):
        text = "；".join(findings[:3]) or "未知原因"
        super().__init__("pdfa_invalid", f"生成的 PDF 未通过 PDF/A-2b 校验：{text}")
        self.findings = findings


def _save_kwargs() -> dict:
    # a content-derived /ID keeps deterministic output byte-identical
    return pdfa.resolve_save_kwargs(FLAVOUR, deterministic_id=True)


def to_pdfa(data: bytes, *, metadata_date: datetime | None = None, validate: bool = False) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            if "/Trans" in page.obj:
                del page.obj["/Trans"]
        pdfa.prepare(pdf, FLAVOUR, output_intent="sRGB")
        when = metadata_date or datetime.now(timezone.utc)
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["xmp:MetadataDate"] = when.isoformat()
        out = io.BytesIO()
        pdf.save(out, **_save_kwargs())
    result = out.getvalue()
    if validate:
        verdict = check(result)
        if not verdict.passed:
            raise PdfaInvalid(verdict.findings)
    return result
