"""Content checks of a bag whose records parsed: bag-info against the records (authenticity) and the records
against each other (completeness: counts, references, attachments, item numbers without gaps)."""

from __future__ import annotations

from .. import kinds, signing
from ..numbering import format_number
from . import schema


def check_content(report, bag, info, rows, computed: dict[str, str]) -> None:
    """bag-info against the records (authenticity) and the records against each other (completeness)."""
    centers = {c["uuid"]: c for c in rows["center"]}
    source = centers.get(info["External-Identifier"])
    auth = []
    if source is None:
        auth.append("bag-info 的 External-Identifier 不是包内任何中心的 UUID。")
    else:
        if source["name"] != info["Source-Organization"]:
            auth.append("bag-info 的 Source-Organization 与中心名称不符。")
        if source["public_key"] != signing.decode(info["Signing-Key-Ed25519"]):
            auth.append("bag-info 中的公钥与中心登记的公钥不符。")
        if info.get("Center-Code") and source["code"] != info["Center-Code"]:
            auth.append("bag-info 的中心编码与记录不符。")
    if auth:
        for msg in auth:
            report.add("authenticity", False, msg)
    else:
        report.add("authenticity", True, "bag-info 与记录内容一致（中心、编码、公钥）。")
    problems = schema.Problems()
    for kind, recs in rows.items():
        declared = info.get(f"Record-Count-{schema.bag_name(kind)}")
        if declared is None and not recs and f"{schema.RECORDS_DIR}/{schema.bag_name(kind)}.json" not in bag.names:
            continue  # a bag made before this kind existed
        if declared != str(len(recs)):
            problems.add(f"{schema.KIND_NAMES[kind]}记录 bag-info 登记 {declared} 条，实际 {len(recs)} 条。")
        uuids = [r["uuid"] for r in recs if "uuid" in r]
        if len(set(uuids)) != len(uuids):
            problems.add(f"{schema.KIND_NAMES[kind]}记录有重复的 UUID。")
    _check_refs(rows, problems)
    _check_numbers(rows, centers, problems)
    blobs = {n.rsplit("/", 1)[1]: d for n, d in computed.items() if n.startswith(schema.ATTACHMENTS_DIR + "/")}
    for n, d in blobs.items():
        if n != d:
            problems.add(f"附件文件 {n[:12]}… 的内容与文件名中的校验值不符。")
    wanted = {a["sha256"] for a in rows["attachment"]}
    if wanted - set(blobs):
        problems.add(f"缺少 {len(wanted - set(blobs))} 个附件文件。")
    if set(blobs) - wanted:
        problems.add(f"有 {len(set(blobs) - wanted)} 个附件文件没有任何记录引用。")
    extra = [n for n in bag.names if n.startswith("data/") and n != schema.DOSSIER_PATH
             and not n.startswith(schema.ATTACHMENTS_DIR + "/")
             and n not in {f"{schema.RECORDS_DIR}/{schema.bag_name(k)}.json" for k in schema.KINDS}]
    if extra:
        problems.add("包内有格式以外的文件：" + "、".join(extra[:5]) + "。")
    if problems:
        more = f"（另有 {problems.more} 处）" if problems.more else ""
        report.add("completeness", False, "；".join(problems[:8]) + more)
    else:
        n = sum(len(r) for r in rows.values())
        report.add("completeness", True, f"{n} 条记录数目相符，引用完整，档号连续无缺号。")


def _check_refs(rows, problems) -> None:
    known = {kind: {r["uuid"] for r in recs if "uuid" in r} for kind, recs in rows.items()}
    for kind, recs in rows.items():
        for f in schema.FIELDS[kind]:
            if f.ref:
                dangling = sum(1 for r in recs if r[f.name] not in known[f.ref])
                if dangling:
                    problems.add(f"{schema.KIND_NAMES[kind]}有 {dangling} 条引用了包内不存在的{schema.KIND_NAMES[f.ref]}。")
    dangling = sum(1 for a in rows["attachment"] if a["owner_uuid"] not in known[a["owner_kind"]])
    if dangling:
        problems.add(f"有 {dangling} 个附件挂在包内不存在的记录上。")


def _check_numbers(rows, centers, problems) -> None:
    """Item numbers match code-year-kind-seq, are unique, and run 1..n per year without gaps."""
    counters = {(c["center_uuid"], c["kind"], c["year"]): c["last_seq"] for c in rows["item_counter"]}
    for numbered in kinds.numbered():
        kind, code = numbered.key, numbered.number_code
        seqs: dict[tuple, set[int]] = {}
        for r in rows[kind]:
            center = centers.get(r["center_uuid"])
            if center is None:
                continue
            expected = format_number(center["code"], r["year"], code, r["seq"])
            if r["item_number"] != expected:
                problems.add(f"档号 {r['item_number'][:40]} 与中心编码、年度和件号不符（应为 {expected}）。")
            key = (r["center_uuid"], code, r["year"])
            if r["seq"] in seqs.setdefault(key, set()):
                problems.add(f"档号 {expected} 重复。")
            seqs[key].add(r["seq"])
        for key in set(seqs) | {k for k in counters if k[1] == code}:
            have = seqs.get(key, set())
            last = max(counters.get(key, 0), max(have, default=0))
            if counters.get(key, 0) < max(have, default=0):
                problems.add(f"{key[2]} 年{schema.KIND_NAMES[kind]}档号计数小于已用的最大件号。")
            gaps = [n for n in range(1, last + 1) if n not in have]
            if gaps:
                center = centers.get(key[0], {"code": "?"})
                nums = "、".join(format_number(center["code"], key[2], code, n) for n in gaps[:5])
                more = f" 等 {len(gaps)} 个" if len(gaps) > 5 else ""
                problems.add(f"档号不连续，缺少 {nums}{more}。")
