"""PDF/A-2b validation of a PDF already written (pikepdf only: storage never imports ReportLab).

``check(data: bytes) -> Verdict``: runs pikepdf's PDF/A validator over the bytes (it walks every content
stream: ~5 s for a 500-page year on this kind of machine). ``Verdict.passed``, ``Verdict.text`` (e.g.
``"PDF/A-2b（已通过 pikepdf 校验）"``), ``Verdict.findings``.
``declared(data: bytes) -> str | None``: the PDF/A part and level the file's XMP declares (``"2B"``), cheaply,
without validating.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

FLAVOUR = "2b"
FORMAT_NAME = "PDF/A-2b"


@dataclass
class Verdict:
    passed: bool
    text: str
    findings: list[str] = field(default_factory=list)


def check(data: bytes) -> Verdict:
    from pikepdf import pdfa

    report = pdfa.validate_written(io.BytesIO(data), FLAVOUR)
    findings = [str(f) for f in report.findings]
    if report.passed:
        return Verdict(True, f"{FORMAT_NAME}（已通过 pikepdf 校验）", findings)
    problems = [f for f in findings if "[violation]" in f or "[unsupported]" in f] or findings
    return Verdict(False, f"不符合 {FORMAT_NAME}：{'；'.join(problems[:2])[:300] or report.verdict}", findings)


def declared(data: bytes) -> str | None:
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_metadata() as meta:
            part, level = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
    except Exception:  # noqa: BLE001 - an unreadable file declares nothing
        return None
    return f"{part}{level}" if part and level else None
