"""The catalogue (卷内目录) of a period: every numbered item of every numbered kind in ``storage.kinds``.

``entries(s, center_id, start, end) -> list[Entry]``: the items dated in [start, end] (by their kind's
``dated_by``), deleted ones too (they keep their numbers and show as deleted, with the reason), sorted by
the number's year, the kind's order in the registry, then the number. ``pages`` is the record sheet plus its
live attachments. ``responsible`` is None where the center itself is responsible (the caller prints the
center's name as of the period).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import kinds
from .models import Attachment


@dataclass(frozen=True)
class Entry:
    kind: str
    item_number: str
    responsible: str | None
    title: str
    day: date
    pages: int
    deleted: bool
    reason: str


def _describe(row) -> tuple[str | None, str]:
    return None, str(row.get("title") or row.get("name") or "")


def entries(s: Session, center_id: int, start: date, end: date) -> list[Entry]:
    out: list[tuple[tuple, Entry]] = []
    for order, kind in enumerate(kinds.numbered()):
        table = kind.model.__table__
        dated = table.c[kind.dated_by]
        conds = (table.c.center_id == center_id, dated >= start, dated <= end)
        pages: dict[int, int] = {}
        if kind.owns_attachments:
            q = (select(Attachment.owner_id, func.count()).where(
                Attachment.owner_kind == kind.key, Attachment.deleted_at.is_(None),
                Attachment.owner_id.in_(select(table.c.id).where(*conds))).group_by(Attachment.owner_id))
            pages = dict(s.execute(q).all())
        describe = kind.describe or _describe
        for row in s.execute(select(table).where(*conds)).mappings():
            responsible, title = describe(row)
            entry = Entry(kind.key, row["item_number"], responsible, title, row[kind.dated_by],
                          1 + pages.get(row["id"], 0), row["deleted_at"] is not None, row["delete_reason"] or "")
            out.append(((row["year"], order, len(entry.item_number), entry.item_number), entry))
    out.sort(key=lambda pair: pair[0])
    return [entry for _, entry in out]
