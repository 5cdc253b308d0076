"""import-sheet, export-sheet and template through main.py: exit codes, report, nothing changed on refusal."""

import openpyxl

import main

from .conftest import fingerprint, write_csv

HEADER = ["日期", "活动名称", "类别", "地点"]


def run(capsys, *argv):
    code = main.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_export_template_commands(capsys, archive, tmp_path):
    db = archive.path
    archive.close()
    good = tmp_path / "活动.csv"
    write_csv(good, [HEADER, ["2017-01-29", "春节舞龙闹新春", "民俗节庆", "广场"],
                     ["2017年2月11日", "元宵文艺晚会", "文化娱乐", ""]], "gb18030")
    code, out, _ = run(capsys, "import-sheet", "--archive", db, "--kind", "activities", good)
    assert code == 0 and "新增 2 行" in out
    code, out, _ = run(capsys, "import-sheet", "--archive", db, "--kind", "activities", good)
    assert code == 0 and "新增 0 行" in out and "已经导入过" in out

    out_file = tmp_path / "导出.xlsx"
    code, out, _ = run(capsys, "export-sheet", "--archive", db, "--kind", "activities", "--year", "2017",
                       "--out", out_file)
    assert code == 0 and "2 行" in out
    assert [c.value for c in openpyxl.load_workbook(out_file).active[1]][:3] == ["档号", "日期", "结束日期"]

    template = tmp_path / "模板.xlsx"
    code, out, _ = run(capsys, "template", "--kind", "equipment", "--out", template)
    assert code == 0 and template.exists()


def test_refused_import_exits_1_and_changes_nothing(capsys, archive, tmp_path):
    before = fingerprint(archive)
    db = archive.path
    archive.close()
    raw = db.read_bytes()
    bad = tmp_path / "bad.csv"
    write_csv(bad, [HEADER, ["2017-01-29", "春节舞龙闹新春", "民俗节庆", ""], ["2017-02-30", "", "跳舞", ""]])
    code, out, err = run(capsys, "import-sheet", "--archive", db, "--kind", "activities", bad)
    assert code == 1 and "第 3 行" in err and "“日期”列" in err and "“类别”列" in err and "没有导入" in err
    assert db.read_bytes() == raw  # not a byte changed: the archive was not even opened
    from storage.engine import open_archive

    again = open_archive(db)
    try:
        assert fingerprint(again) == before
    finally:
        again.close()
    code, out, err = run(capsys, "import-sheet", "--archive", db, "--kind", "activities", "--only-valid", bad)
    assert code == 0 and "新增 1 行" in out and "跳过了 1 行" in out


def test_unreadable_file_is_a_clear_refusal(capsys, archive, tmp_path):
    db = archive.path
    archive.close()
    code, _, err = run(capsys, "import-sheet", "--archive", db, "--kind", "equipment", tmp_path / "nope.xlsx")
    assert code == 1 and "找不到文件" in err
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    code, _, err = run(capsys, "import-sheet", "--archive", db, "--kind", "equipment", old)
    assert code == 1 and "另存为" in err
