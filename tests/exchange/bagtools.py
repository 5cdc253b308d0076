"""Helpers that take a real bag apart and put it together again (re-signed or not), for bad-input tests."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from pypdf import PdfWriter
from sqlalchemy import select

from storage import signing
from storage.models import Center
from tests.archive_state import RECORD_TABLES, table_digest

TABLES = RECORD_TABLES  # the import log (bag_import) is left out: every attempt is logged


def pdf_bytes(pdfa: bool = True) -> bytes:
    """A blank one-page PDF; as PDF/A-2b unless ``pdfa=False`` (what an older exporter wrote)."""
    w = PdfWriter()
    w.add_blank_page(595, 842)
    out = io.BytesIO()
    w.write(out)
    if not pdfa:
        return out.getvalue()
    from reports.pdfa import to_pdfa

    return to_pdfa(out.getvalue(), metadata_date=datetime(2025, 1, 1, tzinfo=timezone.utc))


STAMPS: dict[str, tuple] = {}  # top folder -> the zip timestamp the exporter used


def members(path: Path) -> tuple[str, dict[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        top = names[0].split("/", 1)[0]
        STAMPS[top] = zf.infolist()[0].date_time
        return top, {n.split("/", 1)[1]: zf.read(n) for n in names if not n.endswith("/")}


def write_zip(path: Path, top: str, files: dict[str, bytes]) -> Path:
    """A zip laid out the way the exporter writes one (Unix regular files 0644, one timestamp), so that
    only the change a test makes on purpose is found."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(f"{top}/{name}", STAMPS.get(top, (2026, 1, 1, 0, 0, 0)))
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path


def parse_info(raw: bytes) -> list[list[str]]:
    return [line.split(": ", 1) for line in raw.decode().splitlines() if line]


def rebag(src: Path, dest: Path, *, private_key: bytes | None, payload=None, info=None, records=None) -> Path:
    """Rewrite a bag: ``records(kind, list) -> list`` edits JSON records, ``payload(files)`` edits the data files,
    ``info(list of [label, value])`` edits bag-info. Manifests, counts and Payload-Oxum are recomputed, and the
    tag manifest is signed with ``private_key`` (None keeps the old signature)."""
    top, files = members(src)
    data = {n: b for n, b in files.items() if n.startswith("data/")}
    if records:
        for name in list(data):
            if name.startswith("data/records/"):
                doc = json.loads(data[name])
                new = records(doc["kind"], doc["records"])
                if new is not None:
                    doc["records"] = new
                    doc["count"] = len(new)
                    data[name] = json.dumps(doc, ensure_ascii=False).encode()
    if payload:
        payload(data)
    tags = {"bagit.txt": files["bagit.txt"]}
    lines = parse_info(files["bag-info.txt"])
    for line in lines:
        if line[0] == "Payload-Oxum":
            line[1] = f"{sum(len(b) for b in data.values())}.{len(data)}"
        if line[0].startswith("Record-Count-") and records:
            kind = line[0][len("Record-Count-"):]
            line[1] = str(len(json.loads(data[f"data/records/{kind}.json"])["records"]))
        if line[0] in ("Signing-Key-Ed25519", "Signing-Key-Fingerprint") and private_key is not None:
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
            from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

            pub = Ed25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes(
                Encoding.Raw, PublicFormat.Raw)
            line[1] = signing.encode(pub) if line[0] == "Signing-Key-Ed25519" else signing.fingerprint(pub)
    if info:
        info(lines)
    tags["bag-info.txt"] = "".join(f"{k}: {v}\n" for k, v in lines).encode()
    for alg in ("sha256", "sha512"):
        tags[f"manifest-{alg}.txt"] = "".join(
            f"{getattr(hashlib, alg)(b).hexdigest()}  {n}\n" for n, b in sorted(data.items())).encode()
    tagmanifest = "".join(f"{hashlib.sha256(b).hexdigest()}  {n}\n" for n, b in tags.items()).encode()
    out = {**data, **tags, "tagmanifest-sha256.txt": tagmanifest}
    if private_key is None:
        out["tagmanifest-sha256.txt.sig"] = files["tagmanifest-sha256.txt.sig"]
    else:
        out["tagmanifest-sha256.txt.sig"] = (signing.encode(signing.sign(private_key, tagmanifest)) + "\n").encode()
    return write_zip(dest, top, out)


def own_key(archive) -> bytes:
    with archive.session() as s:
        return s.scalar(select(Center.private_key).where(Center.private_key.is_not(None)))


def state(archive) -> str:
    return table_digest(archive, TABLES)
