"""Output a keeper can read, and a restore that names both centers before replacing one with the other."""

from __future__ import annotations

import main
from storage import centers
from storage.engine import open_archive
from tests.archive_state import table_digest


def run(capsys, *argv):
    code = main.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _make(path, name, code, role="village"):
    with open_archive(path, create=True, actor="x") as a, a.session() as s:
        centers.create_center(s, a.actor, own=True, name=name, town="苍城镇", village="" if role != "village" else "某村",
                              code=code, station=role != "village")
        centers.set_role(s, role)
    return path


def _digest(path):
    with open_archive(path, readonly=True) as a:
        return table_digest(a)


def test_restore_from_another_center_needs_force(capsys, tmp_path):
    ours = _make(tmp_path / "城东.db", "城东村综合性文化服务中心", "CD")
    other = _make(tmp_path / "大梧.db", "大梧村综合性文化服务中心", "DW")
    station = _make(tmp_path / "镇.db", "苍城镇文体服务中心", "CC", role="station")
    before = _digest(ours)
    for source, words in ((other, "大梧村"), (station, "镇街档案")):
        code, _out, err = run(capsys, "restore", "--archive", ours, "--from", source)
        assert code == 1 and words in err and "城东村综合性文化服务中心" in err and "--force" in err, err
        assert _digest(ours) == before
    code, out, err = run(capsys, "restore", "--archive", ours, "--from", other, "--force")
    assert code == 0, err
    with open_archive(ours, readonly=True) as a, a.session() as s:
        assert centers.own_center(s).code == "DW"


def test_restore_of_the_same_center_needs_no_force(capsys, tmp_path):
    ours = _make(tmp_path / "城东.db", "城东村综合性文化服务中心", "CD")
    code, out, _ = run(capsys, "backup", "--archive", ours, "--to", tmp_path / "备份.db")
    assert code == 0
    code, out, err = run(capsys, "restore", "--archive", ours, "--from", tmp_path / "备份.db")
    assert code == 0, err


def test_check_prints_the_verdict_first_and_caps_each_kind(capsys, demo_path):
    code, out, _ = run(capsys, "check", "--archive", demo_path)
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("完整性检查通过")
    assert "活动缺少照片（" in out and "另有" in out and "--all" in lines[-1]
    assert len(lines) < 60
    code, full, _ = run(capsys, "check", "--archive", demo_path, "--all")
    assert len(full.splitlines()) > 400 and "另有" not in full


def test_sheet_report_caps_the_problems_with_the_total(capsys, archive_path, tmp_path):
    _make(archive_path, "城东村综合性文化服务中心", "CD")
    sheet = tmp_path / "坏.csv"
    sheet.write_text("日期,活动名称,类别\n" + "".join(f"不是日期{i},活动{i},文化娱乐\n" for i in range(300)), "utf-8")
    code, out, err = run(capsys, "import-sheet", "--kind", "activities", sheet, "--archive", archive_path)
    assert code == 1 and "发现 300 处问题" in err and "另有 250 处" in err and "共 300 处" in err
    assert len(err.splitlines()) < 60


def test_restore_refuses_a_file_with_foreign_triggers(capsys, tmp_path):
    import sqlite3

    ours = _make(tmp_path / "城东.db", "城东村综合性文化服务中心", "CD")
    evil = tmp_path / "备份.db"
    code, _out, _err = run(capsys, "backup", "--archive", ours, "--to", evil)
    con = sqlite3.connect(evil)
    con.execute("CREATE TRIGGER wipe AFTER INSERT ON activity BEGIN DELETE FROM activity; END")
    con.commit()
    con.close()
    before = _digest(ours)
    code, _out, err = run(capsys, "restore", "--archive", ours, "--from", evil, "--force")
    assert code == 1 and "触发器" in err and "wipe" in err, err
    assert _digest(ours) == before


def test_hostile_settings_file_never_stops_the_app(tmp_path):
    from storage.settings import Settings

    path = tmp_path / "settings.json"
    for text in ("[1, 2]", '"x"', '{"backup_dir": "a\\u0000b", "keeper_name": 5}', "{" * 100_000, " " * 100_000):
        path.write_text(text, "utf-8")
        assert Settings.load(path) == Settings()
