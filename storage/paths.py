"""The one place for paths: default archive, backups, logs, settings, caches (platformdirs)."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import platformdirs

from . import APP_NAME

ENV_ARCHIVE = "VILLAGE_ARCHIVE"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Rebuildable data (e.g. parsed font metrics); anything here may be deleted at any time."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_archive_path() -> Path:
    """``$VILLAGE_ARCHIVE`` if set, else ``archive.db`` in the user data dir."""
    env = os.environ.get(ENV_ARCHIVE)
    if env:
        return Path(env)
    return data_dir() / "archive.db"


def resolve_archive(path: str | os.PathLike | None) -> Path:
    return Path(path) if path else default_archive_path()


def default_backup_dir(archive: Path) -> Path:
    """Backups live beside the archive by default, so a copied folder carries them along."""
    return archive.with_name(archive.name + ".backups")


def temp_beside(target: Path, tag: str = "part") -> Path:
    """A hidden temporary name next to ``target``: written there, then renamed into place."""
    return target.with_name(f".{target.name}.{tag}")


def hide(path: Path) -> None:
    """Dot-names are hidden on Linux; Windows needs the hidden attribute."""
    if os.name == "nt":  # pragma: no cover - exercised on the keepers' Windows PCs
        import ctypes

        ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x02)


def sweep_temp_files(archive: Path, backup_dir: Path) -> list[Path]:
    """Remove what a killed write left behind: half-made backups and restores of this archive.

    Only called while holding the archive's lock, so no other process is writing them.
    """
    found = list(archive.parent.glob(f".{glob.escape(archive.name)}.*.part"))
    if backup_dir.is_dir():
        found += list(backup_dir.glob(f".{glob.escape(archive.stem)}-*.part"))
    for p in found:
        p.unlink(missing_ok=True)
    return found


def sqlite_readonly_uri(path: Path, immutable: bool = False) -> str:
    """A read-only SQLite URI that survives '#', '%', spaces, Chinese and Windows drive letters.

    ``immutable`` is for write-protected places, where SQLite cannot make the -shm file a WAL reader
    needs: it then reads the file as it is, without locks (nobody can be writing it there)."""
    return Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def lock_path(archive: Path) -> Path:
    """Hidden beside the archive, so every process that can open the file sees the same lock.

    It stays after closing (removing it would race with another process taking it); it is empty.
    """
    return archive.with_name("." + archive.name + ".lock")
