"""Item numbers (档号): {center code}-{year}-{HD|SB}-{0001}. Handed out once, never reused.

The counter row only goes up, and records are never hard-deleted, so a number can neither be
reused nor vanish: a deleted item keeps its number and shows as deleted in the catalogue.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Center, ItemCounter

KINDS = {"activity": "HD", "equipment": "SB"}
PATTERN = re.compile(r"^(?P<code>.+)-(?P<year>\d{4})-(?P<kind>HD|SB)-(?P<seq>\d{4,})$")


def format_number(code: str, year: int, kind: str, seq: int) -> str:
    return f"{code}-{year}-{kind}-{seq:04d}"


def next_item_number(s: Session, center: Center, kind: str, year: int) -> tuple[str, int]:
    counter = s.get(ItemCounter, (center.id, kind, year))
    if counter is None:
        counter = ItemCounter(center_id=center.id, kind=kind, year=year, last_seq=0)
        s.add(counter)
    counter.last_seq += 1
    s.flush()
    return format_number(center.code, year, kind, counter.last_seq), counter.last_seq


def counters(s: Session, center_id: int) -> dict[tuple[str, int], int]:
    rows = s.execute(select(ItemCounter.kind, ItemCounter.year, ItemCounter.last_seq)
                     .where(ItemCounter.center_id == center_id))
    return {(k, y): n for k, y, n in rows}
