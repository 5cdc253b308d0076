"""Item numbers (档号): {center code}-{year}-{code}-{0001}, the code (HD, SB) of a numbered kind in
``storage.kinds``. Handed out once, never reused.

The counter row only goes up, and records are never hard-deleted, so a number can neither be
reused nor vanish: a deleted item keeps its number and shows as deleted in the catalogue.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import kinds
from .models import Center, ItemCounter


def format_number(code: str, year: int, kind: str, seq: int) -> str:
    return f"{code}-{year}-{kind}-{seq:04d}"


def next_item_number(s: Session, center: Center, kind: str, year: int) -> tuple[str, int]:
    """The next number of a numbered kind (its key, e.g. "activity") for this center and year."""
    code = kinds.KINDS[kind].number_code
    counter = s.get(ItemCounter, (center.id, code, year))
    if counter is None:
        counter = ItemCounter(center_id=center.id, kind=code, year=year, last_seq=0)
        s.add(counter)
    counter.last_seq += 1
    s.flush()
    return format_number(center.code, year, code, counter.last_seq), counter.last_seq


def counters(s: Session, center_id: int) -> dict[tuple[str, int], int]:
    rows = s.execute(select(ItemCounter.kind, ItemCounter.year, ItemCounter.last_seq)
                     .where(ItemCounter.center_id == center_id))
    return {(k, y): n for k, y, n in rows}
