"""`stats --year/--quarter` answers for the period, as recorded on or before its last day."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from storage import centers, equipment

ROOT = Path(__file__).resolve().parents[2]


def _stats(path, *extra) -> tuple[int, str, str]:
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), "stats", "--archive", str(path), *extra],
                       capture_output=True, text=True, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def test_stats_for_a_quarter_as_of_its_end(archive, archive_path):
    with archive.session() as s:
        center = centers.own_center(s)
        e = equipment.create_equipment(s, "测试员", center, name="投影仪", unit_price="6500",
                                       purchase_date=date(2017, 8, 1))
        equipment.set_acceptance(s, "测试员", e, "town", accepted_on=date(2017, 10, 13), result="通过")
        equipment.change_status(s, "测试员", e, "维修", date(2017, 11, 2))
    archive.close()
    rc, out, err = _stats(archive_path, "--json", "--year", "2017", "--quarter", "3")
    assert rc == 0, err
    q3 = json.loads(out)
    assert q3["period"] == {"start": "2017-07-01", "end": "2017-09-30", "label": "2017年第3季度"}
    assert (q3["equipment"], q3["equipment_by_acceptance"], q3["equipment_by_status"]) == (1, {"none": 1}, {"在用": 1})
    q4 = json.loads(_stats(archive_path, "--json", "--year", "2017", "--quarter", "4")[1])
    assert (q4["equipment_bought"], q4["equipment_by_acceptance"], q4["equipment_by_status"]) == (
        0, {"town": 1}, {"维修": 1})
    q2 = json.loads(_stats(archive_path, "--json", "--year", "2017", "--quarter", "2")[1])
    assert q2["equipment"] == 0
    rc, out, err = _stats(archive_path, "--year", "2017", "--quarter", "3")
    assert rc == 0 and "截至 2017-09-30" in out and "未通过镇街验收 1" in out
    rc, _, err = _stats(archive_path, "--quarter", "3")
    assert rc != 0 and "年份" in err
    whole = json.loads(_stats(archive_path, "--json")[1])
    assert whole["equipment"] == 1 and "period" not in whole


def test_check_for_a_quarter_counts_stages_as_of_its_end(archive, archive_path):
    with archive.session() as s:
        e = equipment.create_equipment(s, "测试员", centers.own_center(s), name="投影仪", unit_price="6500",
                                       purchase_date=date(2017, 8, 1))
        equipment.set_acceptance(s, "测试员", e, "town", accepted_on=date(2017, 10, 13), result="通过")
    archive.close()
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "--archive", str(archive_path), "--json",
                        "--year", "2017", "--quarter", "3"], capture_output=True, text=True, cwd=ROOT)
    q3 = [f["message"] for f in json.loads(p.stdout)["findings"] if f["code"] == "equipment_not_accepted"]
    assert q3 == ["设备“投影仪”截至 2017-09-30 还没有通过镇街现场验收（期末后于 2017-10-13 通过）。"]
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "--archive", str(archive_path), "--json",
                        "--year", "2017", "--quarter", "4"], capture_output=True, text=True, cwd=ROOT)
    assert not [f for f in json.loads(p.stdout)["findings"] if f["code"] == "equipment_not_accepted"]
