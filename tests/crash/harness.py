"""The parent side of the crash suite: start the driver, SIGKILL it at a seeded moment, collect its acks,
then check what a keeper would find: a sound file, every acknowledged write, no partial bag that verifies,
no temporary file left in sight."""

from __future__ import annotations

import hashlib
import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

DRIVER = Path(__file__).with_name("driver.py")
ROOT = DRIVER.parents[2]
TEMP_PATTERNS = ("*.part", "*.tmp", "*.restoring", "*~", "*.partial")
# How long after READY the child may live, per operation (seconds): long enough to be mid-write.
MAX_DELAY = {"edits": 0.35, "sheets": 1.2, "backups": 0.8, "bags": 1.0, "station": 1.0}


@dataclass
class Kill:
    op: str
    delay: float
    before_ready: bool
    acks: list[list[str]] = field(default_factory=list)
    stderr: str = ""


def _reader(stream, q: queue.Queue) -> None:
    for line in stream:
        q.put(line.rstrip("\n"))
    q.put(None)


def run_and_kill(op: str, archive: Path, work: Path, rng, seed: int) -> Kill:
    """One round: spawn the driver, kill it with SIGKILL (sometimes before it is ready), return its acks."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    err_path = work.parent / f"driver-{op}-stderr.txt"
    before_ready = rng.random() < 0.1
    delay = rng.uniform(0, 0.9) if before_ready else rng.uniform(0, MAX_DELAY[op])
    with open(err_path, "w+", encoding="utf-8") as err:
        proc = subprocess.Popen([sys.executable, str(DRIVER), op, "--archive", str(archive), "--work", str(work),
                                 "--seed", str(seed)], stdout=subprocess.PIPE, stderr=err, text=True,
                                encoding="utf-8", env=env, cwd=str(ROOT))
        q: queue.Queue = queue.Queue()
        reader = threading.Thread(target=_reader, args=(proc.stdout, q), daemon=True)
        reader.start()
        lines: list[str] = []
        if before_ready:
            time.sleep(delay)
        else:
            deadline = time.monotonic() + 60
            while True:
                line = q.get(timeout=max(0.1, deadline - time.monotonic()))
                if line is None:
                    break
                lines.append(line)
                if line == "READY":
                    break
            time.sleep(delay)
        alive = proc.poll() is None
        if alive:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        reader.join(timeout=30)
        while True:
            try:
                line = q.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                lines.append(line)
        err.seek(0)
        kill = Kill(op, delay, before_ready, [ln.split(" ")[1:] for ln in lines if ln.startswith("ACK ")],
                    err.read())
    if not alive:
        raise AssertionError(f"the {op} driver ended by itself (exit {proc.returncode}) before the kill:\n{kill.stderr}")
    return kill


# ---- checks ------------------------------------------------------------------------------------------------

def integrity(path: Path) -> None:
    con = sqlite3.connect(str(path))
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
        assert rows == ["ok"], f"integrity_check of {path}: {rows[:5]}"
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        assert not fk, f"foreign_key_check of {path}: {fk[:5]}"
    finally:
        con.close()


def opens_and_numbers_ok(path: Path) -> None:
    """The app opens it (no corruption refusal) and item numbers still run without gaps."""
    from storage import selfcheck
    from storage.engine import open_archive
    from storage.models import Center

    archive = open_archive(path, readonly=True)
    try:
        with archive.session() as s:
            for center in s.query(Center).all():
                gaps = [f.message for f in selfcheck.numbering_findings(s, center)]
                assert not gaps, f"{path}: {gaps}"
    finally:
        archive.close()


def leftovers(*folders: Path) -> tuple[list[Path], list[Path]]:
    """Temporary files in the folders: (visible ones, hidden dot-files)."""
    found: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            for pattern in TEMP_PATTERNS:
                found += folder.glob(pattern)
                found += folder.glob("." + pattern)
    found = sorted(set(found))
    return [p for p in found if not p.name.startswith(".")], [p for p in found if p.name.startswith(".")]


def query(path: Path, sql: str, *params):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def check_edits(path: Path, acks) -> int:
    checked = 0
    for kind, uuid, *_ in acks:
        if kind in ("activity", "update", "delete"):
            rows = query(path, "SELECT title, deleted_at FROM activity WHERE uuid = ?", uuid)
            assert rows, f"acknowledged {kind} of activity {uuid} is missing"
            if kind == "update":
                assert rows[0][0].endswith("（已修改）"), f"acknowledged update of {uuid} lost: {rows[0][0]}"
            if kind == "delete":
                assert rows[0][1] is not None, f"acknowledged delete of {uuid} lost"
        elif kind == "equipment":
            rows = query(path, "SELECT count(*) FROM equipment e JOIN acceptance_stage st ON st.equipment_id = e.id "
                               "WHERE e.uuid = ? AND st.stage = 'town'", uuid)
            assert rows[0][0] == 1, f"acknowledged equipment {uuid} (with its town acceptance) is missing"
        elif kind == "log":
            assert query(path, "SELECT 1 FROM opening_log WHERE uuid = ?", uuid), f"acknowledged log {uuid} missing"
        elif kind == "photo":
            rows = query(path, "SELECT length(b.data) FROM attachment a JOIN blob b ON b.sha256 = a.sha256 "
                               "WHERE a.uuid = ?", uuid)
            assert rows and rows[0][0] == 2048, f"acknowledged attachment {uuid} is missing"
        elif kind == "backup":
            continue
        else:
            raise AssertionError(f"unknown ack {kind}")
        audit = query(path, "SELECT count(*) FROM audit_log WHERE entity_uuid = ?", uuid)[0][0]
        assert audit >= 1, f"acknowledged {kind} {uuid} has no audit entry"
        checked += 1
    return checked


def check_sheets(path: Path, work: Path, acks) -> int:
    for _kind, sha, added, tag, rows in acks:
        assert query(path, "SELECT 1 FROM sheet_import WHERE source_sha256 = ?", sha), f"sheet {tag} import lost"
        have = query(path, "SELECT count(*) FROM activity WHERE title LIKE ?", f"{tag}-%")[0][0]
        assert have == int(added) == int(rows), f"sheet {tag}: {have} rows in the archive, {added} acknowledged"
    for csv in work.glob("*.csv"):  # all or nothing, acknowledged or not
        rows = len(csv.read_text(encoding="utf-8").splitlines()) - 1
        have = query(path, "SELECT count(*) FROM activity WHERE title LIKE ?", f"{csv.stem}-%")[0][0]
        logged = query(path, "SELECT count(*) FROM sheet_import s JOIN audit_log a ON a.entity_uuid = s.uuid "
                             "WHERE s.source_name = ?", csv.name)[0][0]
        assert have in (0, rows), f"{csv.name}: half imported ({have} of {rows} rows)"
        assert (have == rows) == (logged == 1), f"{csv.name}: {have} rows but {logged} audited import records"
    return len(acks)


def check_backups(path: Path, acks) -> int:
    from storage import backup

    check_edits(path, [a for a in acks if a[0] == "activity"])
    folder = path.with_name(path.name + ".backups")
    for b in backup.list_backups(folder):
        assert backup.is_good(b.path), f"a backup in sight is damaged: {b.path}"
    present = backup.list_backups(folder)
    for made in (Path(a[1]) for a in acks if a[0] == "backup"):
        if made.is_file():
            assert backup.is_good(made), f"acknowledged backup {made} is damaged"
            continue
        # gone: only the rotation may remove a backup, and only one it would not keep
        parsed = backup.parse(made)
        assert parsed is not None and made not in backup.keep_set(present + [parsed]), \
            f"acknowledged backup {made} is missing, and the rotation would have kept it"
    return len(acks)


def check_bags(work: Path, acks, verify_all: bool = True) -> tuple[int, int]:
    """Every visible bag verifies; every acknowledged one is there. Returns (verified, partials refused)."""
    from storage.exchange.verify import verify_bag

    acked = {Path(a[1]).name for a in acks if a[0] == "bag"}
    verified = refused_parts = 0
    for bag in sorted(work.glob("*.zip")):
        report = verify_bag(bag)
        assert report.ok, f"a bag in sight does not verify: {bag.name}: {report.first_problem()}"
        verified += 1
    for name in acked:
        assert (work / name).is_file(), f"acknowledged bag {name} is missing"
    for part in sorted(work.glob(".*.part")):
        report = verify_bag(part)
        if report.ok:  # only a complete file can pass: make sure it is one (killed between fsync and rename)
            with zipfile.ZipFile(part) as zf:
                assert zf.testzip() is None
        else:
            refused_parts += 1
    return verified, refused_parts


def bag_facts(bag: Path) -> dict:
    with zipfile.ZipFile(bag) as zf:
        top = zf.namelist()[0].split("/", 1)[0]
        acts = json.loads(zf.read(f"{top}/data/records/activities.json"))
        centers = json.loads(zf.read(f"{top}/data/records/centers.json"))
    return {"sha": hashlib.sha256(bag.read_bytes()).hexdigest(), "activities": acts["count"],
            "center": centers["records"][0]["uuid"]}


def check_station(path: Path, facts: dict[str, dict], acks) -> int:
    for _kind, name, _center in acks:
        sha = facts[name]["sha"]
        assert query(path, "SELECT 1 FROM bag_import WHERE bag_sha256 = ? AND result = 'imported'", sha), \
            f"acknowledged import of {name} is not logged"
    by_sha = {f["sha"]: f for f in facts.values()}
    for center_uuid, center_id in query(path, "SELECT uuid, id FROM center"):
        last = query(path, "SELECT bag_sha256 FROM bag_import WHERE center_uuid = ? AND result = 'imported' "
                           "ORDER BY id DESC LIMIT 1", center_uuid)
        if not last:
            continue
        have = query(path, "SELECT count(*) FROM activity WHERE center_id = ?", center_id)[0][0]
        want = by_sha[last[0][0]]["activities"]
        assert have == want, f"center {center_uuid}: {have} activities, its last imported bag has {want}"
    return len(acks)
