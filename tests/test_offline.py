"""Offline: the main flows work with every way to open a network connection patched to fail, and none is tried.

Runs the CLI in-process (``main.main``): init, demo, check, backup, stats, report, export, verify, station
import, template, import-sheet, export-sheet.
"""

from __future__ import annotations

import socket

import pytest

import main


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    tried: list[str] = []

    def refuse(name):
        def _refuse(*args, **kwargs):
            tried.append(f"{name}{args[:2]}")
            raise NetworkUsed(f"network access attempted: {name}{args[:2]}")
        return _refuse

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname", "socketpair", "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    return tried


def run(*argv) -> int:
    return main.main([str(a) for a in argv])


def test_main_flows_open_no_socket(no_network, tmp_path, capsys):
    # the patch bites: a library reaching for the network here would fail loudly
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80))
    no_network.clear()

    village = tmp_path / "村.db"
    assert run("init", "--archive", village, "--center-name", "城东村综合性文化服务中心", "--town", "苍城镇",
               "--village", "城东村", "--code", "OFF") == 0
    demo = tmp_path / "demo.db"
    assert run("demo", "--archive", demo) == 0
    assert run("check", "--archive", demo) == 0
    assert run("backup", "--archive", demo) == 0
    assert run("stats", "--archive", demo, "--json") == 0
    assert run("report", "--archive", demo, "--year", 2017, "--out", tmp_path / "汇编.pdf") == 0
    assert (tmp_path / "汇编.pdf").read_bytes().startswith(b"%PDF-")
    bag = tmp_path / "城东村.zip"
    assert run("export", "--archive", demo, "--year", 2017, "--out", bag) == 0
    assert run("verify", bag) == 0
    station = tmp_path / "镇.db"
    assert run("init", "--archive", station, "--center-name", "苍城镇文体服务中心", "--town", "苍城镇",
               "--role", "station", "--code", "OFFST") == 0
    assert run("station", "import", "--archive", station, bag) == 0
    assert run("station", "overview", "--archive", station) == 0

    template = tmp_path / "模板.xlsx"
    assert run("template", "--kind", "activities", "--out", template) == 0
    sheet = tmp_path / "活动.csv"
    sheet.write_text("日期,活动名称,类别,地点,参与人数\n2025-03-01,广场舞培训,体育健身,文体广场,40\n",
                     encoding="utf-8-sig")
    assert run("import-sheet", "--archive", village, "--kind", "activities", sheet) == 0
    assert run("export-sheet", "--archive", village, "--kind", "activities", "--out", tmp_path / "出.xlsx") == 0

    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert no_network == [], f"network access attempted: {no_network}"
