"""The registry of record kinds: what every part of storage knows about a kind, written once.

Numbering, records, stats, the fingerprint, the self-check, the exchange bag (schema, export, station import,
content checks), spreadsheets, datagen and the tests iterate ``KINDS`` instead of keeping their own lists, so a
kind cannot be forgotten by one of them. ``KINDS`` is ordered parents first: that is the export and import order.

A kind's ``key`` is its one spelling everywhere (the table name; also the audit trail's entity, an
attachment's ``owner_kind`` and the self-check's entity). ``bag`` is the record file name inside an exchange
bag (``data/records/<bag>.json``, ``Record-Count-<bag>``): fixed by exchange format version 1 and documented in
docs/exchange-format.md, so it never changes. ``aliases`` are older spellings accepted where people type a
kind (CLI ``--kind`` values, old files); ``resolve`` maps them to the kind.

Adding a kind: see "Adding a record kind" in docs/internal-apis.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .errors import ValidationError

# SQLAlchemy and the models are imported on first use of a kind's ``model``, not with the registry: `stats` and
# the dashboard's first figures read the file with plain sqlite3 (storage.glance) and never need them.


@dataclass(frozen=True)
class Kind:
    key: str  # the stable key: the model's table name
    mapped: type | str  # the model, or the name of its class in storage.models (imported on first use)
    name: str  # Chinese display name
    bag: str  # record file name in an exchange bag (format version 1)
    refs: dict[str, str] = field(default_factory=dict)  # foreign-key column -> referenced kind; the first owns it
    number_code: str | None = None  # HD/SB: a numbered kind with item_number, year and seq
    owns_attachments: bool = False
    dated_by: str | None = None  # the date column that places a record in a period
    # Which records of a period the fingerprint (and so the dossier) covers: "in" (dated in the period),
    # "to_end" (dated up to the period's end), "all", "owner" (those of covered owners), None (left out).
    in_fingerprint: str | None = "all"
    counted: bool = False  # shown by `stats` (live and deleted)
    count_name: str | None = None  # the stats label when it differs from ``name``
    sheet: bool = False  # a spreadsheet register (its columns: storage/sheets/columns.py)
    aliases: tuple[str, ...] = ()  # older spellings people may type (the bag name is accepted too)
    retention: str | None = None  # 保管期限 by default (storage.retention.TERMS); None: not filed on its own
    # A numbered item's catalogue line: record columns -> (responsible or None for the center, title).
    describe: Callable[[Mapping], tuple[str | None, str]] | None = None

    @property
    def model(self) -> type:
        if isinstance(self.mapped, str):
            from . import models

            return getattr(models, self.mapped)
        return self.mapped

    @property
    def parent(self) -> tuple[str, str] | None:
        """(column, kind key) of the owning record, or None for the center itself."""
        return next(iter(self.refs.items()), None)

    @property
    def numbered(self) -> bool:
        return self.number_code is not None


_CENTER = {"center_id": "center"}


def _purchase(e: Mapping) -> tuple[str | None, str]:
    return None, f"{e['name']}（{e['model_spec']}）购置登记" if e["model_spec"] else f"{e['name']}购置登记"

KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("center", "Center", "中心", "centers"),
    Kind("facility", "Facility", "场地", "facilities", _CENTER, counted=True),
    Kind("item_counter", "ItemCounter", "档号计数", "item_counters", _CENTER, in_fingerprint=None),
    Kind("activity", "Activity", "活动", "activities", _CENTER, number_code="HD", owns_attachments=True,
         dated_by="start_date", in_fingerprint="in", counted=True, sheet=True, retention="定期10年",
         describe=lambda a: (a["organizer"] or None, a["title"])),
    Kind("equipment", "Equipment", "设备", "equipment", _CENTER, number_code="SB", owns_attachments=True,
         dated_by="purchase_date", in_fingerprint="to_end", counted=True, sheet=True, retention="定期30年",
         describe=_purchase),
    Kind("equipment_status_change", "EquipmentStatusChange", "设备状态变更", "equipment_status_changes",
         {"equipment_id": "equipment"}, dated_by="changed_on", in_fingerprint="owner"),
    Kind("acceptance_stage", "AcceptanceStage", "验收环节", "acceptance_stages", {"equipment_id": "equipment"},
         owns_attachments=True, dated_by="accepted_on", in_fingerprint="owner"),
    Kind("schedule_slot", "ScheduleSlot", "开放时段", "schedule_slots", {"facility_id": "facility"},
         counted=True),
    Kind("closure", "Closure", "闭馆公告", "closures", _CENTER, dated_by="start_date", in_fingerprint="in",
         counted=True, count_name="闭馆/加开公告", retention="定期10年"),
    Kind("opening_log", "OpeningLog", "开放登记", "opening_log", _CENTER, owns_attachments=True, dated_by="log_date",
         in_fingerprint="in", counted=True, count_name="开放登记天数", sheet=True, retention="定期10年",
         aliases=("opening-log", "opening", "opening_log_days", "opening-log-days")),
    Kind("attachment", "Attachment", "附件", "attachments", in_fingerprint="owner", counted=True),
)}

# Tables that are not record kinds: the file's own bookkeeping, attachment bytes (they travel as files), the
# audit trail, and what a station keeps for itself about the centers it receives. Every other table is a kind.
BOOKKEEPING = frozenset({"archive_meta", "blob", "audit_log", "sheet_import", "bag_import", "plan_status_change",
                         "center_figures", "center_indicator"})


def register(kind: Kind, *, before: str | None = None) -> Kind:
    """Add a kind (before ``before``, else last but attachments, which follow their owners)."""
    if kind.key in KINDS or any(kind.bag == k.bag for k in KINDS.values()):
        raise ValueError(f"kind {kind.key} is registered already")
    before = before or "attachment"
    items = list(KINDS.items())
    at = [k for k, _ in items].index(before)
    items.insert(at, (kind.key, kind))
    KINDS.clear()
    KINDS.update(items)
    _bump()
    return kind


def unregister(key: str) -> None:
    KINDS.pop(key)
    _bump()


def _bump() -> None:
    n = version() + 1
    _cache.clear()
    _cache["version"] = n


_cache: dict = {}


def version() -> int:
    """Changes whenever a kind is registered or removed, so derived tables (the bag schema) can follow."""
    return _cache.setdefault("version", 0)


def _aliases() -> dict[str, Kind]:
    if "aliases" not in _cache:
        out = {}
        for k in KINDS.values():
            for name in (k.key, k.bag, *k.aliases):
                out.setdefault(name, k)
        _cache["aliases"] = out
    return _cache["aliases"]


def resolve(name: str, among=None) -> Kind:
    """The kind a typed name means (its key, bag name or an older spelling); a Chinese error when none.
    ``among`` limits the answer to those kinds (e.g. the spreadsheet registers)."""
    kind = _aliases().get((name or "").strip())
    allowed = list(among) if among is not None else list(KINDS.values())
    if kind is None or kind not in allowed:
        names = "、".join(f"{k.key}（{k.name}）" for k in allowed)
        raise ValidationError("bad_kind", f"未知的记录类型“{name}”，可选：{names}。", "kind")
    return kind


def typed_names(among=None) -> list[str]:
    """Every name ``resolve`` accepts for these kinds (keys first), e.g. for a CLI's choices."""
    allowed = list(among) if among is not None else list(KINDS.values())
    keys = [k.key for k in allowed]
    return keys + [n for n, k in _aliases().items() if k in allowed and n not in keys]


def by_model(model) -> Kind:
    for k in KINDS.values():
        if k.model is model:
            return k
    raise KeyError(model)


def by_bag(bag: str) -> Kind:
    for k in KINDS.values():
        if k.bag == bag:
            return k
    raise KeyError(bag)


def numbered() -> list[Kind]:
    return [k for k in KINDS.values() if k.numbered]


def owners() -> list[Kind]:
    """The kinds an attachment may hang on."""
    return [k for k in KINDS.values() if k.owns_attachments]


def counted() -> list[Kind]:
    return [k for k in KINDS.values() if k.counted]


def sheets() -> list[Kind]:
    return [k for k in KINDS.values() if k.sheet]


def children() -> list[Kind]:
    """Kinds owned through another record rather than directly by a center (attachments aside)."""
    return [k for k in KINDS.values() if k.parent and k.parent[1] != "center"]


def ids_of(kind: Kind | str, center_ids):
    """A subquery of the ids of ``kind`` that belong to these centers (portable; no long IN lists)."""
    from sqlalchemy import select

    kind = KINDS[kind] if isinstance(kind, str) else kind
    model = kind.model
    if kind.key == "center":
        return select(model.id).where(model.id.in_(center_ids))
    if kind.key == "attachment":
        return select(model.id).where(attachment_scope(center_ids))
    col, ref = kind.parent
    if ref == "center":
        return select(model.id).where(getattr(model, col).in_(center_ids))
    return select(model.id).where(getattr(model, col).in_(ids_of(ref, center_ids)))


def attachment_scope(center_ids):
    """A condition on ``Attachment``: its owner belongs to one of these centers."""
    from sqlalchemy import and_, or_

    from .models import Attachment

    return or_(*(and_(Attachment.owner_kind == k.key, Attachment.owner_id.in_(ids_of(k, center_ids)))
                 for k in owners()))


def in_center(kind: Kind | str, center_id: int):
    """A condition selecting the records of ``kind`` that belong to one center."""
    kind = KINDS[kind] if isinstance(kind, str) else kind
    return kind.model.id.in_(ids_of(kind, [center_id]))


def attached_to(key: str, owner_id):
    """A condition on ``Attachment``: it hangs on the ``key`` record ``owner_id`` (an id or an id column)."""
    from sqlalchemy import and_

    from .models import Attachment

    return and_(Attachment.owner_kind == key, Attachment.owner_id == owner_id)
