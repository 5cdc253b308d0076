"""Station import: a verified bag replaces its centers' records in one transaction.

The village is authoritative for its own records: the bag's records (deleted ones too) replace what the
station held for that center, keeping UUIDs and item numbers. The same bag twice changes nothing; an older
bag than the last one imported is refused unless forced; a bag signed by another key than the one the
station registered is refused unless the new key is accepted explicitly. Trust on first use: the first bag
of a center registers its key and the result shows the fingerprint. Every attempt is logged (BagImport).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from .. import attachments as attachments_mod
from .. import audit, kinds, signing
from ..engine import Archive, archive_role
from ..errors import ArchiveError, DomainError
from ..models import (
    ArchiveMeta,
    Attachment,
    BagImport,
    Blob,
    Center,
    utcnow,
)
from . import checklists, figures, schema
from .bagfile import DEFAULT_LIMITS, Limits
from .verify import BagData, ChangedWhileReading, verify_bag

RESULT_NAMES = {"imported": "已导入", "unchanged": "无变化", "refused": "已拒绝"}


@dataclass
class ImportResult:
    source: str
    result: str  # imported | unchanged | refused
    message: str
    center_uuid: str | None = None
    center_name: str | None = None
    fingerprint: str | None = None
    first_use: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.result in ("imported", "unchanged")

    def as_dict(self) -> dict:
        return {"file": self.source, "result": self.result, "message": self.message, "center_uuid": self.center_uuid,
                "center_name": self.center_name, "fingerprint": self.fingerprint, "first_use": self.first_use,
                "counts": self.counts}


class Refused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def require_station(archive: Archive) -> None:
    with archive.session() as s:
        if archive_role(s) == "village":
            raise ArchiveError("not_station", f"{archive.path} 是村级档案，只有镇街（或市局）档案才能导入各中心的档案文件。")


def import_bags(archive: Archive, files, *, force: bool = False, accept_new_key: bool = False, backup: bool = True,
                progress=None, limits: Limits = DEFAULT_LIMITS, cancelled=None) -> list[ImportResult]:
    """Import several files; one backup ("pre-import") before the batch. Each bag is its own transaction."""
    require_station(archive)
    files = [Path(f) for f in files]
    made: list = []

    def before_write() -> None:
        """One pre-import backup per session, taken only when a file is about to change records: refused
        files never rotate good backups out."""
        if backup and not made and not archive.readonly:
            made.append(archive.backup("pre-import"))

    out = []
    for i, path in enumerate(files):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(i, len(files), path.name)
        out.append(import_bag(archive, path, force=force, accept_new_key=accept_new_key, limits=limits,
                              before_write=before_write))
    if progress is not None:
        progress(len(files), len(files), "")
    return out


def import_bag(archive: Archive, path: str | os.PathLike, *, force: bool = False, accept_new_key: bool = False,
               limits: Limits = DEFAULT_LIMITS, source: str | None = None, before_write=None) -> ImportResult:
    name = source or Path(path).name
    report = verify_bag(path, source=name, limits=limits)
    summary = report.summary or {}
    result = ImportResult(name, "refused", "", summary.get("center_uuid"), summary.get("organization"),
                          summary.get("fingerprint"))
    if not report.ok:
        result.message = f"{name}：未通过四性检测，未导入。{report.first_problem()}"
        _log(archive, result, report.sha256 or "-", None)
        return result
    data = report.data
    try:
        if before_write is not None:
            with archive.session() as s:  # the same checks, writing nothing: is there anything to write?
                will_write = _apply(s, archive.actor, data, report.sha256, name, result, force, accept_new_key,
                                    check_only=True)
            if will_write:
                before_write()
        if result.result != "unchanged":
            with archive.session() as s:
                _apply(s, archive.actor, data, report.sha256, name, result, force, accept_new_key)
    except Refused as e:
        result.result, result.message = "refused", f"{name}：{e.message}"
    except ChangedWhileReading as e:
        result.result = "refused"
        result.message = f"{name}：{e} 在导入过程中发生了变化（与检测时的内容不同），未导入。请重新复制文件后再导入。"
    except IntegrityError:
        result.result = "refused"
        result.message = f"{name}：记录的 UUID 或档号与本档案中其他中心的记录冲突，未导入。请联系技术支持核对。"
    except DomainError as e:
        result.result, result.message = "refused", f"{name}：{e.message}"
    except SQLAlchemyError as e:
        result.result = "refused"
        from .. import oserrors

        cause = oserrors.why(e) if (oserrors.is_write_protected(e) or oserrors.is_disk_full(e)) else "记录不合数据库的约束"
        result.message = f"{name}：数据库拒绝了其中的记录（{cause}），未导入。请联系技术支持。"
    data.zip.close()
    if result.result != "imported":  # an import's log row is written in its own transaction
        _log(archive, result, report.sha256, data.bagging_time)
    return result


def check_signer(archive: Archive, report) -> None:
    """Add to a passed report whether this archive knows the signer (verify --archive STATION)."""
    if report.data is None:
        return
    data = report.data
    with archive.session() as s:
        center = s.scalar(select(Center).where(Center.uuid == data.center_uuid))
        if center is None or center.public_key is None:
            report.add("authenticity", True, f"本档案还没有登记这个中心的密钥（首次报送），指纹 {data.fingerprint}，"
                       "导入前请与报送人电话核对。")
        elif center.public_key == data.public_key:
            report.add("authenticity", True, f"签名者是已登记的 {center.name}。")
        else:
            report.add("authenticity", False, f"签名者不明：{center.name} 登记的指纹是 "
                       f"{signing.fingerprint(center.public_key)}，这个文件的指纹是 {data.fingerprint}。")


def _log(archive: Archive, result: ImportResult, sha: str, bagging: datetime | None) -> None:
    with archive.session() as s:
        s.add(_log_row(archive.actor, result, sha, bagging))


def _log_row(actor, result: ImportResult, sha: str, bagging) -> BagImport:
    return BagImport(center_uuid=result.center_uuid, source_name=result.source[:255], bag_sha256=sha,
                     signer_fingerprint=result.fingerprint, bagging_date=bagging, result=result.result,
                     message=result.message, created_by=actor)


def _apply(s, actor, data: BagData, sha: str, name: str, result: ImportResult, force: bool,
           accept_new_key: bool, check_only: bool = False) -> bool:
    """Replace the center's records; with ``check_only`` only the refusals, returning whether it would write."""
    own = s.get(ArchiveMeta, "own_center_uuid")
    own_uuid = own.value if own else None
    if own_uuid in data.facts.centers:
        raise Refused("这是本档案自己中心的档案文件，不能导入到自己的档案里。")
    latest = s.scalar(select(BagImport.bag_sha256).where(
        BagImport.center_uuid == data.center_uuid, BagImport.result == "imported").order_by(BagImport.id.desc()).limit(1))
    if latest == sha:  # what the station holds already came from this very file
        result.result = "unchanged"
        result.message = f"{name}：这个档案文件已经导入过，没有变化。"
        return False
    signer = data.facts["center"].signer
    center = _find_center(s, signer)
    if center is not None and center.public_key is not None and center.public_key != data.public_key:
        if not accept_new_key:
            raise Refused(
                f"签名密钥与登记的不同：登记的指纹是 {signing.fingerprint(center.public_key)}，这个文件的指纹是 "
                f"{data.fingerprint}。可能是冒名文件，也可能是该中心重装了软件。请电话核对指纹后，"
                "用“接受新密钥”（--accept-new-key）重新登记。")
    result.first_use = center is None or center.public_key is None
    last = s.scalar(select(func.max(BagImport.bagging_date)).where(
        BagImport.center_uuid == data.center_uuid, BagImport.result == "imported"))
    if last is not None and data.bagging_time <= last and not force:
        raise Refused(f"这个档案文件（{data.bagging_time:%Y-%m-%d %H:%M} 打包）不比已导入的（{last:%Y-%m-%d %H:%M}）新，"
                      "未导入。如确需用旧文件覆盖，请用“强制导入”（--force）。")
    if check_only:
        return True
    ids = {}
    for batch in data.records("center"):
        for c in batch:
            ids[c["uuid"]] = _upsert_center(s, c, _find_center(s, c))
    _replace(s, data, ids)
    profile = checklists.station_profile()
    for cid in ids.values():
        figures.store(s, cid, sha, data.bagging_time, profile)
    center = s.get(Center, ids[data.center_uuid])
    result.result = "imported"
    result.counts = counts = data.counts
    first = f"首次登记该中心的签名密钥，指纹 {data.fingerprint}，请与报送人核对。" if result.first_use else ""
    result.message = (f"{name}：已导入 {center.name}（{counts['activity']} 条活动、"
                      f"{counts['equipment']} 件设备、{counts['opening_log']} 天开放登记）。{first}")
    s.add(_log_row(actor, result, sha, data.bagging_time))
    audit.record(s, actor, "import", center, reason=f"{name} {sha[:16]}",
                 after={"bag_sha256": sha, "bagging_time": data.bagging_time.isoformat(),
                        "fingerprint": data.fingerprint, "counts": result.counts})
    return True


def _find_center(s, rec: dict) -> Center | None:
    center = s.scalar(select(Center).where(Center.uuid == rec["uuid"]))
    if center is not None:
        return center
    by_code = s.scalar(select(Center).where(Center.code == rec["code"]))
    if by_code is None:
        return None
    sent = s.scalar(select(func.count()).select_from(BagImport).where(
        BagImport.center_uuid == by_code.uuid, BagImport.result == "imported"))
    if by_code.public_key is None and not sent:
        return by_code  # registered by the station in its plan, now sending its first bag
    raise Refused(f"中心编码 {rec['code']} 已属于本档案中的另一个中心（{by_code.name}），无法导入。请核对中心编码。")


CENTER_FIELDS = [f.name for f in schema.FIELDS["center"] if f.name not in ("uuid",)]


def _upsert_center(s, rec: dict, center: Center | None) -> int:
    values = {k: rec[k] for k in CENTER_FIELDS if k not in schema.STATION_FIELDS or center is None}
    values["uuid"] = rec["uuid"]
    if center is None:
        return s.execute(insert(Center).values(**values).returning(Center.id)).scalar_one()
    for k, v in values.items():
        setattr(center, k, v)
    s.flush()
    return center.id


def _replace(s, data: BagData, ids: dict[str, int]) -> None:
    """Delete what the station held for these centers, then insert the bag's records kind by kind, parents
    first, one batch at a time as they are read from the file (Core executemany: no ORM objects)."""
    center_ids = list(ids.values())
    scope = kinds.attachment_scope(center_ids)
    old_blobs = set(s.scalars(select(Attachment.sha256).where(scope)))
    s.execute(delete(Attachment).where(scope), execution_options={"synchronize_session": False})
    for kind in reversed([k for k in kinds.KINDS.values() if k.parent]):  # children before their parents
        if kind.key == "attachment":
            continue
        col, ref = kind.parent
        owners = center_ids if ref == "center" else kinds.ids_of(ref, center_ids)
        s.execute(delete(kind.model).where(getattr(kind.model, col).in_(owners)),
                  execution_options={"synchronize_session": False})
    conn = s.connection()
    keys = {"center": ids}
    for kind in schema.KINDS:
        if kind in ("center", "attachment"):
            continue
        model, fks = schema.KINDS[kind]
        fk_map = [(name, col, keys[ref]) for col, (name, ref) in fks.items()]
        table = model.__table__
        # with a UUID, the new ids come back with the insert (RETURNING, in multi-row statements)
        stmt = table.insert().returning(table.c.uuid, table.c.id) if "uuid" in table.c else table.insert()
        keys[kind] = {}
        for batch in data.records(kind):
            for v in batch:  # the batch's dicts become the insert's parameters: no copies
                for name, col, known in fk_map:
                    v[col] = known[v.pop(name)]
            result = conn.execute(stmt, batch)
            if "uuid" in table.c:
                keys[kind].update(result.all())
    _insert_attachments(s, data, keys)
    gone = old_blobs - set(data.facts.blobs)
    if gone:
        still = set(s.scalars(select(Attachment.sha256).where(Attachment.sha256.in_(gone))))
        s.execute(delete(Blob).where(Blob.sha256.in_(gone - still)), execution_options={"synchronize_session": False})


def _insert_attachments(s, data: BagData, keys) -> None:
    wanted = data.facts.blobs
    if not wanted:
        return
    have = set()
    digests = list(wanted)
    for i in range(0, len(digests), 500):
        have.update(s.scalars(select(Blob.sha256).where(Blob.sha256.in_(digests[i:i + 500]))))
    for digest, mime in wanted.items():
        if digest in have:
            continue
        blob = data.zip.read(f"{schema.ATTACHMENTS_DIR}/{digest}")
        if attachments_mod.sha256(blob) != digest:  # the bytes were checked in verify; never trust twice-read data
            raise Refused(f"附件 {digest[:12]}… 读取时校验失败。")
        thumb = attachments_mod.make_thumbnail(blob) if mime.startswith("image/") else None
        s.execute(insert(Blob), [{"sha256": digest, "size": len(blob), "mime": mime, "data": blob,
                                  "thumbnail": thumb, "created_at": utcnow()}])
        del blob, thumb
    conn = s.connection()
    table = Attachment.__table__
    for batch in data.records("attachment"):
        values = []
        for a in batch:
            v = {k: a[k] for k in a if k not in ("owner_uuid", "size", "mime")}
            v["owner_id"] = keys[a["owner_kind"]][a["owner_uuid"]]
            values.append(v)
        conn.execute(table.insert(), values)
