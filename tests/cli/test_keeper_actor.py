"""CLI commands sign audit rows with the center's keeper; ``--actor`` overrides it; the OS user is unused."""

from sqlalchemy import select

import main
from storage import keeper
from storage.engine import open_archive
from storage.models import AuditEntry


def test_cli_signs_with_the_keeper_unless_actor_is_given(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(keeper, "os_user", lambda: "root")
    db = tmp_path / "a.db"
    assert main.main(["init", "--archive", str(db), "--center-name", "城东村综合性文化服务中心", "--town", "苍城镇",
                      "--village", "城东村", "--keeper", "李秀英", "--code", "KPCD"]) == 0
    header = "开始日期,活动名称,类别,地点,参与人数\n"
    (tmp_path / "a.csv").write_text(header + "2025-10-01,国庆升旗仪式,宣传教育,城东村文化活动室,80\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(header + "2025-10-11,重阳敬老宴,民俗节庆,城东村文化活动室,60\n", encoding="utf-8")
    assert main.main(["import-sheet", "--archive", str(db), "--kind", "activity", str(tmp_path / "a.csv")]) == 0
    assert main.main(["import-sheet", "--archive", str(db), "--actor", "镇文化站", "--kind", "activity",
                      str(tmp_path / "b.csv")]) == 0
    capsys.readouterr()
    with open_archive(db, readonly=True) as a, a.session() as s:
        rows = s.execute(select(AuditEntry.actor, AuditEntry.entity).order_by(AuditEntry.id)).all()
    assert [tuple(r) for r in rows] == [("李秀英", "center"), ("李秀英", "activity"), ("李秀英", "sheet_import"),
                                        ("镇文化站", "activity"), ("镇文化站", "sheet_import")]
