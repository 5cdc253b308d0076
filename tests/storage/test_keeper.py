"""The keeper named in the center profile is the "who" of audit rows; the OS user only as a last resort."""

from __future__ import annotations

from sqlalchemy import select

from storage import activities, centers, keeper
from storage.engine import open_archive
from storage.models import AuditEntry
from storage.settings import Settings


def _actors(a) -> list[str]:
    with a.session() as s:
        return list(s.scalars(select(AuditEntry.actor).order_by(AuditEntry.id)))


def _archive(path, keeper_name=""):
    a = open_archive(path, create=True)
    with a.session() as s:
        centers.create_center(s, a.actor, own=True, name="城东村综合性文化服务中心", town="苍城镇", village="城东村",
                              code="TEST", keeper=keeper_name)
        centers.set_role(s, "village")
    return a


def _add_activity(a, title="春节舞龙"):
    with a.session() as s:
        activities.create_activity(s, a.actor, centers.own_center(s), start_date="2025-01-29", title=title,
                                   category="民俗节庆")


def test_keeper_in_profile_signs_every_change(tmp_path):
    a = _archive(tmp_path / "a.db", "李秀英")
    try:
        _add_activity(a)
        assert _actors(a)[-1] == "李秀英"
        with a.session() as s:  # renamed in 设置: the next change carries the new name at once
            centers.update_center(s, a.actor, centers.own_center(s), keeper="陈志强")
        _add_activity(a, "元宵猜灯谜")
        assert _actors(a)[-1] == "陈志强"
    finally:
        a.close()
    reopened = open_archive(tmp_path / "a.db", daily_backup=False)  # the CLI without --actor
    try:
        assert reopened.actor == "陈志强"
    finally:
        reopened.close()


def test_explicit_actor_wins_and_os_user_only_without_a_name(tmp_path, monkeypatch):
    monkeypatch.setattr(keeper, "os_user", lambda: "root")
    monkeypatch.setenv("VILLAGE_ARCHIVE_CONFIG", str(tmp_path / "config"))
    a = _archive(tmp_path / "a.db", "")
    try:
        assert a.actor == "root"  # nobody named anywhere
        Settings(keeper_name="王芳").save()  # a name remembered by an earlier version
        assert keeper.resolve_actor(None) == "王芳"
        with a.session() as s:
            centers.update_center(s, a.actor, centers.own_center(s), keeper="李秀英")
        assert a.actor == "李秀英"  # the profile beats the remembered name
        a.actor = "镇文化站"  # --actor
        _add_activity(a)
        assert _actors(a)[-1] == "镇文化站"
    finally:
        a.close()
