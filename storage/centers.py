"""The center (综合性文化服务中心) and its facilities; the archive's own center."""

from __future__ import annotations

import uuid as uuidlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit, records, retention, rules, signing
from .errors import ArchiveError, ValidationError
from .models import ArchiveMeta, Center, Facility

ROLES = rules.ROLES


def clean_center(fields: dict, *, station: bool = False) -> dict:
    """A station's (or city bureau's) own center has no village: ``station=True`` allows that."""
    out = {
        "name": rules.text(fields.get("name"), "中心名称", "name", required=True, max_len=200),
        "town": rules.text(fields.get("town"), "所属镇(街)", "town", required=True, max_len=100),
        "village": rules.text(fields.get("village"), "村(社区)", "village", required=not station, max_len=100),
        "address": rules.text(fields.get("address"), "地址", "address", max_len=300),
        "keeper": rules.text(fields.get("keeper"), "档案管理员", "keeper", max_len=100),
        "phone": rules.text(fields.get("phone"), "联系电话", "phone", max_len=50),
        "is_demonstration": bool(fields.get("is_demonstration", False)),
        "fonds_number": rules.text(fields.get("fonds_number"), "全宗号", "fonds_number", max_len=20),
    }
    if out["fonds_number"] and not all(ch.isalnum() or ch in "-_." for ch in out["fonds_number"]):
        rules.fail("bad_fonds", "全宗号只能用字母、数字或短横线，例如 Z118；尚未分配可以不填。", "fonds_number")
    if "retention_rule" in fields:
        out["retention_rule"] = retention.format_rule(retention.parse_rule(fields["retention_rule"]))
    code = rules.text(fields.get("code"), "中心编码", "code", max_len=32)
    if code and not all(ch.isalnum() or ch in "_." for ch in code):
        rules.fail("bad_code", "中心编码只能用字母、数字、下划线或点，例如 KP-CC-CD 写作 KPCCCD。", "code")
    if code:
        out["code"] = code
    hours = fields.get("weekly_standard_hours", 42)
    try:
        hours = float(hours)
    except (TypeError, ValueError):
        rules.fail("bad_number", f"每周开放标准“{hours}”不是数字。", "weekly_standard_hours")
    if not 1 <= hours <= 168:
        rules.fail("implausible", "每周开放标准应在 1—168 小时之间（常见为 42 小时）。", "weekly_standard_hours")
    out["weekly_standard_hours"] = hours
    return out


def create_center(s: Session, actor: str, *, own: bool = False, station: bool = False, **fields) -> Center:
    cleaned = clean_center(fields, station=station)
    cleaned.setdefault("code", "C" + uuidlib.uuid4().hex[:7].upper())
    if s.scalar(select(Center.id).where(Center.code == cleaned["code"])):
        raise ValidationError("duplicate_code", f"中心编码 {cleaned['code']} 已被使用，请换一个。", "code")
    center = Center(created_by=actor, **cleaned)
    if "uuid" in fields:
        center.uuid = fields["uuid"]
    if own:
        center.private_key, center.public_key = signing.new_keypair()
    s.add(center)
    s.flush()
    if own:
        s.merge(ArchiveMeta(key="own_center_uuid", value=center.uuid))
    audit.record(s, actor, "create", center)
    return center


def update_center(s: Session, actor: str, center: Center, **changes) -> bool:
    current = {k: getattr(center, k) for k in ("name", "town", "village", "address", "keeper", "phone",
                                               "is_demonstration", "weekly_standard_hours", "code",
                                               "fonds_number", "retention_rule")}
    current.update(changes)
    cleaned = clean_center(current, station=not center.village)
    if cleaned.get("code") != center.code:
        raise ValidationError("code_fixed", "中心编码已用于档号，不能修改。", "code")
    return records.apply_changes(s, actor, center, cleaned)


def set_role(s: Session, role: str) -> None:
    if role not in ROLES:
        raise ArchiveError("bad_role", f"未知的档案类型：{role}")
    s.merge(ArchiveMeta(key="role", value=role))


def own_center(s: Session) -> Center:
    meta = s.get(ArchiveMeta, "own_center_uuid")
    center = s.scalar(select(Center).where(Center.uuid == meta.value)) if meta else None
    if center is None:
        raise ArchiveError("no_center", "这个档案还没有中心信息，请先填写中心资料。")
    return center


def clean_facility(fields: dict) -> dict:
    area = fields.get("area_m2")
    if area in (None, ""):
        area = None
    else:
        try:
            area = float(str(area).replace(",", ""))
        except ValueError:
            rules.fail("bad_number", f"面积“{area}”不是数字。", "area_m2")
        if not 0 < area <= 100_000:
            rules.fail("implausible", f"面积 {area} 平方米不合常理，请检查。", "area_m2")
    return {
        "name": rules.text(fields.get("name"), "场地名称", "name", required=True, max_len=100),
        "kind": rules.text(fields.get("kind"), "场地类型", "kind", max_len=50),
        "area_m2": area,
    }


def add_facility(s: Session, actor: str, center: Center, **fields) -> Facility:
    facility = Facility(center_id=center.id, created_by=actor, **clean_facility(fields))
    s.add(facility)
    audit.record(s, actor, "create", facility)
    return facility


def facilities(s: Session, center: Center, include_deleted: bool = False) -> list[Facility]:
    q = select(Facility).where(Facility.center_id == center.id).order_by(Facility.id)
    if not include_deleted:
        q = q.where(Facility.deleted_at.is_(None))
    return list(s.scalars(q))
