"""The core CLI: init, demo, stats, check, backup, restore — exit codes, messages, nothing changed on refusal."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import main
from storage import backup, paths

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_init_then_refuse_existing(capsys, tmp_path):
    db = tmp_path / "城东.db"
    code, out, _ = run(capsys, "init", "--archive", db, "--center-name", "城东村综合性文化服务中心", "--town", "苍城镇",
                       "--village", "城东村", "--keeper", "李秀英", "--code", "KPCD")
    assert code == 0 and db.exists() and "已新建" in out
    before = db.read_bytes()
    code, _, err = run(capsys, "init", "--archive", db, "--center-name", "x", "--town", "y", "--village", "z")
    assert code == 1 and "已经存在" in err
    assert db.read_bytes() == before
    code, out, _ = run(capsys, "stats", "--archive", db, "--json")
    assert json.loads(out)["center"] == 1


@pytest.mark.parametrize("extra, message", [
    (["--center-name", "", "--town", "苍城镇", "--village", "城东村"], "中心名称"),
    (["--center-name", "中心", "--town", "苍城镇", "--village", ""], "村(社区)"),
    (["--center-name", "中心", "--town", "苍城镇", "--village", "城东村", "--code", "坏 编码"], "中心编码"),
    (["--center-name", "中心", "--town", "苍城镇", "--village", "城东村", "--weekly-hours", "500"], "每周开放标准"),
])
def test_init_refuses_bad_input_and_leaves_no_file(capsys, tmp_path, extra, message):
    db = tmp_path / "x.db"
    code, _, err = run(capsys, "init", "--archive", db, *extra)
    assert code == 1 and message in err
    assert not db.exists() and not paths.lock_path(db).exists()


def test_usage_errors_exit_2(capsys, tmp_path):
    with pytest.raises(SystemExit) as e:
        main.main(["init", "--archive", str(tmp_path / "x.db")])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main.main(["no-such-command"])
    assert e.value.code == 2


def test_missing_archive_is_a_clear_refusal(capsys, tmp_path):
    for command in ("stats", "check", "backup"):
        code, _, err = run(capsys, command, "--archive", tmp_path / "missing.db")
        assert code == 1 and "找不到档案" in err
    assert not (tmp_path / "missing.db").exists()


def test_demo_stats_and_check(capsys, demo_path):
    code, out, _ = run(capsys, "stats", "--archive", demo_path, "--json")
    counts = json.loads(out)
    for key in ("center", "activity", "equipment", "attachment", "opening_log", "deleted"):
        assert isinstance(counts[key], int) and counts[key] > 0, key
    code, out, _ = run(capsys, "check", "--archive", demo_path, "--json")
    report = json.loads(out)
    assert code == 0 and report["integrity_ok"]
    codes = {f["code"] for f in report["findings"]}
    assert {"activity_no_photo", "closure_late"} <= codes
    code, out, _ = run(capsys, "check", "--archive", demo_path)
    assert code == 0 and "完整性检查通过" in out


def test_demo_refuses_an_existing_file(capsys, demo_path):
    before = demo_path.stat().st_size
    code, _, err = run(capsys, "demo", "--archive", demo_path)
    assert code == 1 and "已经存在" in err and demo_path.stat().st_size == before


def test_check_exits_1_when_integrity_fails(capsys, demo_path):
    import sqlite3

    con = sqlite3.connect(demo_path)
    con.execute("UPDATE blob SET data = X'00' WHERE rowid = (SELECT min(rowid) FROM blob)")
    con.commit()
    con.close()
    code, out, _ = run(capsys, "check", "--archive", demo_path)
    assert code == 1 and "未通过" in out


def test_backup_and_restore(capsys, tmp_path, demo_path):
    target = tmp_path / "copy.db"
    code, out, _ = run(capsys, "backup", "--archive", demo_path, "--to", target)
    assert code == 0 and backup.is_good(target)
    code, out, _ = run(capsys, "backup", "--archive", demo_path)
    assert code == 0 and paths.default_backup_dir(demo_path).name in out
    code, out, _ = run(capsys, "restore", "--archive", demo_path, "--from", target)
    assert code == 0 and "恢复前的档案已另存为" in out
    code, _, err = run(capsys, "restore", "--archive", demo_path, "--from", tmp_path / "nope.db")
    assert code == 1 and "找不到备份文件" in err
    code, out, _ = run(capsys, "backups", "--archive", demo_path)
    assert "pre-restore" in out and "manual" in out


def test_real_process_no_traceback_and_env_archive(tmp_path):
    env = {"VILLAGE_ARCHIVE": str(tmp_path / "env.db"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_DATA_HOME": str(tmp_path / "data")}
    init = subprocess.run([sys.executable, str(ROOT / "main.py"), "init", "--center-name", "中心", "--town", "苍城镇",
                           "--village", "城东村"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    assert (tmp_path / "env.db").exists()
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "stats", "--archive", str(tmp_path / "none.db")],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "找不到档案" in bad.stderr


def test_no_display_is_a_plain_message_not_an_abort(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, str(ROOT / "main.py")], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)
    assert proc.returncode == 1 and "xvfb-run" in proc.stderr and "Traceback" not in proc.stderr
