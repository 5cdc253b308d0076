"""``report`` writes the inspection dossier (检查档案汇编) of a period to a PDF file.

    python main.py report --archive PATH (--year Y [--quarter Q] | --from D --to D) [--sections a,b] --out FILE.pdf

Refusals (quarter 5, start after end, unknown section, missing archive, unwritable path) raise
``DomainError`` (main prints the Chinese message, exit 1); malformed options exit 2 (argparse).
Nothing is written unless the whole dossier was built; the file is replaced atomically.
"""

from __future__ import annotations

import os
from pathlib import Path

from storage.errors import DomainError

from .common import add_archive_arg, archive_path


def check_writable(out: Path) -> None:
    """Refuse early (before the work) an output path that cannot be written."""
    if out.is_dir():
        raise DomainError("out_is_folder", f"{out} 是一个文件夹，请给出 PDF 文件名，例如 {out / '检查档案汇编.pdf'}。")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise DomainError("out_folder_missing", f"文件夹 {folder} 不存在，请先建好文件夹或换一个保存位置。")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise DomainError("out_unwritable", f"没有权限写入 {out}，请换一个保存位置（例如桌面）。")


def cmd_report(args) -> int:
    from reports import side_reads
    from storage.period import Period

    period = Period.of(year=args.year, quarter=args.quarter, start=args.start, end=args.end)
    out = Path(args.out)
    check_writable(out)
    path = archive_path(args)
    # the fingerprint and the self-check are read by a helper process from here on, while this one imports
    # ReportLab and lays out the registers (reports.side_reads); a wrong option below stops it again
    selfcheck = args.sections is None or "selfcheck" in args.sections
    early = side_reads.start(path, args.center, period.start, period.end, selfcheck) if path.is_file() else None
    try:
        from reports.dossier import parse_sections, render_dossier_for, write_pdf
        from storage.engine import open_archive

        sections = parse_sections(args.sections)
        archive = open_archive(path, readonly=True)
        with archive:
            pdf = render_dossier_for(archive, period, center_uuid=args.center, sections=sections,
                                     deterministic=args.deterministic, prefetched=early)
    finally:
        if early is not None:
            early.close()
    write_pdf(out, pdf)
    print(f"已生成检查档案汇编（{period.label}）：{out}")
    return 0


def register(sub, station_sub) -> None:
    p = sub.add_parser("report", help="生成检查档案汇编（PDF）：按年、季度或起止日期")
    add_archive_arg(p)
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--year", type=int, help="年份，例如 2017")
    when.add_argument("--from", dest="start", metavar="日期", help="开始日期，例如 2017-03-01（与 --to 一起用）")
    p.add_argument("--quarter", type=int, help="季度 1—4（与 --year 一起用）")
    p.add_argument("--to", dest="end", metavar="日期", help="结束日期，例如 2017-05-31")
    p.add_argument("--sections", help="只生成其中几部分，用逗号分开，例如 activities,equipment（默认全部；写错时会列出全部可选的部分）")
    p.add_argument("--center", help="中心 UUID（镇街档案里有多个中心时用；默认本档案自己的中心）")
    p.add_argument("--out", required=True, help="输出的 PDF 文件，例如 检查档案汇编-2017.pdf")
    p.add_argument("--deterministic", action="store_true",
                   help="固定输出：同一档案、同样选项得到完全相同的文件（打印日期取档案最后修改时间）")
    p.set_defaults(func=cmd_report)
