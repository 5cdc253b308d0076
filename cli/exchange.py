"""Exchange commands: verify an archive file; station import, register (plan) and overview."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from storage.rules import PLAN_STATUSES

from .common import actor_name, add_archive_arg, archive_path


def cmd_verify(args) -> int:
    from storage.engine import open_archive
    from storage.exchange.importer import check_signer
    from storage.exchange.verify import verify_bag

    archive = open_archive(args.station, readonly=True) if args.station else None
    reports = []
    try:
        for f in args.files:  # one bag's records in memory at a time, however many files are checked
            r = verify_bag(f, pdfa=True)
            if archive is not None:
                check_signer(archive, r)
            if r.data is not None:
                r.data.zip.close()
                r.data = None
            reports.append(r)
    finally:
        if archive is not None:
            archive.close()
    if args.json:
        data = [r.as_dict() for r in reports]
        print(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(r.text() for r in reports))
    return 0 if all(r.ok for r in reports) else 1


def cmd_import(args) -> int:
    from storage.engine import open_archive
    from storage.exchange.importer import RESULT_NAMES, import_bags

    archive = open_archive(archive_path(args), actor=actor_name(args))
    with archive:
        results = import_bags(archive, args.files, force=args.force, accept_new_key=args.accept_new_key,
                              backup=not args.no_backup)
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(f"[{RESULT_NAMES[r.result]}] {r.message}")
        n = sum(r.result == "imported" for r in results)
        print(f"共 {len(results)} 个文件：导入 {n} 个，无变化 {sum(r.result == 'unchanged' for r in results)} 个，"
              f"拒绝 {sum(r.result == 'refused' for r in results)} 个。")
    return 0 if all(r.ok for r in results) else 1


def cmd_register(args) -> int:
    from storage import rules
    from storage.engine import open_archive
    from storage.exchange.overview import register_center
    from storage.plan_status import history

    archive = open_archive(archive_path(args), actor=actor_name(args))
    with archive, archive.session() as s:
        fields = {"name": args.name, "town": args.town, "village": args.village, "keeper": args.keeper}
        on = rules.as_date(args.on, "状态日期", "changed_on", required=False) if args.on else None
        center, created = register_center(s, archive.actor, code=args.code, plan_status=args.status,
                                          target_quarter=args.target, status_on=on, status_note=args.note or "",
                                          **fields)
        what = "已登记" if created else "已更新"
        print(f"{what}：{center.code} {center.name}（目标季度 {center.target_quarter or '未定'}）")
        entries = history(s, center.id)
        print("建设状态记录：" + ("；".join(f"{e.changed_on} {rules.PLAN_STATUS_NAMES[e.status]}" for e in entries)
                             if entries else "（无）"))
    return 0


def cmd_overview(args) -> int:
    from storage.engine import open_archive
    from storage.exchange.overview import overview

    archive = open_archive(archive_path(args), readonly=True)
    with archive:
        ov = overview(archive, args.year)
    if args.json:
        print(json.dumps(ov.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"{ov.year} 年各中心总览，截至 {ov.as_of}（共 {len(ov.rows)} 个中心，已建成 {ov.covered} 个，"
          f"其中已验收 {ov.accepted} 个）")
    print("编码\t镇(街)\t村(社区)\t档案管理员\t状态\t目标季度\t最近档案\t本年活动\t设备\t每周开放/标准\t自查")
    lines = []
    for r in ov.rows:
        hours = f"{r.weekly_hours:g}/{r.standard_hours:g}{'' if r.hours_ok else ' 不足'}"
        status = r.plan_status_name + (" 逾期" if r.overdue else "")
        lines.append(f"{r.code}\t{r.town}\t{r.village or '-'}\t{r.keeper or '-'}\t{status}\t{r.target_quarter or '-'}\t"
                     f"{r.last_bag or '未报送'}\t{r.activities_year}\t{r.equipment}\t{hours}\t"
                     f"{'-' if r.findings is None else r.findings}")
    print("\n".join(lines))
    print("季度覆盖（已过的季度按季末的建设状态记录）：")
    for q in ov.quarters:
        actual = "—" if q["covered_pct"] is None else f"{q['covered_pct']:g}%"
        flag = "" if q["on_track"] is None else ("（达标）" if q["on_track"] else "（未达标）")
        print(f"  {q['quarter']}：目标 {q['target_pct']}%，计划 {q['planned_pct']:g}%，实际 {actual}{flag}")
    print(f"档案指纹：{ov.fingerprint}")
    return 0


def register(sub, station_sub) -> None:
    p = sub.add_parser("verify", help="四性检测：检查档案文件（zip）的真实性、完整性、可用性、安全性；全部通过时退出码为 0")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE.zip", help="档案文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--archive", dest="station", type=Path,
                   help="镇街（或市局）档案：同时检查签名者是否为该档案已登记的中心")
    p.set_defaults(func=cmd_verify)

    p = station_sub.add_parser("import", help="导入各中心报送的档案文件（先做四性检测，再整体替换该中心的记录）")
    add_archive_arg(p)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE.zip", help="档案文件，可以一次多个")
    p.add_argument("--force", action="store_true", help="允许用较旧的档案文件覆盖较新的")
    p.add_argument("--accept-new-key", action="store_true", help="电话核对指纹后，接受该中心的新签名密钥")
    p.add_argument("--no-backup", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_import)

    for name, help_text in (("register", "登记（或更新）一个中心的建设规划：状态和目标季度"),
                            ("plan", "同 register：更新中心的建设状态和目标季度")):
        p = station_sub.add_parser(name, help=help_text)
        add_archive_arg(p)
        p.add_argument("--code", required=True, help="中心编码（与该村档案的中心编码一致）")
        p.add_argument("--name", help="中心名称（新登记时必填）")
        p.add_argument("--town", help="所属镇(街)（新登记时必填）")
        p.add_argument("--village", help="村(社区)（新登记时必填）")
        p.add_argument("--keeper", help="档案管理员")
        p.add_argument("--status", choices=PLAN_STATUSES, help="建设状态：planned 规划中、building 建设中、built 已建成、accepted 已验收")
        p.add_argument("--target", help="目标季度，例如 2017Q2")
        p.add_argument("--on", help="状态生效的日期，例如 2017-08-15（默认今天）；状态记录只追加，不覆盖")
        p.add_argument("--note", help="状态说明，例如 验收报告编号")
        p.set_defaults(func=cmd_register)

    p = station_sub.add_parser("overview", help="各中心总览与季度覆盖（Q1 50%%、Q2 90%%、Q3 100%%）")
    add_archive_arg(p)
    p.add_argument("--year", type=int, help="年度（默认今年）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_overview)
