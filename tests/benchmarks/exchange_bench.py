"""Exchange benchmarks (not tests): run ``python tests/benchmarks/exchange_bench.py [--villages 315]``.

1. Export of a one-year village bag (the demo village, 2017 only, real dossier PDF) against ``zip -r`` of
   the same unzipped bag. Goal: at most 2x.
2. A station importing N generated one-year bags (Kaiping: 315 villages), each with its own key, about
   40 activities, 300 opening-log days, 5 equipment items with acceptance and 4 photos, plus the dossier.
   Goal: at most 60 s in all (verification of every bag included, plus the pre-import backup).
Bags for (2) are generated directly in exchange form and written with the exporter's own ``write_bag``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from datetime import date, datetime, timedelta, timezone
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from storage import centers, demo, signing  # noqa: E402
from storage.attachments import sha256  # noqa: E402
from storage.engine import open_archive  # noqa: E402
from storage.exchange.export import Source, export_bag, write_bag  # noqa: E402
from storage.exchange.importer import import_bags  # noqa: E402
from storage.exchange.overview import overview  # noqa: E402

YEAR = 2017


def one_year_village(folder: Path) -> Path:
    path = folder / "village-2017.db"
    a = open_archive(path, create=True, actor="李秀英")
    demo.build(a, seed=2017, today=date(YEAR + 1, 1, 1))
    a.close()
    return path


def dossier_of(path: Path) -> bytes:
    from reports.dossier import render_dossier

    a = open_archive(path, readonly=True)
    try:
        return render_dossier(a, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
    finally:
        a.close()


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def bench_export(folder: Path, village: Path, pdf: bytes, runs: int = 9) -> dict[str, float]:
    """Interleaved runs (the machine is shared): our export, ``zip -r``, and ``zip -r`` + fsync of its output
    (our export fsyncs before the rename, so that is the like-for-like durable figure). Medians in seconds."""
    a = open_archive(village, daily_backup=False)
    try:
        export_bag(a, folder / "export-0.zip", dossier_pdf=pdf, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
        unzipped = folder / "unzipped"
        with zipfile.ZipFile(folder / "export-0.zip") as zf:
            zf.extractall(unzipped)
        top = next(unzipped.iterdir())
        times = {"ours": [], "zip": [], "zip_fsync": []}
        for i in range(runs):
            t = time.perf_counter()
            export_bag(a, folder / f"export-{i}.zip", dossier_pdf=pdf, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
            times["ours"].append(time.perf_counter() - t)
            for key in ("zip", "zip_fsync"):
                out = folder / f"{key}-{i}.zip"
                t = time.perf_counter()
                subprocess.run(["zip", "-r", "-q", str(out), top.name], cwd=unzipped, check=True)
                if key == "zip_fsync":
                    _fsync(out)
                times[key].append(time.perf_counter() - t)
    finally:
        a.close()
    size = sum(p.stat().st_size for p in top.rglob("*") if p.is_file())
    print(f"[export] one-year bag: {size / 1024:.0f} KB in {sum(1 for p in top.rglob('*') if p.is_file())} files; "
          f"median of {runs} interleaved runs")
    return {k: statistics.median(v) for k, v in times.items()}


def _stamp(d: date) -> str:
    return datetime.combine(d, dtime(10, 0), tzinfo=timezone.utc).isoformat()


def village_bag(i: int, rng: random.Random, photos: list[bytes], pdf: bytes, out: Path) -> None:
    private, public = signing.new_keypair()
    cu = str(uuid.uuid4())
    code = f"KP{i:03d}"
    town = f"第{i // 21 + 1:02d}镇"
    tracked = lambda d: {"uuid": str(uuid.uuid4()), "created_at": _stamp(d), "updated_at": _stamp(d),  # noqa: E731
                         "created_by": "管理员"}
    live = {"deleted_at": None, "deleted_by": None, "delete_reason": None}
    jan = date(YEAR, 1, 2)
    center = {**tracked(jan), "uuid": cu, "code": code, "name": f"{town}第{i}村综合性文化服务中心", "town": town,
              "village": f"第{i}村", "address": "", "keeper": "管理员", "phone": "", "is_demonstration": i % 15 == 0,
              "weekly_standard_hours": 42.0, "public_key": signing.encode(public), "plan_status": "built",
              "target_quarter": None}
    facilities = [{**tracked(jan), **live, "center_uuid": cu, "name": n, "kind": "", "area_m2": 80.0}
                  for n in ("农家书屋", "文化活动室")]
    slots = [{**tracked(jan), **live, "facility_uuid": f["uuid"], "weekday": wd, "start_time": "09:00:00",
              "end_time": "17:00:00", "effective_from": jan.isoformat(), "effective_to": None}
             for f in facilities for wd in range(1, 7)]
    acts = []
    for seq in range(1, 41):
        d = date(YEAR, 1, 1) + timedelta(days=rng.randint(0, 364))
        acts.append({**tracked(d), **live, "center_uuid": cu, "item_number": f"{code}-{YEAR}-HD-{seq:04d}",
                     "year": YEAR, "seq": seq, "start_date": d.isoformat(), "end_date": None, "start_time": "09:30:00",
                     "end_time": "11:00:00", "title": "广场舞培训班", "category": "体育健身", "festival": None,
                     "location": "文体广场", "organizer": "村委会", "participants": rng.randint(20, 200),
                     "summary": "村民踊跃参加。"})
    acts[7].update(deleted_at=_stamp(date(YEAR, 12, 1)), deleted_by="管理员", delete_reason="重复录入")
    equipment, changes, stages = [], [], []
    for seq in range(1, 6):
        d = date(YEAR, 3, seq)
        e = {**tracked(d), **live, "center_uuid": cu, "item_number": f"{code}-{YEAR}-SB-{seq:04d}", "year": YEAR,
             "seq": seq, "name": "投影仪", "category": "音视频设备", "model_spec": "", "quantity": 1,
             "unit_price_fen": 650000, "funding_source": "专项资金", "purchase_date": d.isoformat(), "supplier": "",
             "location": "", "custodian": "", "status": "在用"}
        equipment.append(e)
        changes.append({**tracked(d), "equipment_uuid": e["uuid"], "status": "在用", "changed_on": d.isoformat(),
                        "note": "购置入账"})
        stages.append({**tracked(d), "equipment_uuid": e["uuid"], "stage": "town",
                       "accepted_on": (d + timedelta(days=20)).isoformat(), "people": "镇分管领导", "result": "通过",
                       "report_number": "", "remarks": ""})
    closures = [{**tracked(date(YEAR, m, 1)), **live, "center_uuid": cu, "kind": "closure",
                 "start_date": date(YEAR, m, 12).isoformat(), "end_date": date(YEAR, m, 13).isoformat(),
                 "start_time": None, "end_time": None, "reason": "线路检修", "notice_date": date(YEAR, m, 1).isoformat()}
                for m in (2, 8, 11)]
    logs = []
    d = date(YEAR, 1, 1)
    while d.year == YEAR:
        if d.weekday():
            logs.append({**tracked(d), **live, "center_uuid": cu, "log_date": d.isoformat(), "opened_at": "09:00:00",
                         "closed_at": "17:00:00", "visitors": rng.randint(5, 90), "on_duty": "管理员", "notes": ""})
        d += timedelta(days=1)
    blobs, data, atts = {}, {}, []
    for k, base in enumerate(photos):
        raw = base + cu.encode() + bytes([k])  # unique per village, still a readable JPEG
        digest = sha256(raw)
        blobs[digest], data[digest] = "image/jpeg", raw
        atts.append({**tracked(jan), **live, "sha256": digest, "filename": f"photo{k}.jpg", "caption": "活动照片",
                     "taken_on": acts[k]["start_date"], "owner_kind": "activity", "owner_uuid": acts[k]["uuid"],
                     "size": len(raw), "mime": "image/jpeg"})
    records = {"center": [center], "facility": facilities,
               "item_counter": [{"center_uuid": cu, "kind": "HD", "year": YEAR, "last_seq": 40},
                                 {"center_uuid": cu, "kind": "SB", "year": YEAR, "last_seq": 5}],
               "activity": acts, "equipment": equipment, "equipment_status_change": changes,
               "acceptance_stage": stages, "schedule_slot": slots, "closure": closures, "opening_log": logs,
               "attachment": atts}
    write_bag(out, Source(center, private), records, blobs, data.__getitem__, dossier_pdf=pdf,
              start=date(YEAR, 1, 1), end=date(YEAR, 12, 31), now=datetime(YEAR + 1, 1, 5, tzinfo=timezone.utc))


def bench_import(folder: Path, n: int, pdf: bytes) -> float:
    rng = random.Random(315)
    photos = [demo.photo_bytes(rng, f"photo {k}") for k in range(4)]
    bags = folder / "bags"
    bags.mkdir()
    t = time.perf_counter()
    files = []
    for i in range(1, n + 1):
        out = bags / f"village-{i:03d}.zip"
        village_bag(i, rng, photos, pdf, out)
        files.append(out)
    gen = time.perf_counter() - t
    total = sum(f.stat().st_size for f in files)
    print(f"[import] generated {n} bags in {gen:.1f} s ({total / n / 1024:.0f} KB each)")
    station = open_archive(folder / "station.db", create=True, actor="镇文体服务中心")
    with station.session() as s:
        centers.create_center(s, station.actor, own=True, station=True, name="开平市文广新局", town="开平市", code="KP")
        centers.set_role(s, "city")
    try:
        t = time.perf_counter()
        results = import_bags(station, files)
        took = time.perf_counter() - t
        bad = [r for r in results if r.result != "imported"]
        assert not bad, bad[:3]
        t = time.perf_counter()
        ov = overview(station, YEAR, today=date(YEAR, 12, 31))
        print(f"[import] station overview of {len(ov.rows)} centers (self-check included): "
              f"{time.perf_counter() - t:.1f} s")
    finally:
        station.close()
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--villages", type=int, default=315)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="exchange-bench-"))
    os.environ.setdefault("XDG_DATA_HOME", str(folder / "xdg"))
    try:
        village = one_year_village(folder)
        pdf = dossier_of(village)
        print(f"dossier of the one-year village: {len(pdf) / 1024:.0f} KB")
        m = bench_export(folder, village, pdf)
        ours = m["ours"]
        for key, label in (("zip", "zip -r"), ("zip_fsync", "zip -r + fsync")):
            ratio = ours / m[key]
            print(f"[export] export_bag {ours * 1000:.0f} ms vs {label} {m[key] * 1000:.0f} ms: ratio {ratio:.2f}x "
                  f"(goal <= 2x) {'OK' if ratio <= 2 else 'OVER'}")
        took = bench_import(folder, args.villages, pdf)
        print(f"[import] {args.villages} bags imported in {took:.1f} s ({took / args.villages * 1000:.0f} ms per bag; "
              f"goal <= 60 s) {'OK' if took <= 60 else 'OVER'}")
    finally:
        if args.keep:
            print(folder)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
