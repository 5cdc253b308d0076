"""The four-property check (四性检测, DA/T 70) of one archive file, read safely and in memory.

authenticity 真实性: the Ed25519 signature over the tag manifest, the tag manifest over bag-info and the
manifests, every payload checksum, bag-info against the records. completeness 完整性: every manifest lists
exactly the payload, Payload-Oxum and record counts match, references resolve, item numbers run without gaps.
usability 可用性: the zip opens, the format version is known, the JSON parses with the right types and
ranges, the dossier PDF opens. security 安全性: no path outside the bag, no absolute paths, no links,
size limits (zip bombs), no duplicate names, no encryption.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from .. import signing
from . import schema
from .bagfile import DEFAULT_LIMITS, BagRefused, BagZip, Limits, open_bag, parse_manifest, parse_tag_lines
from .content import Facts, KindFacts, check_content
from .records import RecordFile, RecordsError

PROPERTIES = ("authenticity", "completeness", "usability", "security")
PROPERTY_NAMES = {"authenticity": "真实性", "completeness": "完整性", "usability": "可用性", "security": "安全性"}
REQUIRED_TAGS = ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt",
                 "tagmanifest-sha256.txt", schema.SIGNATURE_FILE)
ALGORITHMS = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}


@dataclass
class Check:
    prop: str
    ok: bool
    message: str
    skipped: bool = False  # not checked because of a problem found before (a consequence, not a cause)


class ChangedWhileReading(Exception):
    """A records file read again did not give the bytes (or the records) that were checked."""


@dataclass
class BagData:
    """What an importer needs from a bag that passed: the facts of its records, and ``records(kind)`` to read
    them again one batch at a time (they are never all in memory)."""

    info: dict[str, str]
    facts: Facts
    public_key: bytes
    fingerprint: str
    center_uuid: str
    bagging_time: datetime
    zip: BagZip
    digests: dict[str, str]
    today: date

    @property
    def counts(self) -> dict[str, int]:
        return self.facts.counts

    def records(self, kind: str, batch: int = 1000):
        """The kind's converted records in lists of at most ``batch``, read again from the file. Raises
        ``ChangedWhileReading`` when the file's bytes differ from those checked (they are compared as read)."""
        name = records_name(kind)
        if not self.zip.exists(name):
            return
        problems = schema.Problems()
        reader = RecordFile(self.zip.chunks(name))
        fields = schema.FIELDS[kind]
        names = {f.name for f in fields}
        out = []
        try:
            for i, rec in enumerate(reader.records()):
                row = schema.convert_record(kind, i, rec, self.today, problems, fields, names)
                if problems or row is None:
                    raise ChangedWhileReading(name)
                out.append(row)
                if len(out) >= batch:
                    yield out
                    out = []
        except RecordsError as e:
            raise ChangedWhileReading(name) from e
        if reader.sha256 != self.digests.get(name):
            raise ChangedWhileReading(name)
        if out:
            yield out


    def all_records(self, kind: str) -> list[dict]:
        """Every record of a kind in one list: for the few (centers) and for tests, not for a whole bag."""
        return [row for batch in self.records(kind) for row in batch]


def records_name(kind: str) -> str:
    return f"{schema.RECORDS_DIR}/{schema.bag_name(kind)}.json"


@dataclass
class VerifyReport:
    source: str
    sha256: str = ""
    size: int = 0
    checks: list[Check] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    data: BagData | None = None

    def add(self, prop: str, ok: bool, message: str) -> bool:
        self.checks.append(Check(prop, ok, message))
        return ok

    def passed(self, prop: str) -> bool:
        mine = [c for c in self.checks if c.prop == prop]
        return bool(mine) and all(c.ok for c in mine)

    @property
    def ok(self) -> bool:
        return all(self.passed(p) for p in PROPERTIES)

    def problems(self) -> list[str]:
        return [c.message for c in self.checks if not c.ok]

    def first_problem(self) -> str:
        probs = self.problems()
        return probs[0] if probs else ""

    def order(self) -> list[str]:
        """Properties with a problem first, in the order the problems were found; then the rest: every
        cause is printed before the "could not be checked" it led to."""
        first = {}
        for i, c in enumerate(self.checks):
            if not c.ok and not c.skipped:
                first.setdefault(c.prop, i)
        return sorted(PROPERTIES, key=lambda p: (first.get(p, len(self.checks)), PROPERTIES.index(p)))

    def as_dict(self) -> dict:
        return {"file": self.source, "sha256": self.sha256, "size": self.size, "ok": self.ok,
                "properties": {p: {"name": PROPERTY_NAMES[p], "ok": self.passed(p),
                                   "checks": [asdict(c) for c in self.checks if c.prop == p]} for p in PROPERTIES},
                "summary": self.summary}

    def text(self) -> str:
        lines = [f"档案文件：{self.source}"]
        if self.summary:
            s = self.summary
            lines.append(f"来源：{s.get('organization', '?')}（{s.get('center_uuid', '?')}）")
            lines.append(f"打包时间：{s.get('bagging_timestamp', '?')}　签名密钥指纹：{s.get('fingerprint', '?')}")
        for p in self.order():
            mine = [c for c in self.checks if c.prop == p]
            verdict = "通过" if self.passed(p) else "未通过"
            lines.append(f"【{PROPERTY_NAMES[p]}】{verdict}")
            for c in mine:
                lines.append(f"  {'✓' if c.ok else '✗'} {c.message}")
        lines.append("结论：四性检测全部通过。" if self.ok else "结论：未通过检测，请勿导入；请向报送单位重新索取文件。")
        return "\n".join(lines)


def verify_bag(path: str | os.PathLike | bytes, *, source: str | None = None, limits: Limits = DEFAULT_LIMITS,
               today: date | None = None, pdfa: bool = False) -> VerifyReport:
    """Check one archive file. Never raises for a bad file: the report says what is wrong.
    ``pdfa=True`` validates the dossier as PDF/A-2b (seconds per file: ``verify`` does, a batch import does not)."""
    name = source or (Path(path).name if not isinstance(path, (bytes, bytearray)) else "archive.zip")
    report = VerifyReport(name)
    bag = None
    try:
        bag = open_bag(path, name, limits)
        report.sha256, report.size = bag.sha256, bag.size
        report.add("security", True, "路径、链接、重名和大小检查通过。")
        _check_bag(report, bag, today or date.today(), pdfa)
    except BagRefused as e:
        report.add(e.prop, False, e.message)
    except Exception:  # noqa: BLE001 - a file we cannot understand is refused, never a crash mid-batch
        logging.getLogger(__name__).exception("verify %s", name)
        report.add("usability", False, "文件内容无法解读（结构与本格式不符），请向报送单位重新索取。")
    causes = [c.prop for c in report.checks if not c.ok]
    for p in PROPERTIES:  # a property not reached is not a pass
        if not any(c.prop == p for c in report.checks):
            cause = "、".join(f"【{PROPERTY_NAMES[c]}】" for c in dict.fromkeys(causes)) or "上面"
            report.checks.append(Check(p, False, f"因{cause}中的问题，{PROPERTY_NAMES[p]}未能检查。", skipped=True))
    if not report.ok:
        report.data = None
        if bag is not None:
            bag.close()
    return report


def _text(bag: BagZip, name: str) -> str:
    raw = bag.read(name, bag.limits.tag_file)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BagRefused("usability", "not_utf8", f"{name} 不是 UTF-8 文本。") from e


def _check_bag(report: VerifyReport, bag: BagZip, today: date, pdfa: bool = False) -> None:
    missing = [t for t in REQUIRED_TAGS if not bag.exists(t)]
    if missing:
        raise BagRefused("completeness", "missing_tag", "缺少 BagIt 标签文件：" + "、".join(missing) + "。")
    if _text(bag, "bagit.txt").splitlines()[:1] != ["BagIt-Version: 1.0"]:
        raise BagRefused("usability", "bad_bagit", "bagit.txt 不是 BagIt 1.0 的声明。")
    try:
        info = parse_tag_lines(_text(bag, "bag-info.txt"))
    except ValueError as e:
        raise BagRefused("usability", "bad_bag_info", f"bag-info.txt 格式不正确：{e}。") from e
    _check_format(info)
    _check_signature(report, bag, info)
    stamp = datetime.fromisoformat(info["Bagging-Timestamp"]).astimezone(timezone.utc)
    layout = bag.layout_problems(stamp.timetuple()[:5] + (stamp.second - stamp.second % 2,))
    if layout:
        report.add("authenticity", False, "zip 文件在导出后被改动过（" + "；".join(layout) + "），请向报送单位重新索取原文件。")
    computed, counted = _check_manifests(report, bag, info)
    facts = _check_records(report, bag, info, today, computed, counted)
    _check_dossier(report, bag, pdfa)
    if facts is not None:
        check_content(report, bag, info, facts, computed)
    if report.ok and facts is not None:
        report.data = BagData(info, facts, signing.decode(info["Signing-Key-Ed25519"]),
                              info["Signing-Key-Fingerprint"], info["External-Identifier"],
                              datetime.fromisoformat(info["Bagging-Timestamp"]), bag, computed, today)


def _check_format(info: dict[str, str]) -> None:
    if info.get("Exchange-Format") != schema.FORMAT_NAME:
        raise BagRefused("usability", "foreign_bag", "这不是本软件导出的村级文化档案文件（bag-info 中没有本格式的标识）。")
    try:
        version = int(info.get("Exchange-Format-Version", ""))
    except ValueError as e:
        raise BagRefused("usability", "bad_version", "bag-info 中的格式版本号无法识别。") from e
    if version > schema.FORMAT_VERSION:
        raise BagRefused("usability", "format_too_new",
                         f"这个档案文件是用更新版本的软件导出的（格式版本 {version}，本软件只认识 {schema.FORMAT_VERSION}）。"
                         "请先升级本软件再导入。")
    if version < 1:
        raise BagRefused("usability", "bad_version", f"格式版本 {version} 无效。")
    for key in ("External-Identifier", "Bagging-Timestamp", "Signing-Key-Ed25519", "Signing-Key-Fingerprint",
                "Payload-Oxum", "Source-Organization"):
        if not info.get(key):
            raise BagRefused("completeness", "bag_info_incomplete", f"bag-info.txt 缺少 {key}。")
    try:
        stamp = datetime.fromisoformat(info["Bagging-Timestamp"])
        if stamp.tzinfo is None:
            raise ValueError
    except ValueError as e:
        raise BagRefused("usability", "bad_bagging_time", "bag-info.txt 中的打包时间无效。") from e


def _check_signature(report: VerifyReport, bag: BagZip, info: dict[str, str]) -> None:
    try:
        public = signing.decode(info["Signing-Key-Ed25519"])
        sig = signing.decode(_text(bag, schema.SIGNATURE_FILE).strip())
    except ValueError:
        public, sig = b"", b""
    if len(public) != 32 or len(sig) != 64:
        raise BagRefused("authenticity", "bad_signature_format", "签名或公钥格式不正确，无法确认文件来源。")
    fingerprint = signing.fingerprint(public)
    report.summary = {"organization": info.get("Source-Organization"), "center_uuid": info.get("External-Identifier"),
                      "center_code": info.get("Center-Code"), "bagging_timestamp": info.get("Bagging-Timestamp"),
                      "fingerprint": fingerprint, "role": info.get("Archive-Role"),
                      "period": [info.get("Period-Start"), info.get("Period-End")]}
    if fingerprint != info["Signing-Key-Fingerprint"]:
        report.add("authenticity", False, "bag-info 中的密钥指纹与公钥不符，文件可能被改动过。")
    tagmanifest = bag.read("tagmanifest-sha256.txt", bag.limits.tag_file)
    if signing.verify(public, tagmanifest, sig):
        report.add("authenticity", True, f"签名有效（密钥指纹 {fingerprint}）。")
    else:
        report.add("authenticity", False, "签名无效：文件在签名之后被改动过，或签名不是这个中心的密钥做的。")
    try:
        listed = parse_manifest(tagmanifest.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise BagRefused("usability", "bad_tagmanifest", f"tagmanifest-sha256.txt 格式不正确：{e}。") from e
    needed = {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt"}
    if not needed <= set(listed):
        report.add("completeness", False, "标签清单没有覆盖：" + "、".join(sorted(needed - set(listed))) + "。")
    for name, digest in listed.items():
        if not bag.exists(name):
            report.add("completeness", False, f"标签清单列出的 {name} 不在包内。")
        elif hashlib.sha256(bag.read(name, bag.limits.tag_file)).hexdigest() != digest:
            what = "bag-info.txt 被改动过（与签名时不一致）" if name == "bag-info.txt" else f"{name} 的校验值不符"
            report.add("authenticity", False, what + "。")


def _check_manifests(report: VerifyReport, bag: BagZip, info) -> tuple[dict[str, str], dict[str, tuple]]:
    """Both manifests list exactly the payload and every checksum matches. Returns {path: sha256} and, for
    the records files, {path: (bytes, separators, objects)} counted on the way (what parsing would build)."""
    payload = sorted(n for n in bag.names if n.startswith("data/"))
    manifests = {}
    for alg in ALGORITHMS:
        try:
            manifests[alg] = parse_manifest(_text(bag, f"manifest-{alg}.txt"))
        except ValueError as e:
            raise BagRefused("usability", "bad_manifest", f"manifest-{alg}.txt 格式不正确：{e}。") from e
    ok = True
    for alg, listed in manifests.items():
        absent = sorted(set(listed) - set(payload))
        extra = sorted(set(payload) - set(listed))
        if absent:
            ok = report.add("completeness", False, f"清单 manifest-{alg}.txt 列出但包内缺少 {len(absent)} 个文件："
                            + "、".join(absent[:5]) + "。")
        if extra:
            ok = report.add("completeness", False, f"包内有 {len(extra)} 个文件不在清单 manifest-{alg}.txt 中："
                            + "、".join(extra[:5]) + "。")
    computed, counted, bad, octets, kept = {}, {}, [], 0, 0
    for name in payload:
        hashers = {alg: fn() for alg, fn in ALGORITHMS.items()}
        keep = name == schema.DOSSIER_PATH  # read again below; records files are read again one record at a time
        count = name.startswith(schema.RECORDS_DIR + "/")
        parts, size, separators, objects = [], 0, 0, 0
        for chunk in bag.chunks(name):
            octets += len(chunk)
            size += len(chunk)
            for h in hashers.values():
                h.update(chunk)
            if keep:
                parts.append(chunk)
            if count:
                separators += chunk.count(b",") + chunk.count(b":")
                objects += chunk.count(b"{")
        if keep or count:
            kept += size
            if kept > bag.limits.kept:
                raise BagRefused("security", "records_too_big", f"记录文件和汇编 PDF 合计超过 {bag.limits.kept // 1024**2} MB 的上限，"
                                 "拒绝读取。")
        if keep:
            bag.cache[name] = b"".join(parts)
        if count:
            counted[name] = (size, separators, objects)
        computed[name] = hashers["sha256"].hexdigest()
        if any(name in manifests[a] and manifests[a][name] != h.hexdigest() for a, h in hashers.items()):
            bad.append(name)
    if bad:
        report.add("authenticity", False, f"{len(bad)} 个文件的校验值不符（内容被改动或损坏）：" + "、".join(bad[:5]) + "。")
    else:
        report.add("authenticity", True, f"{len(payload)} 个文件的 SHA-256 与 SHA-512 校验值全部相符。")
    if info.get("Payload-Oxum") != f"{octets}.{len(payload)}":
        ok = report.add("completeness", False, f"Payload-Oxum 为 {info.get('Payload-Oxum')}，"
                        f"实际为 {octets}.{len(payload)}：文件数或大小不符。")
    if ok:
        report.add("completeness", True, f"清单完整：{len(payload)} 个文件，{octets} 字节。")
    return computed, counted


def _check_records(report: VerifyReport, bag: BagZip, info, today: date, computed: dict[str, str],
                   counted: dict[str, tuple]) -> Facts | None:
    """Every records file parses, with the right header, types and ranges; returns the facts the content
    checks need. Each file is read one record at a time (``records.RecordFile``): memory holds one record and
    the facts, whatever the file's size or shape."""
    facts, problems = Facts(), schema.Problems()
    for kind in schema.KINDS:
        name = records_name(kind)
        if not bag.exists(name):
            if f"Record-Count-{schema.bag_name(kind)}" not in info:
                facts[kind] = KindFacts(kind, info["External-Identifier"])  # a bag made before this kind existed
                continue
            problems.add(f"缺少记录文件 {name}。")
            continue
        too_big = _records_too_big(*counted.get(name, (bag.infos[name].file_size, 0, 0)), bag.limits)
        if too_big:
            problems.add(f"{name} {too_big}，拒绝读取。")
            continue
        found = _read_records(bag, name, kind, info, today, computed.get(name))
        if isinstance(found, str):
            problems.add(found)
        elif isinstance(found, schema.Problems):
            for p in found:
                problems.add(p)
            problems.more += found.more
        else:
            facts[kind] = found
    if problems:
        more = f"（另有 {problems.more} 处）" if problems.more else ""
        report.add("usability", False, "记录数据有误：" + "；".join(problems[:8]) + more)
        return None
    report.add("usability", True, "全部记录文件为有效的 UTF-8 JSON，字段类型和取值范围正确。")
    return facts


def _read_records(bag: BagZip, name: str, kind: str, info, today: date, digest: str | None):
    """One records file: its KindFacts, or its problems (a Problems list, or one sentence for the file)."""
    found = KindFacts(kind, info["External-Identifier"])
    problems = schema.Problems()
    fields = schema.FIELDS[kind]
    names = {f.name for f in fields}
    reader = RecordFile(bag.chunks(name))
    items = 0
    try:
        for i, rec in enumerate(reader.records()):
            items = i + 1
            row = schema.convert_record(kind, i, rec, today, problems, fields, names)
            if row is not None:
                found.add(row)
    except RecordsError as e:
        return f"{name} {e.message}。"
    head = reader.header
    if head.get("kind") != schema.bag_name(kind) or head.get("format") != schema.FORMAT_NAME:
        return f"{name} 的文件头不正确。"
    version = head.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > schema.FORMAT_VERSION:
        return f"{name} 的格式版本 {version!r} 本软件不认识，请升级软件。"
    if digest is not None and reader.sha256 != digest:
        return f"{name} 在读取过程中发生了变化（与校验时的内容不同），请重新复制文件后再检测。"
    out = schema.Problems()
    if reader.records_list and head.get("count") != items:
        out.add(f"{name} 声明 {head.get('count')!r} 条记录，实际 {items} 条。")
    if not reader.records_list:
        out.add(f"{schema.KIND_NAMES[kind]}的记录应为列表。")
    for p in problems:
        out.add(p)
    out.more += problems.more
    return out if out else found


def _records_too_big(size: int, separators: int, objects: int, lim) -> str:
    """Bounds on the facts the records build, counted in the bytes (a 64 MB file of tiny objects or keys
    would otherwise take gigabytes of facts and minutes of checks)."""
    if size > lim.records:
        return f"有 {size // 1024**2} MB，超过记录文件 {lim.records // 1024**2} MB 的上限"
    if separators > lim.records_values:
        return f"含有的数值超过 {lim.records_values} 个的上限"
    if objects > lim.records_objects:
        return f"含有的记录对象超过 {lim.records_objects} 个的上限"
    return ""


def _check_dossier(report: VerifyReport, bag: BagZip, pdfa: bool = False) -> None:
    if not bag.exists(schema.DOSSIER_PATH):
        report.add("completeness", False, f"缺少检查档案汇编 {schema.DOSSIER_PATH}。")
        return
    data = bag.cache.pop(schema.DOSSIER_PATH, None) or bag.read(schema.DOSSIER_PATH)
    if not data.startswith(b"%PDF-"):
        report.add("usability", False, "dossier.pdf 不是 PDF 文件。")
        return
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # a broken PDF is reported below, not as log noise
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            report.add("usability", False, "dossier.pdf 被加密了，档案 PDF 不能加密。")
            return
        pages = len(reader.pages)
    except ImportError:  # pragma: no cover - pypdf is a dependency
        pages = -1
    except Exception:  # noqa: BLE001 - pypdf raises many kinds for a broken file
        report.add("usability", False, "dossier.pdf 无法打开（PDF 结构有误或不完整）。")
        return
    finally:
        quiet.setLevel(level)
    if pages == 0:
        report.add("usability", False, "dossier.pdf 没有页面。")
        return
    report.add("usability", True, f"检查档案汇编 PDF 可以打开（{pages} 页）。" if pages > 0 else "检查档案汇编为 PDF。")
    _check_dossier_format(report, data, pdfa)


def _check_dossier_format(report: VerifyReport, data: bytes, full: bool) -> None:
    """The long-term format (DA/T 70 可用性): validated in full, or the declaration read when importing many."""
    from .. import pdfa

    if full:
        verdict = pdfa.check(data)
        report.add("usability", verdict.passed, f"检查档案汇编的格式：{verdict.text}。")
        return
    declared = pdfa.declared(data)
    if declared:
        report.add("usability", True, f"检查档案汇编声明为 PDF/A-{declared[0]}{declared[1:].lower()}"
                                      "（逐项校验请用 verify 命令）。")
    else:
        report.add("usability", True, "检查档案汇编不是 PDF/A 格式（旧版本软件导出），可以打开阅读。")
