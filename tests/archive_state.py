"""A digest of an archive's tables, for tests that prove a refusal changed nothing."""

from __future__ import annotations

import hashlib

from storage import kinds

# Every record kind's table (from the registry, so a new kind is covered), the attachment bytes and the trail.
RECORD_TABLES = (*(k.model.__tablename__ for k in kinds.KINDS.values()), "blob", "audit_log")


def table_digest(archive, tables=RECORD_TABLES) -> str:
    """Equal before and after = nothing in these tables changed."""
    h = hashlib.sha256()
    with archive.engine.connect() as conn:
        for table in tables:
            for row in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1"):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def new_village(path):
    """A fresh village archive with one center (code TEST), open for writing (the ``archive`` fixture's)."""
    from storage import centers
    from storage.engine import open_archive

    a = open_archive(path, create=True, actor="测试员")
    with a.session() as s:
        centers.create_center(s, a.actor, own=True, name="城东村综合性文化服务中心", town="苍城镇", village="城东村",
                              code="TEST", keeper="李秀英")
        centers.set_role(s, "village")
    return a
