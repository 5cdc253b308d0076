"""export (with the real dossier inside) and station report (town report PDF) from the CLI."""

from __future__ import annotations

import io
import re
import zipfile

from pypdf import PdfReader

from main import main
from storage.exchange.verify import verify_bag


def test_export_carries_the_real_dossier_and_verifies(village, tmp_path, capsys):
    path = str(village.path)
    village.close()
    out = tmp_path / "城东村-2025.zip"
    assert main(["export", "--archive", path, "--out", str(out), "--year", "2025"]) == 0
    assert "签名密钥指纹" in capsys.readouterr().out
    report = verify_bag(out)
    assert report.ok, report.problems()
    assert report.data.info["Period-Start"] == "2025-01-01"
    with zipfile.ZipFile(out) as zf:
        name = next(n for n in zf.namelist() if n.endswith("data/dossier.pdf"))
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(zf.read(name))).pages[:2])
    assert "城东村" in text


def test_export_refuses_a_non_zip_name(village, tmp_path, capsys):
    path = str(village.path)
    village.close()
    assert main(["export", "--archive", path, "--out", str(tmp_path / "x.pdf")]) == 1
    assert ".zip" in capsys.readouterr().err


def test_town_report_and_station_export(station, village_bag, tmp_path, capsys):
    path = str(station.path)
    station.close()
    assert main(["station", "import", "--archive", path, str(village_bag), "--no-backup"]) == 0
    pdf = tmp_path / "全镇汇总-2025.pdf"
    assert main(["station", "report", "--archive", path, "--year", "2025", "--out", str(pdf), "--deterministic"]) == 0
    reader = PdfReader(pdf)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "全镇汇总报告" in text and "城东村" in text and "季度建设进度" in text and "第 1 页" in text
    assert "审核签字" in text and "立卷人" in text and "单位盖章" in text  # the dossier's sign-off block
    from storage.pdfa import check

    verdict = check(pdf.read_bytes())
    assert verdict.passed, verdict.findings[:3]
    fonts = {str(f.get("/BaseFont")) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts and all(re.search(r"\+(BousungEG-Light-GB|WenQuanYiMicroHei(-0)?)$", f) for f in fonts), fonts
    town = tmp_path / "苍城镇.zip"
    assert main(["export", "--archive", path, "--out", str(town), "--year", "2025"]) == 0
    report = verify_bag(town)
    assert report.ok and len(report.data.all_records("center")) == 2
