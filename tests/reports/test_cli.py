"""`python main.py report ...`: the dossier from the command line; refusals leave no file behind."""

from __future__ import annotations

import io
import os

import pytest
from pypdf import PdfReader

import main
from reports import dossier
from storage.errors import DomainError


def run(*args) -> int:
    return main.main(["report", *map(str, args)])


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".pdf", ".part") or ".pdf" in p.name)


def test_report_writes_the_dossier(demo_path, tmp_path, capsys):
    out = tmp_path / "out" / "检查档案汇编-2017.pdf"
    out.parent.mkdir()
    assert run("--archive", demo_path, "--year", 2017, "--out", out) == 0
    assert "已生成检查档案汇编（2017年）" in capsys.readouterr().out
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert reader.metadata.title == "检查档案汇编（2017年）"
    assert leftovers(out.parent) == [out.name]


def test_report_quarter_range_and_sections(demo_path, tmp_path):
    q = tmp_path / "q.pdf"
    r = tmp_path / "r.pdf"
    assert run("--archive", demo_path, "--year", 2018, "--quarter", 2, "--sections", "summary,catalogue",
               "--out", q, "--deterministic") == 0
    assert run("--archive", demo_path, "--from", "2018-04-01", "--to", "2018-06-30", "--sections", "catalogue,summary",
               "--out", r, "--deterministic") == 0
    assert q.read_bytes() == r.read_bytes()  # the same period said two ways: the same document
    text = "".join(p.extract_text() for p in PdfReader(q).pages)
    assert "2018年第2季度" in text and "一、归档文件目录" in text and "二、工作汇总" in text and "活动登记表" not in text


@pytest.mark.parametrize("args, words", [
    (["--year", 2017, "--quarter", 5], "季度只能是 1—4"),
    (["--from", "2017-06-01", "--to", "2017-01-01"], "不能晚于结束日期"),
    (["--year", 2017, "--sections", "summary,charts"], "没有这个部分：charts"),
    (["--from", "2017-06-01"], "请选择期间"),
    (["--quarter", 2, "--to", "2017-05-01", "--from", "2017-01-01"], "选择季度时请同时填写年份"),
    (["--year", 2017, "--to", "2017-05-01"], "请只选一种期间"),
])
def test_bad_options_are_refused_and_leave_no_file(demo_path, tmp_path, capsys, args, words):
    out = tmp_path / "d.pdf"
    assert run("--archive", demo_path, *args, "--out", out) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert leftovers(tmp_path) == []


def test_missing_archive_and_unwritable_paths(demo_path, tmp_path, capsys):
    assert run("--archive", tmp_path / "nope.db", "--year", 2017, "--out", tmp_path / "d.pdf") == 1
    assert "找不到档案" in capsys.readouterr().err
    a_file = tmp_path / "not-a-folder.txt"
    a_file.write_text("x")
    assert run("--archive", demo_path, "--year", 2017, "--out", a_file / "d.pdf") == 1
    assert "不存在" in capsys.readouterr().err
    assert run("--archive", demo_path, "--year", 2017, "--out", tmp_path / "missing" / "d.pdf") == 1
    assert "不存在" in capsys.readouterr().err
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    assert run("--archive", demo_path, "--year", 2017, "--out", folder) == 1
    assert "是一个文件夹" in capsys.readouterr().err
    assert leftovers(tmp_path) == ["folder.pdf"] and not any(folder.iterdir())


def test_argparse_errors_exit_2(demo_path, tmp_path):
    for args in (["--year", "2017", "--from", "2017-01-01", "--to", "2017-02-01"], ["--year", "abc"],
                 ["--year", "2017"], ["--out", str(tmp_path / "d.pdf")]):
        with pytest.raises(SystemExit) as e:
            main.main(["report", "--archive", str(demo_path), *args])
        assert e.value.code == 2
    assert leftovers(tmp_path) == []


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "d.pdf"
    out.write_bytes(b"old dossier")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(DomainError) as e:
        dossier.write_pdf(out, b"%PDF-1.4 new")
    assert "无法保存" in e.value.message and "磁盘空间已满" in e.value.message
    assert out.read_bytes() == b"old dossier"
    assert leftovers(tmp_path) == ["d.pdf"]


def test_write_pdf_replaces_atomically(tmp_path):
    out = tmp_path / "d.pdf"
    out.write_bytes(b"old")
    dossier.write_pdf(out, b"%PDF-1.4 new")
    assert out.read_bytes() == b"%PDF-1.4 new"
    assert leftovers(tmp_path) == ["d.pdf"]


def test_deterministic_across_processes(demo_path, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(main.__file__).resolve().parent
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"d{seed}.pdf"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, str(root / "main.py"), "report", "--archive", str(demo_path), "--year", "2018",
                        "--quarter", "3", "--sections", "summary,opening,catalogue", "--deterministic", "--out",
                        str(out)], check=True, env=env, capture_output=True, cwd=tmp_path)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
