"""The one way this app writes a file a user will see: a hidden temp file beside the target, synced,
then renamed into place. A crash or an error never leaves half a file under the real name."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import paths


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


@contextmanager
def replacing(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temp path to write; when the block ends without error it becomes ``target``.

    Raises OSError as the OS reports it; callers turn that into a message for the keeper.
    """
    target = Path(target)
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.part"):  # left by a killed write
        stale.unlink(missing_ok=True)
    tmp = paths.temp_beside(target, f"{os.getpid()}.part")
    try:
        yield tmp
        fsync_file(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(target: str | os.PathLike, data: bytes) -> Path:
    with replacing(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)
