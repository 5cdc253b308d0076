"""Export: the archive's centers as a signed, serialized BagIt bag (a zip with one top-level folder).

A village exports its own center; a station (or city) exports every center it holds, signed with its
own key, so the level above imports it with the same code. The dossier (or town report) PDF is rendered
by the caller and handed in as bytes: storage never imports reports.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import func, select

from .. import APP_VERSION, atomicfile, centers, kinds, oserrors, signing
from ..engine import Archive, archive_role, head_revision
from ..errors import ArchiveError
from ..models import Attachment, Blob, Center
from . import schema
from .bagfile import encode_manifest_path

STORED_TYPES = ("image/", "application/pdf", "video/", "audio/", "application/zip")


@dataclass
class ExportResult:
    path: Path
    center_uuid: str
    fingerprint: str
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0
    payload_bytes: int = 0
    bagging_timestamp: str = ""


def _plan(kind: str):
    """Per field: (json name, column, converter); FK columns map an id to the parent's UUID."""
    fks = {name: col for col, (name, _) in schema.KINDS[kind][1].items()}
    iso = {"datetime": datetime.isoformat, "date": date.isoformat,  # timestamps come back aware UTC
           "time": lambda v: v.isoformat(), "base64": lambda v: signing.encode(v)}
    out = []
    for f in schema.FIELDS[kind]:
        if f.name in fks:
            out.append((f.name, fks[f.name], f.ref))
        else:
            out.append((f.name, f.name, iso.get(f.type)))
    return out


class Records:
    """One kind's records in exchange form, made one row at a time each time it is iterated; ``len`` is known
    first (the records file's header carries the count). Holding an L archive's 50,000 activities as dicts and
    then as one JSON string took ~300 MB; read this way an export stays near the size of one kind's id map."""

    def __init__(self, count: int, rows):
        self.count, self._rows = count, rows

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        return self._rows()


def collect(s, center_ids: list[int]) -> tuple[dict[str, Records], dict[str, str]]:
    """All records of these centers, deleted ones included, keyed by kind (each a ``Records``, read lazily in
    the session ``s``, which must stay open and in one transaction while they are read); plus {sha256: mime}."""
    out: dict[str, Records] = {}
    uuids: dict[str, dict[int, str]] = {}
    for kind in kinds.KINDS.values():  # parents first: a child's references are known when it is written
        table = kind.model.__table__
        if kind.key == "attachment":
            continue
        if kind.key == "center":
            where = table.c.id.in_(center_ids)
        else:
            col, ref = kind.parent
            where = table.c[col].in_(center_ids if ref == "center" else kinds.ids_of(ref, center_ids))
        if "id" in table.c:
            uuids[kind.key] = dict(s.execute(select(table.c.id, table.c.uuid).where(where)).all())
            count = len(uuids[kind.key])
        else:
            count = s.scalar(select(func.count()).select_from(table).where(where))
        order = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
        out[kind.key] = Records(count, _rows_of(s, select(table).where(where).order_by(*order), table,
                                                _plan(kind.key), uuids))
    out["attachment"], blobs = _attachments(s, uuids, center_ids)
    return out, blobs


def _rows_of(s, query, table, plan, uuids):
    index = {c.name: i for i, c in enumerate(table.columns)}
    plan = [(name, index[col], conv) for name, col, conv in plan]

    def rows():
        for row in s.execute(query, execution_options={"yield_per": 1000}):
            rec = {}
            for name, col, conv in plan:
                value = row[col]
                if isinstance(conv, str):
                    rec[name] = uuids[conv][value]
                else:
                    rec[name] = value if value is None or conv is None else conv(value)
            yield rec

    return rows


def _attachments(s, uuids, center_ids) -> tuple[Records, dict[str, str]]:
    t = Attachment.__table__
    scope = kinds.attachment_scope(center_ids)
    # the attachment files in the order their first record names them
    blobs = {sha: mime for sha, mime in s.execute(select(t.c.sha256, Blob.mime).join(Blob, Blob.sha256 == t.c.sha256)
                                                  .where(scope).order_by(t.c.id))}
    count = s.scalar(select(func.count()).select_from(t).where(scope))
    q = (select(t, Blob.size, Blob.mime).join(Blob, Blob.sha256 == t.c.sha256).where(scope).order_by(t.c.id))
    fields = schema.FIELDS["attachment"]

    def rows():
        for row in s.execute(q, execution_options={"yield_per": 1000}).mappings():
            extra = {"owner_kind": row["owner_kind"], "owner_uuid": uuids[row["owner_kind"]][row["owner_id"]],
                     "size": row["size"], "mime": row["mime"]}
            yield {f.name: extra[f.name] if f.name in extra else schema.to_json_value(row[f.name], f.type)
                   for f in fields}

    return Records(count, rows), blobs


def records_json_chunks(kind: str, records):
    """The records file in pieces: one record per line (readable in a text editor, diffable)."""
    head = json.dumps({"format": schema.FORMAT_NAME, "format_version": schema.FORMAT_VERSION, "kind": schema.bag_name(kind),
                       "count": len(records)}, ensure_ascii=False)[:-1]
    yield f'{head}, "records": [\n'.encode()
    encode = _ENCODER.encode  # one encoder: json.dumps with options builds a new one per record
    sep, pending, size = "", [], 0
    for r in records:  # joined into ~64 KB pieces: the zip member compresses and hashes each piece once
        text = sep + encode(r)
        pending.append(text)
        size += len(text)
        sep = ",\n"
        if size >= CHUNK:
            yield "".join(pending).encode()
            pending, size = [], 0
    if pending:
        yield "".join(pending).encode()
    yield b"\n]}\n"


CHUNK = 1 << 16
_ENCODER = json.JSONEncoder(ensure_ascii=False)


class _Writer:
    """Writes payload members into the zip, hashing them with SHA-256 and SHA-512 as they go."""

    def __init__(self, zf: zipfile.ZipFile, top: str, when: datetime):
        self.zf, self.top = zf, top
        self.stamp = when.timetuple()[:6]
        self.manifest: dict[str, tuple[str, str]] = {}
        self.octets = 0

    def _info(self, name: str, stored: bool) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(f"{self.top}/{name}", self.stamp)
        info.external_attr = 0o100644 << 16
        info.create_system = 3
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        return info

    def payload(self, name: str, data: bytes, stored: bool = False) -> None:
        self.zf.writestr(self._info(name, stored), data, compresslevel=6)
        self.manifest[name] = (hashlib.sha256(data).hexdigest(), hashlib.sha512(data).hexdigest())
        self.octets += len(data)

    def payload_chunks(self, name: str, chunks) -> None:
        """A deflated member written as it is made (a records file), hashed on the way."""
        info = self._info(name, False)
        # no level set: zlib's default is level 6, the level payload() asks for
        sha256, sha512 = hashlib.sha256(), hashlib.sha512()
        with self.zf.open(info, "w") as member:
            for chunk in chunks:
                member.write(chunk)
                sha256.update(chunk)
                sha512.update(chunk)
                self.octets += len(chunk)
        self.manifest[name] = (sha256.hexdigest(), sha512.hexdigest())

    def tag(self, name: str, data: bytes) -> str:
        self.zf.writestr(self._info(name, False), data)
        return hashlib.sha256(data).hexdigest()


def bag_info_text(info: list[tuple[str, str]]) -> bytes:
    return "".join(f"{k}: {' '.join(str(v).split())}\n" for k, v in info).encode()


@dataclass
class Source:
    """The signing center as the bag describes it (a ``centers.json`` record plus its private key)."""

    record: dict
    private_key: bytes
    role: str = "village"


def export_bag(archive: Archive, out: str | os.PathLike, *, dossier_pdf: bytes, start: date | None = None,
               end: date | None = None, progress=None, now: datetime | None = None,
               cancelled=None) -> ExportResult:
    """Write the archive's bag to ``out`` (through a temporary file and a rename). Returns what was written."""
    if not dossier_pdf.startswith(b"%PDF-"):
        raise ArchiveError("dossier_not_pdf", "检查档案汇编不是 PDF 文件，无法打包。")
    with archive.session() as s:
        role = archive_role(s)
        own = centers.own_center(s)
        if own.private_key is None or own.public_key is None:
            raise ArchiveError("no_key", "本中心没有签名密钥，无法导出档案文件。请联系技术支持。")
        ids = [own.id] if role == "village" else list(s.scalars(select(Center.id).order_by(Center.id)))
        records, blobs = collect(s, ids)
        source = Source(next(c for c in records["center"] if c["uuid"] == own.uuid), own.private_key, role)

        read_blob = _chunked_reader(s, list(blobs))

        result = write_bag(out, source, records, blobs, read_blob, dossier_pdf=dossier_pdf, start=start, end=end,
                           progress=progress, now=now, cancelled=cancelled)
    if not archive.readonly:
        archive.set_meta("last_export_at", result.bagging_timestamp)
    return result


def _chunked_reader(s, digests: list[str], chunk: int = 200):
    """``read_blob(digest)`` for digests asked in list order: one query per 200 blobs, not one per blob."""
    position = {d: i for i, d in enumerate(digests)}
    cache: dict[str, bytes] = {}

    def read_blob(digest: str) -> bytes:
        if digest not in cache:
            cache.clear()
            start = position[digest]
            wanted = digests[start:start + chunk]
            cache.update(s.execute(select(Blob.sha256, Blob.data).where(Blob.sha256.in_(wanted))).all())
        return cache[digest]

    return read_blob


def write_bag(out: str | os.PathLike, source: Source, records: dict[str, list[dict]], blobs: dict[str, str],
              read_blob, *, dossier_pdf: bytes, start: date | None = None, end: date | None = None, progress=None,
              now: datetime | None = None, cancelled=None) -> ExportResult:
    """The bag from records already in exchange form (``collect``); ``read_blob(sha256) -> bytes``."""
    out = Path(out)
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    own = source.record
    public = signing.decode(own["public_key"])
    result = ExportResult(out, own["uuid"], signing.fingerprint(public))
    top = f"{own['code']}-{now:%Y%m%d-%H%M%S}"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ArchiveError("export_unwritable", oserrors.explain(e, "写入文件夹", out.parent)) from e
    try:
        with atomicfile.replacing(out) as tmp, open(tmp, "wb") as fh:
            with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                w = _Writer(zf, top, now)
                total = len(records) + len(blobs) + 1
                done = 0
                for kind in schema.KINDS:
                    recs = records[kind]
                    w.payload_chunks(f"{schema.RECORDS_DIR}/{schema.bag_name(kind)}.json",
                                     records_json_chunks(kind, recs))
                    result.counts[kind] = len(recs)
                    done += 1
                    _tick(progress, cancelled, done, total)
                for digest, mime in blobs.items():
                    w.payload(f"{schema.ATTACHMENTS_DIR}/{digest}", read_blob(digest),
                              stored=mime.startswith(STORED_TYPES))
                    done += 1
                    _tick(progress, cancelled, done, total)
                w.payload(schema.DOSSIER_PATH, dossier_pdf, stored=True)
                info = _bag_info(own, public, source.role, now, start, end, result.counts, len(blobs), w)
                tags = {"bagit.txt": b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
                        "bag-info.txt": bag_info_text(info)}
                for alg, i in (("sha256", 0), ("sha512", 1)):
                    tags[f"manifest-{alg}.txt"] = "".join(
                        f"{h[i]}  {encode_manifest_path(name)}\n" for name, h in sorted(w.manifest.items())).encode()
                tagmanifest = "".join(f"{w.tag(name, data)}  {name}\n" for name, data in tags.items()).encode()
                w.tag("tagmanifest-sha256.txt", tagmanifest)
                sig = signing.sign(source.private_key, tagmanifest)
                w.tag(schema.SIGNATURE_FILE, (signing.encode(sig) + "\n").encode())
                result.files, result.payload_bytes = len(w.manifest), w.octets
    except OSError as e:
        raise ArchiveError("export_failed", oserrors.explain(e, "写入档案文件", out)) from e
    result.bagging_timestamp = now.isoformat()
    return result


class ExportCancelled(ArchiveError):
    def __init__(self):
        super().__init__("export_cancelled", "已取消导出，没有留下文件。")


def _tick(progress, cancelled, done: int, total: int) -> None:
    if cancelled is not None and cancelled():
        raise ExportCancelled()
    if progress is not None:
        progress(done, total)


def _bag_info(own: dict, public: bytes, role: str, now: datetime, start, end, counts, nblobs: int, w: _Writer):
    info = [
        ("Source-Organization", own["name"]),
        ("Organization-Address", own["address"] or own["town"]),
        ("Contact-Name", own["keeper"] or "-"),
        ("External-Identifier", own["uuid"]),
        ("External-Description", "村级文化档案交换包（Village Archive exchange bag）"),
        ("Bagging-Date", now.date().isoformat()),
        ("Bagging-Timestamp", now.isoformat()),
        ("Payload-Oxum", f"{w.octets}.{len(w.manifest)}"),
        ("Bag-Software-Agent", f"Village Archive {APP_VERSION}"),
        ("Exchange-Format", schema.FORMAT_NAME),
        ("Exchange-Format-Version", str(schema.FORMAT_VERSION)),
        ("Schema-Version", head_revision()),
        ("App-Version", APP_VERSION),
        ("Archive-Role", role),
        ("Center-Code", own["code"]),
        ("Center-Town", own["town"]),
        ("Center-Village", own["village"] or "-"),
        ("Period-Start", start.isoformat() if start else "-"),
        ("Period-End", end.isoformat() if end else "-"),
    ]
    info += [(f"Record-Count-{schema.bag_name(kind)}", str(n)) for kind, n in counts.items()]
    info += [
        ("Attachment-Files", str(nblobs)),
        ("Signing-Key-Ed25519", signing.encode(public)),
        ("Signing-Key-Fingerprint", signing.fingerprint(public)),
        ("Signature-File", schema.SIGNATURE_FILE),
    ]
    return info
