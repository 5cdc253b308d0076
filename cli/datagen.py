"""Test data commands: ``generate`` a seeded test archive (S, M, L) and ``station generate-bags`` for a station benchmark."""

from __future__ import annotations

import time
from pathlib import Path

from .common import add_archive_arg, archive_path


def cmd_generate(args) -> int:
    from storage import datagen

    path = archive_path(args)
    started = time.perf_counter()
    counts = datagen.generate(path, args.size, seed=args.seed)
    took = time.perf_counter() - started
    detail = "，".join(f"{k} {v}" for k, v in counts.items() if k != "item_counter")
    print(f"已生成 {args.size} 规模（{datagen.SIZE_NAMES[args.size]}）的测试档案：{path}（{took:.1f} 秒）"
          + (f"\n{detail}" if detail else ""))
    return 0


def cmd_bags(args) -> int:
    from storage import datagen

    started = time.perf_counter()
    bags = datagen.village_bags(args.out, args.count, seed=args.seed)
    print(f"已生成 {len(bags)} 个村级一年期档案文件到 {args.out}（{time.perf_counter() - started:.1f} 秒）")
    return 0


def register(sub, station_sub) -> None:
    p = sub.add_parser("generate", help="生成测试用档案（S 示例规模、M 一个繁忙年度、L 十年），用于性能测试")
    add_archive_arg(p)
    p.add_argument("--size", choices=("S", "M", "L"), default="M", help="数据规模：S、M 或 L（默认 M）")
    p.add_argument("--seed", type=int, default=1, help="随机种子：相同种子生成相同记录（默认 1）")
    p.set_defaults(func=cmd_generate)

    p = station_sub.add_parser("generate-bags", help="生成多个村级一年期测试档案文件（默认 315 个，开平市的村数）")
    p.add_argument("--out", type=Path, required=True, help="输出文件夹")
    p.add_argument("--count", type=int, default=315, help="档案文件个数（默认 315）")
    p.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
    p.set_defaults(func=cmd_bags)
