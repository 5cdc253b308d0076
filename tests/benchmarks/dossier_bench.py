"""Benchmark (not a test): the one-year inspection dossier against a bare ReportLab document.

    python -m tests.benchmarks.dossier_bench [--profile]

Builds a one-year archive (2,000 activities, 1,000 equipment items with acceptance stages, 365 opening-log
days, 300 photos with thumbnails) with SQLAlchemy Core bulk inserts, then times in the same run:

- ``render_dossier`` for the year, end to end: reading the archive, the fingerprint, the self-check, every
  section, the charts, the photo appendix, the layout and the PDF bytes;
- a *bare* ReportLab document with the same tables: ``SimpleDocTemplate`` with the activity register,
  the equipment ledger (stages as text), the self-check list, the catalogue and the photo grid, as plain
  ``Table(repeatRows=1)`` whose text cells are ``Paragraph``s with ``wordWrap='CJK'`` (the textbook way to
  wrap Chinese in a cell), from rows fetched beforehand (the fetch is not timed: no database work);
- for reference, the same bare tables with plain string cells (no wrapping at all: long text overflows, so
  not a usable document, but the floor of what ReportLab can do with these tables).

Prints the times and the ratios. Goals: dossier ≤ 10 s, ratio to the bare document ≤ 2.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle  # noqa: E402

from reports.dossier import render_dossier  # noqa: E402
from reports.dossier_data import collect  # noqa: E402
from reports.fonts import register_fonts  # noqa: E402
from storage import centers, rules, selfcheck  # noqa: E402
from storage.engine import open_archive  # noqa: E402
from storage.period import Period  # noqa: E402
from tests.reports.bulk import fill_year  # noqa: E402

YEAR = 2017


def build_archive(folder: Path) -> Path:
    path = folder / "bench.db"
    a = open_archive(path, create=True, actor="基准测试")
    try:
        with a.session() as s:
            centers.create_center(s, a.actor, own=True, name="苍城镇城东村综合性文化服务中心", town="苍城镇",
                                  village="城东村", code="KPCCCD", keeper="李秀英")
            centers.set_role(s, "village")
        fill_year(a, YEAR, activities=2000, equipment=1000, log_days=365, photos=300)
    finally:
        a.close()
    return path


def bare_tables(archive) -> dict:
    """The rows of the same tables, fetched once (untimed)."""
    period = Period.of(year=YEAR)
    data = collect(archive, None, period)
    report = selfcheck.run(archive, start=period.start, end=period.end)
    register = [[a.item_number, str(a.start_date), a.title, a.category, a.festival or "", a.location, a.organizer,
                 str(a.participants or ""), str(a.photos)] for a in data.activities]
    ledger = []
    for e in data.equipment:
        st = data.stages.get(e.id, {})
        stages = "<br/>".join(f"{rules.STAGE_NAMES[k]} {st[k].accepted_on} {st[k].result} {st[k].report_number}"
                              if k in st else f"{rules.STAGE_NAMES[k]} 未验收" for k in rules.ACCEPTANCE_STAGES)
        ledger.append([e.item_number, f"{e.name}<br/>{e.model_spec}", str(e.quantity), f"{e.unit_price:,.2f}",
                       f"{e.total_price:,.2f}", str(e.purchase_date), e.status, stages])
    findings = [[str(i), f.severity, f.item_number or "", f.message] for i, f in enumerate(report.findings, 1)]
    catalogue = [[str(i), r.item_number, r.responsible, r.title, f"{r.day:%Y%m%d}", str(r.pages),
                  "已删除" if r.deleted else ""] for i, r in enumerate(data.catalogue, 1)]
    photos = [(p.thumbnail, f"{p.item_number} {p.caption}") for p in data.photos]
    return {"register": register, "ledger": ledger, "findings": findings, "catalogue": catalogue, "photos": photos}


def bare_document(tables: dict, plain: bool = False) -> bytes:
    font = register_fonts().regular
    cell = ParagraphStyle("bare", fontName=font, fontSize=7.5, leading=9.5, wordWrap="CJK")
    width = A4[0] - 36 * mm
    style = TableStyle([("FONT", (0, 0), (-1, -1), font, 7.5), ("GRID", (0, 0), (-1, -1), 0.4, "#888888"),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])

    def table(header, rows, widths):
        if plain:  # strings as they are: no wrapping at all (long text overflows its cell)
            data = [header] + [[v.replace("<br/>", "\n") for v in row] for row in rows]
        else:
            data = [[Paragraph(h, cell) for h in header]] + [[Paragraph(v, cell) for v in row] for row in rows]
        return Table(data, colWidths=[w * width / sum(widths) for w in widths], repeatRows=1, style=style)

    story = [
        table(["档号", "日期", "题名", "类别", "节日", "地点", "组织者", "人数", "照片"], tables["register"],
              [86, 46, 104, 40, 26, 66, 66, 31, 28]), PageBreak(),
        table(["档号", "名称 / 规格", "数量", "单价", "金额", "购置日期", "状态", "验收情况"], tables["ledger"],
              [82, 84, 22, 44, 48, 44, 22, 147]), PageBreak(),
        table(["序号", "类型", "档号", "说明"], tables["findings"], [32, 32, 86, 343]), PageBreak(),
        table(["序号", "档号", "责任者", "题名", "日期", "页数", "备注"], tables["catalogue"],
              [28, 88, 80, 157, 44, 26, 70]), PageBreak(),
    ]
    cells = []
    for thumb, caption in tables["photos"]:
        cells.append([Image(io.BytesIO(thumb), width=48 * mm, height=33 * mm), Paragraph(caption, cell)])
    rows = [cells[i:i + 3] for i in range(0, len(cells), 3)]
    if rows and len(rows[-1]) < 3:
        rows[-1] += [""] * (3 - len(rows[-1]))
    if rows:
        story.append(Table(rows, colWidths=[width / 3] * 3, style=style))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, title="bare").build(story)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        t0 = time.perf_counter()
        path = build_archive(Path(tmp))
        print(f"archive built in {time.perf_counter() - t0:.2f} s: 2,000 activities, 1,000 equipment items, "
              f"365 log days, 300 photos")
        archive = open_archive(path, readonly=True)
        try:
            tables = bare_tables(archive)
            register_fonts()
            bare_document({k: v[:20] for k, v in tables.items()})  # warm up fonts and imports for both sides
            t0 = time.perf_counter()
            bare = bare_document(tables)
            t_bare = time.perf_counter() - t0
            t0 = time.perf_counter()
            bare_plain = bare_document(tables, plain=True)
            t_plain = time.perf_counter() - t0
            t0 = time.perf_counter()
            if "--profile" in argv:
                import cProfile
                import pstats

                prof = cProfile.Profile()
                pdf = prof.runcall(render_dossier, archive, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
                pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
            else:
                pdf = render_dossier(archive, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
            t_dossier = time.perf_counter() - t0
        finally:
            archive.close()
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    bare_pages = len(PdfReader(io.BytesIO(bare)).pages)
    print(f"bare ReportLab, same tables: {t_bare:.2f} s ({bare_pages} pages, {len(bare) / 1e6:.1f} MB)")
    plain_pages = len(PdfReader(io.BytesIO(bare_plain)).pages)
    print(f"bare, plain-string cells:    {t_plain:.2f} s ({plain_pages} pages; no wrapping, long text overflows)")
    print(f"render_dossier:              {t_dossier:.2f} s ({pages} pages, {len(pdf) / 1e6:.1f} MB)")
    print(f"ratio dossier / plain-string bare: {t_dossier / t_plain:.2f}")
    ratio = t_dossier / t_bare
    print(f"ratio dossier / bare:        {ratio:.2f}  (goals: ≤ 10 s and ≤ 2.0: "
          f"{'met' if t_dossier <= 10 and ratio <= 2 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
