"""The archive fingerprint (档案指纹) of one center over one period: a SHA-256 an inspector can compare.

``period_fingerprint(s, center, start, end) -> str`` (64 hex digits) hashes a canonical dump of
everything a dossier of that period shows (per kind, as ``storage.kinds`` ``Kind.in_fingerprint`` says):

- the center's profile (not its keys) and all its facilities and schedule slots;
- activities whose start date lies in the period, deleted ones included (with the deletion reason);
- equipment bought up to the period's end, deleted ones included, with acceptance stages and status history;
- closures / extra openings starting in the period and the opening log of the period (deleted included);
- every attachment of those records: its SHA-256, file name, caption and date.

Each record is one line of JSON (sorted keys, dates in ISO form) keyed by table and UUID; lines are
sorted, so the hash does not depend on row order or on local integer keys. Timestamps of creation and
last change are left out: the fingerprint changes when the content changes, not when it is merely
re-saved. The same archive content gives the same fingerprint on every machine (a station's copy of
a village's records included).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import kinds
from .models import Attachment, Center

SKIP = {"id", "created_at", "updated_at", "deleted_at", "private_key", "public_key"}


def _value(v):
    if isinstance(v, (date, datetime, time)):
        return v.isoformat()
    if isinstance(v, bytes):
        return hashlib.sha256(v).hexdigest()
    return v


def _dump(model, rows, owners: dict[str, dict[int, str]] | None = None) -> list[str]:
    """One JSON line per row (a mapping of column values); integer foreign keys become the owner's UUID.
    An attachment's owner becomes ``<owner kind>_uuid`` (``owners`` keyed by kind)."""
    attached = model is Attachment
    cols = [c.name for c in model.__table__.columns if c.name not in SKIP
            and not (attached and c.name in ("owner_kind", "owner_id"))]
    fks = [c for c in cols if c.endswith("_id")]
    plain = [c for c in cols if not c.endswith("_id")]
    soft = "deleted_at" in model.__table__.columns
    out = []
    for row in rows:
        rec = {name: _value(row[name]) for name in plain}
        for name in fks:
            v = row[name]
            if v is not None and owners and name in owners:
                rec[name[:-3] + "_uuid"] = owners[name].get(v)
        if attached:
            rec[row["owner_kind"] + "_uuid"] = owners[row["owner_kind"]].get(row["owner_id"])
        if soft:
            rec["deleted"] = row["deleted_at"] is not None
        out.append(f"{model.__tablename__}\t{row['uuid']}\t"
                   + json.dumps(rec, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    return out


def _rows(s: Session, model, *conds) -> list:
    return list(s.execute(select(model.__table__).where(*conds)).mappings())


def _in_chunks(s: Session, model, column, keys, *conds) -> list:
    keys = list(keys)
    out = []
    for i in range(0, len(keys), 500):  # stay under SQLite's bound-parameter limit
        out += _rows(s, model, column.in_(keys[i:i + 500]), *conds)
    return out


def _select(s: Session, kind: kinds.Kind, center: Center, start: date, end: date, uuids) -> list:
    """The rows of ``kind`` a dossier of this center and period covers (see ``Kind.in_fingerprint``)."""
    model = kind.model
    if kind.key == "center":
        return _rows(s, model, model.id == center.id)
    if model is Attachment:
        return [row for owner in kinds.owners()
                for row in _in_chunks(s, model, model.owner_id, uuids.get(owner.key, {}), model.owner_kind == owner.key)]
    col, ref = kind.parent
    if ref != "center":
        return _in_chunks(s, model, getattr(model, col), uuids.get(ref, {}))
    conds = [getattr(model, col) == center.id]
    if kind.in_fingerprint in ("in", "to_end"):
        dated = getattr(model, kind.dated_by)
        conds += [dated >= start, dated <= end] if kind.in_fingerprint == "in" else [dated <= end]
    return _rows(s, model, *conds)


def canonical_lines(s: Session, center: Center, start: date, end: date) -> list[str]:
    lines: list[str] = []
    uuids: dict[str, dict[int, str]] = {}
    for kind in kinds.KINDS.values():  # parents first: their UUIDs are known when children are dumped
        if kind.in_fingerprint is None:
            continue
        rows = _select(s, kind, center, start, end, uuids)
        owners = uuids if kind.model is Attachment else {col: uuids.get(ref, {}) for col, ref in kind.refs.items()}
        lines += _dump(kind.model, rows, owners)
        uuids[kind.key] = {r["id"]: r["uuid"] for r in rows}
    return sorted(lines)


def period_fingerprint(s: Session, center: Center, start: date, end: date) -> str:
    digest = hashlib.sha256()
    digest.update(f"village-archive-fingerprint/1\t{start.isoformat()}\t{end.isoformat()}\n".encode())
    for line in canonical_lines(s, center, start, end):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
