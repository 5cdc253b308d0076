"""Schema versions: reading them is plain SQL; Alembic is imported only when an upgrade is due (and
SQLAlchemy only when a revision is read through it: storage.glance compares ``SCHEMA_HEAD`` without it).

(Importing Alembic costs about a tenth of a second, a large share of the app's start-up on an old PC.)
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

MIGRATIONS = Path(str(files("storage.migrations")))  # package data: a checkout, a wheel, the frozen build
# The newest revision in migrations/versions; tests/storage/test_engine.py checks Alembic agrees.
SCHEMA_HEAD = "0008"


def alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def alembic_head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def head_revision() -> str:
    return SCHEMA_HEAD


def revision_of(conn) -> str | None:
    """The schema revision stamped in a database, or None for a database Alembic never touched."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError):
        return None


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return revision_of(conn)


def is_known(revision: str | None) -> bool:
    """Whether this version of the software has a migration script for ``revision``."""
    if revision is None:
        return False
    if revision == SCHEMA_HEAD:
        return True
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - Alembic raises several kinds for unknown revisions
        return False


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
