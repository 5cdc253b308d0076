"""PDF/A-2b for every PDF we write: ReportLab's output made conformant and validated (pikepdf, no Qt).

``to_pdfa(data: bytes, *, metadata_date: datetime | None = None, validate=False) -> bytes``
    Removes what ReportLab writes and PDF/A forbids (the empty ``/Trans`` on every page), adds the sRGB
    OutputIntent and the XMP packet with ``pdfaid`` (as pikepdf's ``pdfa.prepare`` does) and writes the file
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
from pathlib import Path

import pikepdf

from storage.errors import DomainError
from storage.pdfa import FORMAT_NAME, Verdict, check

__all__ = ["to_pdfa", "check", "Verdict", "PdfaInvalid", "FORMAT_NAME"]


class PdfaInvalid(DomainError):
    def __init__(self, findings: list[str]):
        text = "；".join(findings[:3]) or "未知原因"
        super().__init__("pdfa_invalid", f"生成的 PDF 未通过 PDF/A-2b 校验：{text}")
        self.findings = findings


SRGB_ICC = Path(pikepdf.__file__).resolve().parent / "pdfa" / "data" / "sRGB.icc"
# what pdfa.resolve_save_kwargs("2b") pins, spelled out so a print need not import the validator (~0.4 s)
SAVE_KWARGS = dict(compress_streams=True, recompress_flate=False, linearize=False, deterministic_id=True,
                   static_id=False, object_stream_mode=pikepdf.ObjectStreamMode.generate, preserve_pdfa=True,
                   qdf=False, normalize_content=False, stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
                   fix_metadata_version=False)


def _prepare(pdf, when: datetime) -> None:
    """What ``pikepdf.pdfa.prepare`` does for ReportLab's output: no /Trans, one sRGB OutputIntent, XMP
    filled from DocInfo with the PDF/A-2B identification (the tests validate the result)."""
    for page in pdf.pages:
        if "/Trans" in page.obj:
            del page.obj["/Trans"]
        for annot in page.obj.get("/Annots", []):  # contents links: printable, as PDF/A asks
            annot.F = int(annot.get("/F", 0)) | 4
    if "/Trapped" in pdf.docinfo:
        del pdf.docinfo["/Trapped"]  # no XMP equivalent in PDF/A-2's metadata
    icc = pdf.make_stream(SRGB_ICC.read_bytes())
    icc.N = 3
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1, OutputConditionIdentifier="sRGB",
        Info="sRGB IEC61966-2.1", DestOutputProfile=icc)])
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.load_from_docinfo(pdf.docinfo)
        meta["xmp:MetadataDate"] = when.isoformat()
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"


def to_pdfa(data: bytes, *, metadata_date: datetime | None = None, validate: bool = False) -> bytes:
    when = metadata_date or datetime.now(timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _prepare(pdf, when)
        out = io.BytesIO()
        pdf.save(out, **SAVE_KWARGS)
    result = out.getvalue()
    if validate:
        verdict = check(result)
        if not verdict.passed:
            raise PdfaInvalid(verdict.findings)
    return result
