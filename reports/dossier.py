"""The inspection dossier (检查档案汇编): one Chinese A4 PDF for a center and a period (no Qt).

API
---
``render_dossier(archive, *, center_uuid=None, start, end, sections=None, deterministic=False, progress=None,
cancelled=None, indicator_profile=None, parallel=None, prefetched=None) -> bytes``
    ``start``/``end``: the period (dates, both included; see ``storage.period.Period`` for year/quarter).
    ``center_uuid``: default the archive's own center. ``sections``: keys from ``SECTION_KEYS`` (any order,
    printed in the standard order; None = all); an unknown key raises ``ValidationError``.
    ``progress(done, total, text)`` is called as the work goes on and may raise to stop it;
    ``cancelled()`` returning True stops it too (raises ``templates.Cancelled``).
    ``deterministic=True``: the same archive and options give the same bytes (PDF built invariant; the
    printed date and PDF creation date come from the archive's last audit entry, not the clock).
    The PDF: cover, contents with page numbers, the chosen sections, a header and a footer
    "第 X 页 / 共 Y 页" + archive fingerprint on every page, metadata (title, author = center, subject,
    keywords, creation date), the bundled font subset-embedded, no encryption, no JavaScript.

    ``parallel``: read the fingerprint and the self-check in a helper process while this one lays out the PDF
    (True/False; None = when a second core is free and the period is big: see ``reports.side_reads``);
    ``prefetched``: a ``side_reads.SideReads`` the caller started earlier for the same archive, center,
    period and self-check (the ``report`` command starts it before importing ReportLab). The bytes are the
    same whichever way.

``render_dossier_for(archive, period: Period, **kw) -> bytes``: the same with a ``Period``.
``write_pdf(path, data: bytes)``: write atomically (temp file in the same folder + ``os.replace``); on any
    error no file is left and a ``DomainError`` with a Chinese message is raised.
``parse_sections(text_or_list) -> tuple[str, ...]``: "summary,photos" → keys, validated.
``fingerprint_of(archive, center_uuid, start, end) -> str``: the archive fingerprint (storage.fingerprint).
``default_filename(center_name, period) -> str``: e.g. "检查档案汇编-城东村综合性文化服务中心-2017.pdf".
"""

from __future__ import annotations

import gc
import io
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from storage import atomicfile, oserrors
from storage.errors import DomainError, ValidationError
from storage.fingerprint import period_fingerprint
from storage.period import Period

from . import dossier_front as front
from . import dossier_sections as sec
from . import indicator_section, side_reads
from .dossier_data import collect
from .templates import ArchiveDocTemplate, Cancelled

# key -> Chinese title, in print order
SECTIONS = {
    "catalogue": "归档文件目录",  # DA/T 22 puts the catalogue before the items
    "profile": "中心概况与场地设施",
    "summary": "工作汇总",
    "activities": "活动登记表",
    "equipment": "设备台账",
    "opening": "开放时间",
    "photos": "照片附录",
    "selfcheck": "完整性自查",
    "indicators": "达标对照表",
}
SECTION_KEYS = tuple(SECTIONS)

__all__ = ["render_dossier", "render_dossier_for", "write_pdf", "parse_sections", "SECTIONS", "SECTION_KEYS",
           "Cancelled", "Period", "default_filename", "fingerprint_of"]


def parse_sections(value) -> tuple[str, ...]:
    if value is None:
        return SECTION_KEYS
    keys = [k.strip() for k in (value.split(",") if isinstance(value, str) else value)]
    keys = [k for k in keys if k]
    unknown = [k for k in keys if k not in SECTIONS]
    if unknown:
        names = "、".join(f"{k}（{v}）" for k, v in SECTIONS.items())
        raise ValidationError("unknown_section", f"没有这个部分：{'、'.join(unknown)}。可选：{names}。", "sections")
    if not keys:
        raise ValidationError("no_sections", "请至少选择一个部分。", "sections")
    return tuple(k for k in SECTION_KEYS if k in keys)


def fingerprint_of(archive, center_uuid: str | None, start: date, end: date) -> str:
    from .dossier_data import _center

    with archive.session() as s:
        return period_fingerprint(s, _center(s, center_uuid), start, end)


def default_filename(center_name: str, period: Period) -> str:
    return f"{sec.DOSSIER_TITLE}-{center_name}-{period.file_label}.pdf"


def render_dossier_for(archive, period: Period, **kw) -> bytes:
    return _render(archive, period, **kw)


def render_dossier(archive, *, center_uuid=None, start, end, sections=None, deterministic=False, progress=None,
                   cancelled=None, indicator_profile=None, parallel=None, prefetched=None) -> bytes:
    return _render(archive, Period.from_range(start, end), center_uuid=center_uuid, sections=sections,
                   deterministic=deterministic, progress=progress, cancelled=cancelled,
                   indicator_profile=indicator_profile, parallel=parallel, prefetched=prefetched)


def _render(archive, period: Period, *, center_uuid=None, sections=None, deterministic=False, progress=None,
            cancelled=None, indicator_profile=None, parallel=None, prefetched=None) -> bytes:
    keys = parse_sections(sections)
    steps = 3 + len(keys)
    state = {"done": 0}

    def step(text: str) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(state["done"], steps + state.get("pages", 0), text)
        state["done"] += 1

    step("正在读取档案……")
    wanted = (getattr(archive, "path", None), center_uuid, period.start, period.end, "selfcheck" in keys)
    if prefetched is not None and not prefetched.matches(*wanted):
        prefetched.close()
        prefetched = None
    side = prefetched or side_reads.for_archive(archive, *wanted[1:], parallel=parallel)
    try:
        with _fewer_collections():
            return _build(archive, period, keys, side, step, state, steps, center_uuid=center_uuid,
                          deterministic=deterministic, progress=progress, cancelled=cancelled,
                          indicator_profile=indicator_profile)
    finally:
        side.close()


_NO_FULL_COLLECTION = 1 << 30


@contextmanager
def _fewer_collections():
    """A year's dossier allocates millions of small objects that live until the PDF is written; with Python's
    default thresholds the cyclic garbage collector walked the whole heap again and again while building
    (~20 % of the build's CPU). While building, young collections run 100x less often and no full one
    starts; the thresholds are restored after (the peak memory did not change). Nothing is frozen or
    unfrozen, so the GUI's own policy (``gui/gcpolicy.py``: imports frozen, full collections between
    worker tasks) stays as it was."""
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], 70_000), threshold[1], _NO_FULL_COLLECTION)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def _build(archive, period: Period, keys, side, step, state, steps, *, center_uuid, deterministic, progress,
           cancelled, indicator_profile) -> bytes:
    data = collect(archive, center_uuid, period, deterministic, indicator_profile, fingerprint=False)
    step("正在进行完整性自查……" if "selfcheck" in keys else "")
    if not side.in_helper:
        side.result(archive)  # fingerprint and self-check read here, before the sections (one core)
    facts = front.FileFacts.of(data)
    body = []
    numerals = iter(sec.NUMERALS)
    for i, key in enumerate(keys):
        step(f"正在编排：{SECTIONS[key]}……")
        n = next(numerals)
        if i:
            body.append(sec.PageBreak())
        if key == "indicators":
            body += indicator_section.build(data, n)
        elif key == "selfcheck":
            body += sec.self_check(data, n, side.result(archive)[1])
        elif key == "catalogue":
            body += front.catalogue(data, facts, n)
        else:
            body += getattr(sec, key)(data, n)
    data.fingerprint, report = side.result(archive)
    title = f"{sec.DOSSIER_TITLE}（{period.label}）"
    buf = io.BytesIO()
    doc = ArchiveDocTemplate(
        buf, center_name=data.center.name, title=title, fingerprint=data.fingerprint, author=data.center.name,
        subject=f"{data.center.town}{data.center.village} {data.center.name} {period.label} 检查档案汇编",
        keywords=f"检查档案汇编, {data.center.code}, {period.start}—{period.end}, 档案指纹 {data.fingerprint}",
        creation_date=data.printed, deterministic=deterministic)
    story = front.cover(data, facts) + sec.contents(doc) + body
    story += [sec.PageBreak(), *front.backup_table(data, facts)]
    # layout progress: one tick per page, against an estimate of the page count
    estimate = 4 + len(data.activities) // 40 + len(data.equipment) // 28 + len(data.catalogue) // 40 \
        + len(data.photos) // 12 + (len(report.findings) // 40 if report else 0) + 8
    state["pages"] = estimate

    def on_page(page: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(min(state["done"] + page, steps + estimate - 1), steps + estimate, f"正在排版第 {page} 页……")

    doc.on_page_end = on_page
    pdf = doc.render(story, cancelled=cancelled)
    if progress is not None:
        progress(steps + estimate, steps + estimate, "完成")
    return pdf


def write_pdf(path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; leave nothing behind on error."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise DomainError("out_is_folder", f"{path} 是一个文件夹，请给出 PDF 文件名，例如 {path / '检查档案汇编.pdf'}。")
    if not folder.is_dir():
        raise DomainError("out_folder_missing", f"文件夹 {folder} 不存在，请先建好文件夹或换一个保存位置。")
    try:
        atomicfile.write_bytes(path, data)
    except OSError as e:
        raise DomainError("out_unwritable", oserrors.explain_write(e, path)) from e
    return path
