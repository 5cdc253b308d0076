"""``export`` (the village's — or station's — signed archive file) and ``station report`` (town report).

    python main.py export --archive PATH --out FILE.zip [--year Y]
    python main.py station report --archive STATION --year Y --out FILE.pdf
"""

from __future__ import annotations

from pathlib import Path

from storage.errors import DomainError

from .common import add_archive_arg, archive_path
from .report import check_writable


def cmd_export(args) -> int:
    from reports.bag_pdf import period_pdf
    from storage.engine import open_archive
    from storage.exchange.export import export_bag

    out = Path(args.out)
    if out.suffix.lower() != ".zip":
        raise DomainError("out_not_zip", f"档案文件应以 .zip 结尾，例如 {out.with_suffix('.zip')}。")
    check_writable(out)
    archive = open_archive(archive_path(args))
    with archive:
        pdf, start, end = period_pdf(archive, args.year)
        result = export_bag(archive, out, dossier_pdf=pdf, start=start, end=end)
    counts = result.counts
    print(f"已导出档案文件：{out}（{counts.get('activity', 0)} 条活动、{counts.get('equipment', 0)} 件设备、"
          f"{result.files} 个文件）")
    print("检查档案汇编：PDF/A-2b，已通过校验")
    print(f"签名密钥指纹：{result.fingerprint}（请告诉接收单位，以便核对）")
    return 0


def cmd_town_report(args) -> int:
    from reports.dossier import write_pdf
    from reports.town_report import render_town_report
    from storage.engine import open_archive

    out = Path(args.out)
    check_writable(out)
    archive = open_archive(archive_path(args), readonly=True)
    with archive:
        pdf = render_town_report(archive, year=args.year, deterministic=args.deterministic)
    write_pdf(out, pdf)
    print(f"已生成 {args.year} 年全镇汇总报告：{out}")
    return 0


def register(sub, station_sub) -> None:
    p = sub.add_parser("export", help="导出签名的档案文件（zip，BagIt 格式，含检查档案汇编 PDF），报送镇街")
    add_archive_arg(p)
    p.add_argument("--out", required=True, help="输出的档案文件，例如 城东村-2017.zip")
    p.add_argument("--year", type=int, help="随包的检查档案汇编所涵盖的年度（默认今年）；记录总是全部导出")
    p.set_defaults(func=cmd_export)

    p = station_sub.add_parser("report", help="生成全镇汇总报告（PDF）")
    add_archive_arg(p)
    p.add_argument("--year", type=int, required=True, help="年度，例如 2017")
    p.add_argument("--out", required=True, help="输出的 PDF 文件")
    p.add_argument("--deterministic", action="store_true", help="固定输出（同一档案得到完全相同的文件）")
    p.set_defaults(func=cmd_town_report)
