"""Content checks of a bag whose records parsed: bag-info against the records (authenticity) and the records
against each other (completeness: counts, references, attachments, item numbers without gaps).

The records are read one at a time (``records.RecordFile``), so the checks work on ``Facts``: the few things
of each record they need (UUIDs, references, item numbers), gathered while reading, never the records
themselves. A ten-year archive's 50,000 activities take a few MB of facts instead of ~150 MB of dicts.
"""

from __future__ import annotations

from collections import Counter

from .. import kinds, signing
from ..numbering import format_number
from . import schema


class KindFacts:
    """One kind's facts, gathered by ``add`` for every converted record of its file."""

    def __init__(self, kind: str, signer_uuid: str | None):
        self.kind = kind
        self.count = 0
        self.uuids: set[str] = set()
        self.duplicate = False
        fields = schema.FIELDS[kind]
        self._has_uuid = any(f.name == "uuid" for f in fields)
        self._refs = [f.name for f in fields if f.ref]
        self.refs: dict[str, Counter] = {name: Counter() for name in self._refs}
        numbered = kinds.KINDS[kind].number_code if kind in kinds.KINDS else None
        self.numbers: list[tuple] | None = [] if numbered else None  # (center_uuid, year, seq, item_number)
        self.counters: dict[tuple, int] = {}  # item_counter: (center_uuid, kind code, year) -> last_seq
        self.owners: Counter = Counter()  # attachment: (owner_kind, owner_uuid)
        self.blobs: dict[str, str] = {}  # attachment: sha256 -> mime
        self.centers: dict[str, str] = {}  # center: uuid -> code
        self.signer: dict | None = None  # center: the record of the signing center
        self._signer_uuid = signer_uuid

    def add(self, row: dict) -> None:
        self.count += 1
        if self._has_uuid:
            uuid = row["uuid"]
            if uuid in self.uuids:
                self.duplicate = True
            self.uuids.add(uuid)
        for name in self._refs:
            self.refs[name][row[name]] += 1
        if self.numbers is not None:
            self.numbers.append((row["center_uuid"], row["year"], row["seq"], row["item_number"]))
        kind = self.kind
        if kind == "item_counter":
            self.counters[(row["center_uuid"], row["kind"], row["year"])] = row["last_seq"]
        elif kind == "attachment":
            self.owners[(row["owner_kind"], row["owner_uuid"])] += 1
            self.blobs[row["sha256"]] = row["mime"]
        elif kind == "center":
            self.centers.setdefault(row["uuid"], row["code"])
            if row["uuid"] == self._signer_uuid and self.signer is None:
                self.signer = row


class Facts(dict):
    """kind -> KindFacts, in the order of ``schema.KINDS``."""

    @property
    def counts(self) -> dict[str, int]:
        return {kind: f.count for kind, f in self.items()}

    @property
    def centers(self) -> dict[str, str]:
        return self["center"].centers if "center" in self else {}

    @property
    def blobs(self) -> dict[str, str]:
        return self["attachment"].blobs if "attachment" in self else {}


def check_content(report, bag, info, facts: Facts, computed: dict[str, str]) -> None:
    """bag-info against the records (authenticity) and the records against each other (completeness)."""
    centers = facts.centers
    source = facts["center"].signer if "center" in facts else None
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
    for kind, f in facts.items():
        declared = info.get(f"Record-Count-{schema.bag_name(kind)}")
        if declared is None and not f.count and f"{schema.RECORDS_DIR}/{schema.bag_name(kind)}.json" not in bag.names:
            continue  # a bag made before this kind existed
        if declared != str(f.count):
            problems.add(f"{schema.KIND_NAMES[kind]}记录 bag-info 登记 {declared} 条，实际 {f.count} 条。")
        if f.duplicate:
            problems.add(f"{schema.KIND_NAMES[kind]}记录有重复的 UUID。")
    _check_refs(facts, problems)
    _check_numbers(facts, centers, problems)
    blobs = {n.rsplit("/", 1)[1]: d for n, d in computed.items() if n.startswith(schema.ATTACHMENTS_DIR + "/")}
    for n, d in blobs.items():
        if n != d:
            problems.add(f"附件文件 {n[:12]}… 的内容与文件名中的校验值不符。")
    wanted = set(facts.blobs)
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
        n = sum(f.count for f in facts.values())
        report.add("completeness", True, f"{n} 条记录数目相符，引用完整，档号连续无缺号。")


def _check_refs(facts: Facts, problems) -> None:
    known = {kind: f.uuids for kind, f in facts.items()}
    for kind, f in facts.items():
        for field in schema.FIELDS[kind]:
            if field.ref:
                dangling = sum(n for value, n in f.refs[field.name].items() if value not in known[field.ref])
                if dangling:
                    problems.add(f"{schema.KIND_NAMES[kind]}有 {dangling} 条引用了包内不存在的{schema.KIND_NAMES[field.ref]}。")
    owners = facts["attachment"].owners if "attachment" in facts else {}
    dangling = sum(n for (kind, uuid), n in owners.items() if uuid not in known.get(kind, ()))
    if dangling:
        problems.add(f"有 {dangling} 个附件挂在包内不存在的记录上。")


def _check_numbers(facts: Facts, centers: dict[str, str], problems) -> None:
    """Item numbers match code-year-kind-seq, are unique, and run 1..n per year without gaps."""
    counters = facts["item_counter"].counters if "item_counter" in facts else {}
    for numbered in kinds.numbered():
        kind, code = numbered.key, numbered.number_code
        seqs: dict[tuple, set[int]] = {}
        for center_uuid, year, seq, item_number in (facts[kind].numbers or []) if kind in facts else ():
            center_code = centers.get(center_uuid)
            if center_code is None:
                continue
            expected = format_number(center_code, year, code, seq)
            if item_number != expected:
                problems.add(f"档号 {item_number[:40]} 与中心编码、年度和件号不符（应为 {expected}）。")
            key = (center_uuid, code, year)
            if seq in seqs.setdefault(key, set()):
                problems.add(f"档号 {expected} 重复。")
            seqs[key].add(seq)
        for key in set(seqs) | {k for k in counters if k[1] == code}:
            have = seqs.get(key, set())
            last = max(counters.get(key, 0), max(have, default=0))
            if counters.get(key, 0) < max(have, default=0):
                problems.add(f"{key[2]} 年{schema.KIND_NAMES[kind]}档号计数小于已用的最大件号。")
            gaps = [n for n in range(1, last + 1) if n not in have]
            if gaps:
                code_of = centers.get(key[0], "?")
                nums = "、".join(format_number(code_of, key[2], code, n) for n in gaps[:5])
                more = f" 等 {len(gaps)} 个" if len(gaps) > 5 else ""
                problems.add(f"档号不连续，缺少 {nums}{more}。")
