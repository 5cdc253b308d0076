"""The exchange CLI: verify (exit codes, JSON), station import/register/overview."""

from __future__ import annotations

import json

from main import main


def test_verify_exit_codes_and_json(village_bag, tmp_path, capsys):
    assert main(["verify", str(village_bag)]) == 0
    out = capsys.readouterr().out
    assert "四性检测全部通过" in out and "【真实性】通过" in out
    assert "检查档案汇编的格式：PDF/A-2b（已通过 pikepdf 校验）" in out
    bad = tmp_path / "坏.zip"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert main(["verify", str(bad), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["file"] == "坏.zip"
    assert data["properties"]["usability"]["ok"] is False


def test_station_flow(village_bag, station, tmp_path, capsys):
    path = str(station.path)
    station.close()
    assert main(["station", "register", "--archive", path, "--code", "XC", "--name", "新村中心", "--town", "苍城镇",
                 "--village", "新村", "--status", "planned", "--target", "2027Q1"]) == 0
    assert main(["station", "plan", "--archive", path, "--code", "XC", "--status", "building"]) == 0
    assert main(["station", "plan", "--archive", path, "--code", "XC", "--status", "built", "--on", "2025-08-15",
                 "--note", "镇街现场验收"]) == 0
    out = capsys.readouterr().out
    assert "2025-08-15 已建成" in out and "建设中" in out  # the history, not an overwritten field
    assert main(["station", "import", "--archive", path, str(village_bag), "--no-backup"]) == 0
    out = capsys.readouterr().out
    assert "[已导入]" in out and "指纹" in out
    assert main(["station", "import", "--archive", path, str(village_bag), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["result"] == "unchanged"
    junk = tmp_path / "junk.zip"
    junk.write_text("x")
    assert main(["station", "import", "--archive", path, str(junk)]) == 1
    assert "junk.zip" in capsys.readouterr().out
    assert main(["station", "overview", "--archive", path, "--year", "2025", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {c["code"] for c in data["centers"]} == {"CD", "XC"}
    assert data["covered"] == 1 and data["as_of"] == "2025-12-31" and len(data["fingerprint"]) == 64
    assert {c["code"]: c["plan_status"] for c in data["centers"]} == {"CD": None, "XC": "built"}
    assert main(["station", "plan", "--archive", path, "--code", "XC", "--status", "accepted", "--on", "2099-01-01"]) == 1
    assert "日期" in capsys.readouterr().err
    assert main(["station", "overview", "--archive", path]) == 0
    assert "季度覆盖" in capsys.readouterr().out


def test_bad_quarter_is_a_chinese_message(station, capsys):
    path = str(station.path)
    station.close()
    assert main(["station", "register", "--archive", path, "--code", "XC", "--name", "新村中心", "--town", "苍城镇",
                 "--village", "新村", "--target", "next year"]) == 1
    assert "目标季度" in capsys.readouterr().err


def test_verify_against_a_station_names_an_unknown_signer(village_bag, village, station, tmp_path, capsys):
    from storage.centers import own_center
    from storage.exchange.export import export_bag
    from storage.exchange.importer import import_bags
    from storage.signing import new_keypair

    from .bagtools import pdf_bytes

    import_bags(station, [village_bag], backup=False)
    path = str(station.path)
    station.close()
    assert main(["verify", str(village_bag), "--archive", path]) == 0
    assert "已登记" in capsys.readouterr().out
    with village.session() as s:
        c = own_center(s)
        c.private_key, c.public_key = new_keypair()
    other = export_bag(village, tmp_path / "other.zip", dossier_pdf=pdf_bytes()).path
    assert main(["verify", str(other)]) == 0  # consistent in itself
    capsys.readouterr()
    assert main(["verify", str(other), "--archive", path]) == 1
    assert "签名者不明" in capsys.readouterr().out


def test_verify_refuses_a_dossier_that_is_not_pdfa(village, tmp_path, capsys):
    from storage.exchange.export import export_bag
    from storage.exchange.verify import verify_bag

    from .bagtools import pdf_bytes

    old = tmp_path / "旧.zip"
    export_bag(village, old, dossier_pdf=pdf_bytes(pdfa=False))
    assert verify_bag(old).ok  # a batch import reads the declaration only: older files still import
    assert "不是 PDF/A" in verify_bag(old).text()
    assert main(["verify", str(old)]) == 1
    out = capsys.readouterr().out
    assert "【可用性】未通过" in out and "不符合 PDF/A-2b" in out
