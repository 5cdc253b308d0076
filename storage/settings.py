"""The one place for user settings: a small JSON file in the user config dir, written atomically.

The weekly opening standard is not here: it belongs to the center and travels with its archive.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from . import atomicfile, paths


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
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()  # a missing or damaged settings file never stops the app
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known and isinstance(v, str)})

    def save(self, path: Path | None = None) -> None:
        path = path or settings_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomicfile.write_bytes(path, json.dumps(asdict(self), ensure_ascii=False, indent=2).encode("utf-8"))


def settings_path() -> Path:
    override = os.environ.get("VILLAGE_ARCHIVE_CONFIG")
    return Path(override) / "settings.json" if override else paths.config_dir() / "settings.json"
