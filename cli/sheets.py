"""Spreadsheet commands: import-sheet, export-sheet, template."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import actor_name, add_archive_arg, archive_path

# The value is checked by storage.kinds.resolve when the command runs (a Chinese message listing the kinds):
# the parser stays free of the models, so building it costs nothing.
KIND_HELP = "表格类型：activity 活动，equipment 设备，opening_log 开放登记（旧写法 activities、opening-log 也可以）"


def cmd_import(args) -> int:
    from storage.engine import open_archive
    from storage.sheets.importer import import_scanned, scan_file

    # Read and check the whole file as a stream before the archive is opened: a refused sheet does not even
    # open it. A large sheet is read a second time while it is written (bounded memory, one transaction).
    with scan_file(args.file, args.kind) as scan:
        if scan.refused(args.only_valid):
            report = scan.report(refused=True)
        else:
            archive = open_archive(archive_path(args), actor=actor_name(args))
            with archive:
                report = import_scanned(archive, scan, only_valid=args.only_valid)
    stream = sys.stderr if report.refused else sys.stdout
    print(report.text(), file=stream)
    return 1 if report.refused else 0


def cmd_export(args) -> int:
    from storage.engine import open_archive
    from storage.sheets.exporter import export_sheet

    archive = open_archive(archive_path(args), readonly=True)
    with archive:
        count = export_sheet(archive, args.kind, args.out, year=args.year)
    print(f"已导出 {count} 行到：{args.out}")
    return 0


def cmd_template(args) -> int:
    from storage.sheets.templates import write_template

    write_template(args.kind, args.out)
    print(f"已生成模板：{args.out}")
    return 0


def register(sub, station_sub) -> None:
    p = sub.add_parser("import-sheet", help="从 Excel/WPS（.xlsx）或 CSV 导入活动、设备或开放登记；有问题的行会逐条列出")
    add_archive_arg(p)
    p.add_argument("--kind", required=True, help=KIND_HELP)
    p.add_argument("--only-valid", action="store_true",
                   help="只导入没有问题的行（默认：只要有一行有问题就什么都不导入）")
    p.add_argument("file", type=Path, help="要导入的 .xlsx 或 .csv 文件")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export-sheet", help="把活动、设备或开放登记导出为 .xlsx")
    add_archive_arg(p)
    p.add_argument("--kind", required=True, help=KIND_HELP)
    p.add_argument("--year", type=int, help="只导出这一年（默认：全部）")
    p.add_argument("--out", type=Path, required=True, help="输出的 .xlsx 文件")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("template", help="生成导入模板（.xlsx）：表头、示例行和下拉选项")
    p.add_argument("--kind", required=True, help=KIND_HELP)
    p.add_argument("--out", type=Path, required=True, help="输出的 .xlsx 文件")
    p.set_defaults(func=cmd_template)
