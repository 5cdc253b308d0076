"""Who writes: the one answer to "which name goes into the audit trail".

The keeper named in the center's profile (the person answerable for the archive) is the "who" of every
change made from the app or the CLI. An explicit ``--actor`` wins; the computer's user name is the last
resort, used only while no keeper name is known anywhere."""

from __future__ import annotations

import getpass

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from .models import ArchiveMeta, Center


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some Windows setups
        return "keeper"


def keeper_name(s: Session) -> str:
    """The own center's keeper, or "" (no center yet, or a file from before the schema had one)."""
    try:
        uuid = s.scalar(select(ArchiveMeta.value).where(ArchiveMeta.key == "own_center_uuid"))
        if not uuid:
            return ""
        return (s.scalar(select(Center.keeper).where(Center.uuid == uuid)) or "").strip()
    except SQLAlchemyError:
        return ""


def remembered_name() -> str:
    """A keeper name kept in the user's settings by earlier versions (before it lived in the profile)."""
    from .settings import Settings

    return Settings.load().keeper_name.strip()


def resolve_actor(s: Session | None, explicit: str | None = None) -> str:
    """The name for audit rows: ``explicit``, else the center's keeper, else a remembered name, else the
    computer's user name."""
    if explicit and explicit.strip():
        return explicit.strip()
    return (keeper_name(s) if s is not None else "") or remembered_name() or os_user()
