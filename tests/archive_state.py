"""A digest of an archive's tables, for tests that prove a refusal changed nothing."""

from __future__ import annotations

import hashlib

RECORD_TABLES = ("center", "facility", "item_counter", "activity", "equipment", "equipment_status_change",
                 "acceptance_stage", "schedule_slot", "closure", "opening_log", "attachment", "blob", "audit_log")


def table_digest(archive, tables=RECORD_TABLES) -> str:
    """Equal before and after = nothing in these tables changed."""
    h = hashlib.sha256()
    with archive.engine.connect() as conn:
        for table in tables:
            for row in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1"):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()
