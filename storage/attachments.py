"""Attachments: originals kept byte-exact in the archive, content-addressed by SHA-256, deduplicated."""

from __future__ import annotations

import hashlib
import io
import mimetypes
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit, kinds, oserrors, records, rules
from .errors import ValidationError
from .models import Attachment, Blob

MAX_BYTES = 64 * 1024 * 1024
THUMB_SIZE = (240, 240)


def owner_kind(owner) -> kinds.Kind:
    """The kind of a record that may own attachments; a Chinese error for any other record."""
    kind = next((k for k in kinds.owners() if isinstance(owner, k.model)), None)
    if kind is None:
        names = "、".join(k.name for k in kinds.owners())
        raise ValidationError("bad_owner", f"附件只能挂在{names}上。")
    return kind


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_thumbnail(data: bytes) -> bytes | None:
    """A small JPEG for lists and the dossier; None when the file is not an image Pillow can read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            img.thumbnail(THUMB_SIZE)
            out = io.BytesIO()
            img.convert("RGB").save(out, "JPEG", quality=80)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def store_blob(s: Session, data: bytes, filename: str) -> Blob:
    digest = sha256(data)
    blob = s.get(Blob, digest)
    if blob is None:
        mime = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        blob = Blob(sha256=digest, size=len(data), mime=mime, data=data, thumbnail=make_thumbnail(data))
        s.add(blob)
    return blob


def add_attachment(s: Session, actor: str, owner, data: bytes, filename: str, caption: str = "",
                   taken_on=None) -> Attachment:
    kind = owner_kind(owner)
    if hasattr(owner, "deleted_at"):
        records.require_live(owner)
    if not data:
        raise ValidationError("empty_file", f"文件 {filename} 是空的，请换一个文件。", "file")
    if len(data) > MAX_BYTES:
        raise ValidationError("file_too_big", f"文件 {filename} 超过 64 MB，请先压缩图片或拆分文件。", "file")
    filename = rules.text(Path(filename).name, "文件名", "filename", required=True, max_len=255)
    blob = store_blob(s, data, filename)
    att = Attachment(sha256=blob.sha256, filename=filename, created_by=actor,
                     caption=rules.text(caption, "说明", "caption", max_len=300),
                     taken_on=rules.as_date(taken_on, "拍摄日期", "taken_on", required=False),
                     owner_kind=kind.key, owner_id=owner.id)
    s.add(att)
    audit.record(s, actor, "create", att)
    return att


def add_file(s: Session, actor: str, owner, path: Path, caption: str = "", taken_on=None) -> Attachment:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise ValidationError("file_unreadable", oserrors.explain(e, "读取文件", path), "file") from e
    return add_attachment(s, actor, owner, data, Path(path).name, caption, taken_on)


def attachments_of(s: Session, owner, include_deleted: bool = False) -> list[Attachment]:
    q = (select(Attachment).where(Attachment.owner_kind == owner_kind(owner).key, Attachment.owner_id == owner.id)
         .order_by(Attachment.id))
    if not include_deleted:
        q = q.where(Attachment.deleted_at.is_(None))
    return list(s.scalars(q))


def update_caption(s: Session, actor: str, att: Attachment, caption: str, taken_on=None) -> bool:
    records.require_live(att)
    return records.apply_changes(s, actor, att, {
        "caption": rules.text(caption, "说明", "caption", max_len=300),
        "taken_on": rules.as_date(taken_on, "拍摄日期", "taken_on", required=False),
    })


def read_bytes(s: Session, att: Attachment) -> bytes:
    return s.get(Blob, att.sha256).data


def mismatched_blobs(s: Session) -> list[str]:
    """Blobs whose bytes no longer match their hash (bit rot, a hand-edited file)."""
    bad = []
    for digest, data in s.execute(select(Blob.sha256, Blob.data)).yield_per(64):
        if sha256(data) != digest:
            bad.append(digest)
    return bad
