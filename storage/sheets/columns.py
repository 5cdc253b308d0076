"""The columns of each kind of sheet: Chinese header, accepted aliases, value type, width.

Headers are matched loosely: full-width characters folded (NFKC), case, spaces, underscores and a
trailing required-marker ``*`` ignored. ``单价(元)``, ``单价（元）``, ``单价`` and ``unit price`` are one column.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .. import kinds, rules

# Value types: date, time, text, count, money, choice; "skip" = known but not imported (e.g. item numbers).


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: str = "text"
    aliases: tuple[str, ...] = ()
    required: bool = False
    choices: tuple[str, ...] = ()
    width: int = 12
    example: object = None


@dataclass(frozen=True)
class SheetKind:
    name: str  # the kind's key in storage.kinds: "activity" | "equipment" | "opening_log"
    title: str  # Chinese name of the register
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def data_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.type != "skip")


# Known everywhere, never imported: the archive hands out its own item numbers.
ITEM_NUMBER = Column("item_number", "档号", "skip", ("件号", "item number", "archive number", "item no"), width=22)
ROW_NUMBER = Column("row_number", "序号", "skip", ("no", "no.", "#", "编号"), width=6)

ACTIVITIES = SheetKind("activity", "活动", (
    ITEM_NUMBER, ROW_NUMBER,
    Column("start_date", "日期", "date", ("活动日期", "开始日期", "date", "start date", "activity date"), True,
           width=12, example="2017-01-29"),
    Column("end_date", "结束日期", "date", ("end date",), width=12),
    Column("start_time", "开始时间", "time", ("start time",), width=9),
    Column("end_time", "结束时间", "time", ("end time",), width=9),
    Column("title", "活动名称", "text", ("名称", "活动主题", "题名", "title", "name", "activity"), True, width=30,
           example="春节舞龙闹新春"),
    Column("category", "类别", "choice", ("活动类别", "category", "type"), True, rules.ACTIVITY_CATEGORIES, 10,
           "民俗节庆"),
    Column("festival", "节日", "choice", ("festival",), False, rules.FESTIVALS, 8, "春节"),
    Column("location", "地点", "text", ("活动地点", "location", "place", "venue"), width=20, example="城东村文体广场"),
    Column("organizer", "组织者", "text", ("组织单位", "主办单位", "organizer", "organiser"), width=16,
           example="城东村委会"),
    Column("participants", "参与人数", "count", ("人数", "参加人数", "participants", "attendance"), width=10,
           example=600),
    Column("summary", "内容摘要", "text", ("内容", "摘要", "活动内容", "summary", "content", "description"), width=40,
           example="【示例】这是示例行，请删除后填写"),
))

STAGE_COLUMNS = {  # stage -> (date column key, result column key)
    "town": ("town_date", "town_result"),
    "city": ("city_date", "city_result"),
    "prefecture": ("prefecture_date", "prefecture_result"),
}

EQUIPMENT = SheetKind("equipment", "设备", (
    ITEM_NUMBER, ROW_NUMBER,
    Column("name", "设备名称", "text", ("名称", "设备", "name", "equipment", "item"), True, width=20,
           example="功放音响套装"),
    Column("category", "类别", "text", ("设备类别", "category"), width=12, example="音视频设备"),
    Column("model_spec", "规格型号", "text", ("规格", "型号", "model", "spec", "specification", "model/spec"),
           width=20, example="专业舞台 2×500W"),
    Column("quantity", "数量", "count", ("quantity", "qty"), width=7, example=1),
    Column("unit_price", "单价(元)", "money", ("单价", "price", "unit price"), width=12, example="12800.00"),
    Column("total_price", "金额(元)", "skip", ("金额", "总价", "total", "amount"), width=12),
    Column("funding_source", "资金来源", "text", ("经费来源", "funding", "funding source"), width=12,
           example="专项资金"),
    Column("purchase_date", "购置日期", "date", ("购买日期", "采购日期", "purchase date", "purchased"), True,
           width=12, example="2017-03-15"),
    Column("supplier", "供应商", "text", ("供货单位", "supplier", "vendor"), width=20,
           example="【示例】这是示例行，请删除后填写"),
    Column("location", "存放地点", "text", ("存放位置", "location"), width=16, example="城东村文化活动室"),
    Column("custodian", "保管人", "text", ("管理人", "custodian"), width=10, example="李秀英"),
    Column("status", "状态", "choice", ("设备状态", "status"), False, rules.EQUIPMENT_STATUSES, 8, "在用"),
    Column("town_date", "镇街验收日期", "date", ("镇街验收", "镇级验收日期", "town acceptance date", "town acceptance"),
           width=13, example="2017-04-10"),
    Column("town_result", "镇街验收结论", "choice", ("town acceptance result", "town result"), False,
           rules.ACCEPTANCE_RESULTS, 8),
    Column("city_date", "市级检查日期", "date", ("市局检查日期", "市级检查", "city inspection date", "city inspection"),
           width=13),
    Column("city_result", "市级检查结论", "choice", ("city inspection result", "city result"), False,
           rules.ACCEPTANCE_RESULTS, 8),
    Column("prefecture_date", "上级检查日期", "date",
           ("上级检查组验收日期", "上级检查", "prefecture inspection date", "prefecture inspection"), width=13),
    Column("prefecture_result", "上级检查结论", "choice", ("prefecture inspection result", "prefecture result"), False,
           rules.ACCEPTANCE_RESULTS, 8),
))

OPENING_LOG = SheetKind("opening_log", "开放登记", (
    ROW_NUMBER,
    Column("log_date", "日期", "date", ("登记日期", "开放日期", "date", "log date"), True, width=12,
           example="2017-02-01"),
    Column("opened_at", "开门时间", "time", ("开馆时间", "open", "opened", "opened at", "opening time"), True,
           width=9, example="08:30"),
    Column("closed_at", "关门时间", "time", ("闭馆时间", "close", "closed", "closed at", "closing time"), True,
           width=9, example="17:30"),
    Column("visitors", "接待人数", "count", ("人数", "到馆人数", "visitors"), width=9, example=35),
    Column("on_duty", "值班人员", "text", ("值班人", "值班", "on duty", "staff"), width=12, example="李秀英"),
    Column("notes", "备注", "text", ("notes", "note", "remarks"), width=30, example="【示例】这是示例行，请删除后填写"),
))

_SHEETS = {k.name: k for k in (ACTIVITIES, EQUIPMENT, OPENING_LOG)}
# The registers storage.kinds marks as spreadsheets, in its order; each needs its columns here.
KINDS: dict[str, SheetKind] = {k.key: _SHEETS[k.key] for k in kinds.sheets()}
EXAMPLE_MARK = "【示例】"  # a row whose cell starts with this is the template's example and is skipped


def normalize_header(text) -> str:
    value = unicodedata.normalize("NFKC", "" if text is None else str(text)).strip().lower()
    for ch in (" ", "\t", "\n", "\u3000", "_", "-"):
        value = value.replace(ch, "")
    return value.rstrip("*")


def header_index(kind: SheetKind) -> dict[str, Column]:
    index: dict[str, Column] = {}
    for c in kind.columns:
        for name in (c.header, c.key, *c.aliases):
            index.setdefault(normalize_header(name), c)
    return index


def get_kind(name: str) -> SheetKind:
    """The register a typed name means: a kind key or an older spelling ("activities", "opening-log")."""
    return KINDS[kinds.resolve(name, kinds.sheets()).key]
