"""Commands over the archive core: init, demo, stats, check, backup, restore, backups."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from storage.rules import ROLES

from .common import actor_name, add_archive_arg, archive_path


def cmd_init(args) -> int:
    from storage import centers
    from storage.engine import open_archive

    path = archive_path(args)
    archive = open_archive(path, create=True, actor=actor_name(args) or args.keeper or None)
    try:
        with archive.session() as s:
            centers.create_center(s, archive.actor, own=True, name=args.center_name, town=args.town,
                                  village=args.village, keeper=args.keeper or "", code=args.code,
                                  weekly_standard_hours=args.weekly_hours, station=args.role != "village",
                                  fonds_number=args.fonds or "")
            centers.set_role(s, args.role)
    except BaseException:
        archive.close()
        _remove_archive(path)
        raise
    archive.close()
    print(f"已新建档案：{path}")
    return 0


def _remove_archive(path: Path) -> None:
    from storage import paths

    for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm"), paths.lock_path(path)):
        p.unlink(missing_ok=True)


def cmd_demo(args) -> int:
    from storage import demo

    path = archive_path(args)
    demo.create_demo(path, seed=args.seed)
    print(f"已生成示例档案：{path}")
    return 0


def _period(args):
    """The period asked for with --year [--quarter], or None for the whole archive as it is now."""
    from storage.period import Period

    if args.year is None and args.quarter is None:
        return None
    return Period.of(year=args.year, quarter=args.quarter)


def cmd_stats(args) -> int:
    from storage import glance, stats

    period = _period(args)
    data = glance.file_counts(archive_path(args)) if period is None else None  # plain sqlite3: no SQLAlchemy
    if data is None:  # a period's figures, or a file the ordinary open must upgrade or explain
        from storage.engine import open_archive

        archive = open_archive(archive_path(args), readonly=True)
        with archive, archive.session() as s:
            data = stats.counts(s) if period is None else stats.period_counts(s, period.start, period.end)
    if period is not None:
        data["period"]["label"] = period.label
    if args.json:
        print(json.dumps(data, ensure_ascii=False, sort_keys=True))
    else:
        names = stats.names(period=period is not None)
        if period is not None:
            data["period"] = f"{period.label}（截至 {period.end}）"
        levels = {"none": "未通过镇街验收", "town": "仅镇街", "city": "镇街、市局", "prefecture": "三级均通过"}
        for key, value in data.items():
            if isinstance(value, dict):
                value = "、".join(f"{levels.get(k, k)} {v}" for k, v in value.items()) or "—"
            print(f"{names.get(key, key)}：{value}")
    return 0


def cmd_check(args) -> int:
    from storage import selfcheck
    from storage.engine import open_archive

    period = _period(args)
    archive = open_archive(archive_path(args), readonly=True)
    with archive:
        report = selfcheck.run(archive, start=period.start if period else None, end=period.end if period else None)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(check_lines(report, None if args.all else CHECK_LINES_PER_KIND)))
    return 0 if report.integrity_ok else 1


CHECK_LINES_PER_KIND = 5


def check_lines(report, per_kind: int | None) -> list[str]:
    """The verdict first, then a count per kind of finding (errors first) and at most ``per_kind`` lines
    of each (None: all of them)."""
    from collections import Counter

    from storage import selfcheck

    severity = Counter(f.severity for f in report.findings)
    verdict = "完整性检查通过" if report.integrity_ok else "完整性检查未通过"
    out = [f"{verdict}；共 {len(report.findings)} 条自查结果（错误 {severity['error'] + len(report.integrity)} 条，"
           f"提醒 {severity['warning']} 条）。"]
    if report.integrity:
        out.append(f"[错误] 数据库结构检查（{len(report.integrity)} 条）：")
        out += [f"    {p}" for p in report.integrity[:per_kind] if p]
    kinds: dict[tuple, list] = {}
    for f in report.findings:
        kinds.setdefault((f.severity != "error", f.code), []).append(f)
    hidden = 0
    for (_warn, code), found in sorted(kinds.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1])):
        tag = selfcheck.SEVERITY_NAMES[found[0].severity]
        out.append(f"[{tag}] {selfcheck.FINDING_NAMES.get(code, code)}（{len(found)} 条）：")
        shown = found if per_kind is None else found[:per_kind]
        out += [f"    {f.item_number + ' ' if f.item_number else ''}{f.message}" for f in shown]
        if len(found) > len(shown):
            out.append(f"    ……另有 {len(found) - len(shown)} 条")
            hidden += len(found) - len(shown)
    if hidden:
        out.append(f"（每类最多列出 {per_kind} 条，共省略 {hidden} 条；加 --all 列出全部。）")
    return out


def cmd_backup(args) -> int:
    from storage.engine import open_archive

    # A write-protected archive can still be copied to a writable place.
    archive = open_archive(archive_path(args), daily_backup=False, readonly_fallback=True)
    with archive:
        made = archive.backup("manual", dest=args.to)
    print(f"已备份到：{made}")
    return 0


def cmd_restore(args) -> int:
    from storage.engine import restore_archive

    path = archive_path(args)
    safety = restore_archive(path, args.source, force=args.force)
    if safety:
        print(f"恢复前的档案已另存为：{safety}")
    print(f"已从 {args.source} 恢复档案 {path}")
    return 0


def cmd_backups(args) -> int:
    from storage import backup, paths

    path = archive_path(args)
    for b in backup.list_backups(paths.default_backup_dir(path)):
        print(f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.kind:<14} {b.path}")
    return 0


def register(sub, station_sub) -> None:
    p = sub.add_parser("init", help="新建一个档案（不会覆盖已有档案）")
    add_archive_arg(p)
    p.add_argument("--center-name", required=True, help="中心名称，例如 苍城镇城东村综合性文化服务中心")
    p.add_argument("--town", required=True, help="所属镇(街)")
    p.add_argument("--village", default="", help="村(社区)（村级档案必填）")
    p.add_argument("--keeper", help="档案管理员姓名")
    p.add_argument("--code", help="中心编码（字母数字，用于档号；默认自动生成）")
    p.add_argument("--weekly-hours", type=float, default=42.0, help="每周开放时间标准（小时，默认 42）")
    p.add_argument("--fonds", help="全宗号（镇街或县档案馆分配，例如 Z118；尚未分配可以不填）")
    p.add_argument("--role", choices=ROLES, default="village",
                   help="档案类型：village 村(社区)，station 镇街文体服务中心，city 市局")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="生成示例档案（苍城镇城东村，2017 年至今）")
    add_archive_arg(p)
    p.add_argument("--seed", type=int, default=2017, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("stats", help="统计各类记录数量（可按年、季度：按期末当天的情况统计）")
    add_archive_arg(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--year", type=int, help="年份，例如 2017：只统计这一期间，设备和时间表按期末当天的情况")
    p.add_argument("--quarter", type=int, help="季度 1—4（与 --year 一起用）")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("check", help="完整性自查：列出缺漏；数据库完好时退出码为 0")
    add_archive_arg(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--year", type=int, help="只查这一年（或季度）的记录，按期末当天的情况")
    p.add_argument("--quarter", type=int, help="季度 1—4（与 --year 一起用）")
    p.add_argument("--all", action="store_true", help="列出全部自查结果（默认每类最多 5 条）")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("backup", help="立即备份档案")
    add_archive_arg(p)
    p.add_argument("--to", type=Path, help="备份文件路径（默认：档案旁的备份文件夹）")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复档案（恢复前自动保存当前档案）")
    add_archive_arg(p)
    p.add_argument("--from", dest="source", type=Path, required=True, help="备份文件路径")
    p.add_argument("--force", action="store_true", help="备份属于另一个中心（或另一类档案）时也恢复")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("backups", help="列出档案的备份")
    add_archive_arg(p)
    p.set_defaults(func=cmd_backups)

