"""The one place for user settings: a small JSON file in the user config dir, written atomically.

The weekly opening standard is not here: it belongs to the center and travels with its archive.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from . import atomicfile, paths

MAX_BYTES = 64 * 1024  # a settings file is a few hundred bytes; anything bigger is not ours
MAX_VALUE = 4096  # a path or a name; no control characters (a NUL in a path fails every OS call)


@dataclass
class Settings:
    language: str = "zh_CN"  # or "en"
    text_size: str = "normal"  # or "large", for older eyes
    keeper_name: str = ""  # the "who" in the audit trail
    backup_dir: str = ""  # empty: beside the archive
    last_archive: str = ""
    last_page: str = ""
    indicator_profile: str = ""  # storage.indicators.PROFILES key for the 达标对照表; empty = the default

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or settings_path()
        try:
            with open(path, "rb") as f:
                data = f.read(MAX_BYTES + 1)
            raw = json.loads(data) if len(data) <= MAX_BYTES else None
        except (OSError, ValueError, RecursionError):
            raw = None  # a missing or damaged settings file never stops the app
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known and isinstance(v, str) and len(v) <= MAX_VALUE
                      and v.isprintable()})

    def save(self, path: Path | None = None) -> None:
        path = path or settings_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomicfile.write_bytes(path, json.dumps(asdict(self), ensure_ascii=False, indent=2).encode("utf-8"))


def settings_path() -> Path:
    override = os.environ.get("VILLAGE_ARCHIVE_CONFIG")
    return Path(override) / "settings.json" if override else paths.config_dir() / "settings.json"
