"""The child of the crash suite: performs one kind of operation in a loop until it is killed.

    python tests/crash/driver.py OP --archive PATH --work DIR --seed N

After each operation has been committed (or its file renamed into place) it prints an ack line and
flushes stdout, so the parent knows exactly which writes were promised before the SIGKILL:

    READY
    ACK activity <uuid>            a new activity (title in the next field)
    ACK update <uuid>              the activity's title now ends with "（已修改）"
    ACK delete <uuid>              the activity is soft-deleted
    ACK equipment <uuid>           a new equipment item with its town acceptance
    ACK log <uuid>                 a new opening-log day
    ACK photo <uuid>               a new attachment
    ACK sheet <sha256> <added>     a sheet import committed (SheetImport row, rows added)
    ACK backup <path>              a manual backup written
    ACK bag <path>                 an exported bag renamed into place
    ACK import <sha256> <center>   a station import committed
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from storage import activities, attachments, centers, equipment, opening, records  # noqa: E402
from storage.engine import open_archive  # noqa: E402

TITLE_MARK = "（已修改）"


def ack(*parts) -> None:
    sys.stdout.write("ACK " + " ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def edits(args, rng: random.Random) -> None:
    a = open_archive(args.archive, actor="崩溃测试", daily_backup=False)
    base = date.today() - timedelta(days=3000)
    print("READY", flush=True)
    mine: list[str] = []
    while True:
        step = rng.random()
        with a.session() as s:
            center = centers.own_center(s)
            if step < 0.45 or not mine:
                act = activities.create_activity(
                    s, a.actor, center, start_date=base + timedelta(days=rng.randint(0, 2900)),
                    title=f"崩溃测试活动{rng.randint(0, 10**9)}", category="文化娱乐", participants=rng.randint(1, 99))
                s.flush()
                done = ("activity", act.uuid)
            elif step < 0.6:
                uuid = mine.pop(rng.randrange(len(mine)))
                act = records.get(s, activities.Activity, uuid)
                activities.update_activity(s, a.actor, act, title=act.title + TITLE_MARK)
                done = ("update", uuid)
            elif step < 0.7:
                uuid = mine.pop(rng.randrange(len(mine)))
                records.delete(s, a.actor, records.get(s, activities.Activity, uuid), "崩溃测试删除")
                done = ("delete", uuid)
            elif step < 0.8:
                bought = base + timedelta(days=rng.randint(0, 2800))
                item = equipment.create_equipment(s, a.actor, center, name="崩溃测试设备", unit_price="12.50",
                                                  purchase_date=bought)
                equipment.set_acceptance(s, a.actor, item, "town", accepted_on=bought + timedelta(days=5),
                                         result="通过")
                done = ("equipment", item.uuid)
            elif step < 0.9:
                day = base + timedelta(days=rng.randint(0, 2990))
                if opening.log_for_day(s, center, day) is not None:
                    continue
                entry = opening.log_opening(s, a.actor, center, log_date=day, opened_at="09:00", closed_at="17:00",
                                            visitors=rng.randint(0, 50))
                done = ("log", entry.uuid)
            else:
                act = records.get(s, activities.Activity, mine[-1])
                att = attachments.add_attachment(s, a.actor, act, os.urandom(2048), "照片.jpg", caption="现场")
                done = ("photo", att.uuid)
        ack(*done)
        if done[0] == "activity":
            mine.append(done[1])


def sheets(args, rng: random.Random) -> None:
    from storage.sheets import import_file

    a = open_archive(args.archive, actor="崩溃测试", daily_backup=False)
    work = Path(args.work)
    print("READY", flush=True)
    while True:
        tag = f"表{rng.randint(0, 10**9)}"
        rows = rng.choice([5, 40, 300])
        path = work / f"{tag}.csv"
        lines = ["日期,活动名称,类别,地点,参与人数"]
        first = date.today() - timedelta(days=2000)
        lines += [f"{first + timedelta(days=i % 1800)},{tag}-{i},文化娱乐,活动室,{i % 90 + 1}" for i in range(rows)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = import_file(a, "activities", path)
        if report.refused:
            raise SystemExit(f"sheet refused: {report.text()}")
        ack("sheet", report.sha256, report.rows_added, tag, rows)


def backups(args, rng: random.Random) -> None:
    a = open_archive(args.archive, actor="崩溃测试", daily_backup=False)
    print("READY", flush=True)
    while True:
        with a.session() as s:
            act = activities.create_activity(s, a.actor, centers.own_center(s), start_date=date.today(),
                                             title=f"备份前的活动{rng.randint(0, 10**9)}", category="其他")
            s.flush()
            uuid = act.uuid
        ack("activity", uuid)
        made = a.backup("manual")
        ack("backup", made)


def bags(args, rng: random.Random) -> None:
    from storage.datagen import placeholder_pdf
    from storage.exchange.export import export_bag

    a = open_archive(args.archive, actor="崩溃测试", daily_backup=False)
    out = Path(args.work)
    pdf = placeholder_pdf()
    print("READY", flush=True)
    n = 0
    while True:
        n += 1
        result = export_bag(a, out / f"档案-{os.getpid()}-{n}.zip", dossier_pdf=pdf)
        ack("bag", result.path)


def station(args, rng: random.Random) -> None:
    from storage.exchange.importer import import_bag

    a = open_archive(args.archive, actor="崩溃测试", daily_backup=False)
    files = sorted(Path(args.work).glob("*.zip"))
    print("READY", flush=True)
    while True:
        path = rng.choice(files)
        result = import_bag(a, path, force=True)
        if result.result == "imported":
            ack("import", path.name, result.center_uuid)


OPS = {"edits": edits, "sheets": sheets, "backups": backups, "bags": bags, "station": station}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("op", choices=list(OPS))
    p.add_argument("--archive", type=Path, required=True)
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    OPS[args.op](args, random.Random(args.seed))


if __name__ == "__main__":
    main()
