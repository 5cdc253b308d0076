"""The dossier's fingerprint and self-check, read by a second process while the first lays out the PDF (no Qt).

A year's dossier reads the archive twice over beside its registers: the archive fingerprint (a canonical dump
of every record of the period, ~0.3 s on the ``generate --size M`` year) and the self-check (~0.35 s). Neither
needs ReportLab; the PDF needs the fingerprint only for its cover and footers and the self-check only for its
own section, both built last. When a second core is free they are read by a helper process that opens the same
archive read-only while this process imports ReportLab, reads the registers and builds the story.

The helper uses ``multiprocessing``'s ``spawn`` start method on every system (Windows has no other, and it is
safe beside the GUI's threads): a fresh interpreter that imports SQLAlchemy and the models (~0.4 s on this
kind of machine with byte-code compiled, on the other core) and re-imports the main script under a
``__main__`` guard, as multiprocessing requires (``main.py`` has one and calls ``freeze_support`` when frozen).
The figures are the same functions' results on the same file, so the PDF is byte-identical whichever way
they were read (the tests render both ways). Should the helper fail to start or to read, they are read in
this process instead; a helper left behind (a cancel, an error) is stopped.

``start(path, center_uuid, start, end, selfcheck, parallel=None) -> SideReads``
    ``parallel``: True/False forces a way; None = a helper when a second core is free (``idle_core``). Callers that
    know early which archive and period they will print (the ``report`` command, before importing ReportLab)
    start it then and hand it to ``render_dossier(..., side_reads=...)``.
``for_archive(archive, center_uuid, start, end, selfcheck, parallel=None) -> SideReads``
    The same for an open archive; with ``parallel=None`` a helper only when the period holds at least
    ``MIN_RECORDS`` records (for a small one, starting the helper costs more than it saves).
``SideReads.matches(path, center_uuid, start, end, selfcheck)``; ``SideReads.result(archive)`` ->
    ``(fingerprint, CheckReport | None)``, the helper's (waiting for it) or read with ``archive``; read once.
    ``SideReads.close()`` stops a helper still running.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

MIN_RECORDS = 1500


def read(archive, center_uuid: str | None, start: date, end: date, selfcheck: bool):
    """(fingerprint, CheckReport | None) of the period, read from an open archive."""
    from storage import period_reads
    from storage import selfcheck as checks
    from storage.fingerprint import period_fingerprint

    with archive.session() as s:
        center = period_reads.center(s, center_uuid)
        uuid = center.uuid
        fingerprint = period_fingerprint(s, center, start, end)
    report = checks.run(archive, center_uuid=uuid, start=start, end=end) if selfcheck else None
    return fingerprint, report


def _helper(conn, path: str, center_uuid, start: date, end: date, selfcheck: bool) -> None:
    """What the helper process runs: read, send the result (or nothing on any error), exit."""
    try:
        from storage.engine import open_archive

        archive = open_archive(path, readonly=True)
        try:
            got = read(archive, center_uuid, start, end, selfcheck)
        finally:
            archive.close()
        conn.send(got)
    except BaseException:  # noqa: BLE001 - the parent reads for itself when nothing comes
        pass
    finally:
        conn.close()


class SideReads:
    def __init__(self, key: tuple, process=None, conn=None):
        self.key = key
        self._process, self._conn = process, conn
        self.in_helper = process is not None  # a helper was started (it may still fail: then read here)
        self._result = None

    def matches(self, path, center_uuid, start: date, end: date, selfcheck: bool) -> bool:
        return self.key == _key(path, center_uuid, start, end, selfcheck)

    def result(self, archive):
        if self._result is None:
            got = None
            if self._conn is not None:
                conn, self._conn = self._conn, None
                try:
                    got = conn.recv()
                except (EOFError, OSError):  # the helper failed: read here
                    got = None
                finally:
                    conn.close()
            _path, center_uuid, start, end, selfcheck = self.key
            self._result = got or read(archive, center_uuid, start, end, selfcheck)
        return self._result

    def close(self) -> None:
        """Let the helper go: by now it has usually exited; one still reading is stopped."""
        process, conn, self._process, self._conn = self._process, self._conn, None, None
        if conn is not None:
            conn.close()
        if process is not None:
            process.join(timeout=0.2 if self._result is not None else 0)
            if process.is_alive():
                process.terminate()
                process.join()


ENV = "VILLAGE_ARCHIVE_HELPER"  # "0": never a helper, "1": always (benchmarks, troubleshooting); unset: auto


def idle_core() -> bool:
    """Is a second core free for the helper? Two cores or more, and either no other task runnable right now
    (Linux: /proc/loadavg) or a load average (Unix; Windows has none: assumed free) of at most one core's
    worth. On a machine already busy the helper only adds its own imports (~0.5 s of CPU) to the queue:
    measured slower there, so the reads stay in this process. The load average alone lags a minute: just
    after other work has finished it still says busy, and the dossier was printed on one core for nothing.
    ``$VILLAGE_ARCHIVE_HELPER`` = 0 / 1 overrides the guess."""
    forced = os.environ.get(ENV, "").strip()
    if forced in ("0", "1"):
        return forced == "1"
    cores = os.cpu_count() or 1
    if cores < 2:
        return False
    others = runnable_others()
    if others is not None and others <= cores - 2:
        return True
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return True
    return load <= cores - 1


def runnable_others() -> int | None:
    """Tasks runnable at this moment besides this one (Linux), else None."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            running = int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None
    return max(running - 1, 0)  # the count includes the task reading it


def _key(path, center_uuid, start: date, end: date, selfcheck: bool) -> tuple:
    return (str(Path(path).resolve()) if path else None, center_uuid or None, start, end, bool(selfcheck))


def start(path, center_uuid, start: date, end: date, selfcheck: bool, parallel: bool | None = None) -> SideReads:
    key = _key(path, center_uuid, start, end, selfcheck)
    if parallel is None:
        parallel = idle_core()
    if not parallel or not path:
        return SideReads(key)
    try:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        recv, send = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_helper, args=(send, key[0], center_uuid, start, end, bool(selfcheck)),
                              daemon=True, name="va-dossier-side-reads")
        process.start()
        send.close()
    except Exception:  # noqa: BLE001 - no helper here (e.g. no process may be started): read in this one
        return SideReads(key)
    return SideReads(key, process, recv)


def for_archive(archive, center_uuid, start_day: date, end_day: date, selfcheck: bool,
                parallel: bool | None = None) -> SideReads:
    path = getattr(archive, "path", None)
    if parallel is None:
        parallel = bool(path) and idle_core() and _records(archive, center_uuid, start_day, end_day) >= MIN_RECORDS
    return start(path, center_uuid, start_day, end_day, selfcheck, parallel)


def _records(archive, center_uuid, start_day: date, end_day: date) -> int:
    from storage import period_reads

    with archive.session() as s:
        return period_reads.record_count(s, period_reads.center(s, center_uuid), start_day, end_day)
