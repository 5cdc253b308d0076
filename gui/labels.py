"""Stored domain codes as the words the GUI shows. Storage keeps its codes (the Chinese words the archive
and the printed dossier use); the GUI maps each to an English source string translated in the "Labels"
context, so English mode shows English and Chinese mode shows the code's own word."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CATEGORIES = {
    "文化娱乐": QT_TRANSLATE_NOOP("Labels", "Culture and entertainment"),
    "体育健身": QT_TRANSLATE_NOOP("Labels", "Sports and fitness"),
    "民俗节庆": QT_TRANSLATE_NOOP("Labels", "Folk festival"),
    "宣传教育": QT_TRANSLATE_NOOP("Labels", "Public education"),
    "党员教育": QT_TRANSLATE_NOOP("Labels", "Party-member education"),
    "科学普及": QT_TRANSLATE_NOOP("Labels", "Science popularization"),
    "培训讲座": QT_TRANSLATE_NOOP("Labels", "Training and lectures"),
    "阅读服务": QT_TRANSLATE_NOOP("Labels", "Reading service"),
    "志愿服务": QT_TRANSLATE_NOOP("Labels", "Volunteer service"),
    "其他": QT_TRANSLATE_NOOP("Labels", "Other"),
}
FESTIVALS = {
    "春节": QT_TRANSLATE_NOOP("Labels", "Spring Festival"),
    "元宵": QT_TRANSLATE_NOOP("Labels", "Lantern Festival"),
    "清明": QT_TRANSLATE_NOOP("Labels", "Qingming"),
    "端午": QT_TRANSLATE_NOOP("Labels", "Dragon Boat Festival"),
    "七夕": QT_TRANSLATE_NOOP("Labels", "Qixi"),
    "中秋": QT_TRANSLATE_NOOP("Labels", "Mid-Autumn Festival"),
    "重阳": QT_TRANSLATE_NOOP("Labels", "Double Ninth Festival"),
    "国庆": QT_TRANSLATE_NOOP("Labels", "National Day"),
    "其他": QT_TRANSLATE_NOOP("Labels", "Other festival"),
}
STATUSES = {
    "在用": QT_TRANSLATE_NOOP("Labels", "In use"),
    "维修": QT_TRANSLATE_NOOP("Labels", "Under repair"),
    "闲置": QT_TRANSLATE_NOOP("Labels", "Idle"),
    "报废": QT_TRANSLATE_NOOP("Labels", "Scrapped"),
}
RESULTS = {
    "通过": QT_TRANSLATE_NOOP("Labels", "Passed"),
    "整改": QT_TRANSLATE_NOOP("Labels", "To be rectified"),
    "不通过": QT_TRANSLATE_NOOP("Labels", "Failed"),
}
STAGES = {
    "town": QT_TRANSLATE_NOOP("Labels", "Town on-site acceptance"),
    "city": QT_TRANSLATE_NOOP("Labels", "City bureau check"),
    "prefecture": QT_TRANSLATE_NOOP("Labels", "Prefecture inspection"),
}
WEEKDAYS = {
    "星期一": QT_TRANSLATE_NOOP("Labels", "Monday"),
    "星期二": QT_TRANSLATE_NOOP("Labels", "Tuesday"),
    "星期三": QT_TRANSLATE_NOOP("Labels", "Wednesday"),
    "星期四": QT_TRANSLATE_NOOP("Labels", "Thursday"),
    "星期五": QT_TRANSLATE_NOOP("Labels", "Friday"),
    "星期六": QT_TRANSLATE_NOOP("Labels", "Saturday"),
    "星期日": QT_TRANSLATE_NOOP("Labels", "Sunday"),
}
CLOSURE_KINDS = {
    "closure": QT_TRANSLATE_NOOP("Labels", "Closed"),
    "extra": QT_TRANSLATE_NOOP("Labels", "Extra opening"),
}
PLAN_STATUSES = {
    "planned": QT_TRANSLATE_NOOP("Labels", "Planned"),
    "building": QT_TRANSLATE_NOOP("Labels", "Being built"),
    "built": QT_TRANSLATE_NOOP("Labels", "Built"),
    "accepted": QT_TRANSLATE_NOOP("Labels", "Accepted"),
}
FINDINGS = {  # storage.selfcheck's finding codes; their Chinese words are selfcheck.FINDING_NAMES
    "activity_no_photo": QT_TRANSLATE_NOOP("Labels", "Activity without a photo"),
    "activity_no_participants": QT_TRANSLATE_NOOP("Labels", "Activity without a participant count"),
    "equipment_not_accepted": QT_TRANSLATE_NOOP("Labels", "Equipment not accepted by the town"),
    "week_without_log": QT_TRANSLATE_NOOP("Labels", "A whole week without an opening log"),
    "hours_under_standard": QT_TRANSLATE_NOOP("Labels", "Scheduled hours below the standard"),
    "closure_late": QT_TRANSLATE_NOOP("Labels", "Closure announced late"),
    "number_gap": QT_TRANSLATE_NOOP("Labels", "Gap in the item numbers"),
    "attachment_hash_mismatch": QT_TRANSLATE_NOOP("Labels", "Attachment does not match its checksum"),
    "no_schedule": QT_TRANSLATE_NOOP("Labels", "No opening schedule"),
    "status_history_gap": QT_TRANSLATE_NOOP("Labels", "Equipment status without a change record"),
    "log_on_closure_day": QT_TRANSLATE_NOOP("Labels", "Opening logged on a closure day"),
    "visitors_during_closure": QT_TRANSLATE_NOOP("Labels", "Visitors during a closure"),
    "log_on_rest_day": QT_TRANSLATE_NOOP("Labels", "Opening logged on a rest day"),
    "log_outside_hours": QT_TRANSLATE_NOOP("Labels", "Logged times outside the published hours"),
    "festival_date_off": QT_TRANSLATE_NOOP("Labels", "Festival activity on another date"),
    "attachment_orphan": QT_TRANSLATE_NOOP("Labels", "Attachment without its record"),
}
ALL = (CATEGORIES, FESTIVALS, STATUSES, RESULTS, STAGES, WEEKDAYS, CLOSURE_KINDS, PLAN_STATUSES, FINDINGS)


def _label(table: dict, code) -> str:
    if code is None or code == "":
        return ""
    source = table.get(code)
    return QCoreApplication.translate("Labels", source) if source else str(code)


def category(code) -> str:
    return _label(CATEGORIES, code)


def festival(code) -> str:
    return _label(FESTIVALS, code)


def status(code) -> str:
    return _label(STATUSES, code)


def result(code) -> str:
    return _label(RESULTS, code)


def stage(code) -> str:
    return _label(STAGES, code)


def weekday(code) -> str:
    return _label(WEEKDAYS, code)


def closure_kind(code) -> str:
    return _label(CLOSURE_KINDS, code)


def plan_status(code) -> str:
    return _label(PLAN_STATUSES, code)


def finding(f, language: str) -> str:
    """A self-check finding as the overview lists it. Chinese: storage's own sentence, which names the record
    (title, dates, numbers as typed). Other languages: the finding's kind in that language, then the record's
    item number, or storage's sentence when the finding names no single record (a week, a gap in numbers)."""
    if language == "zh_CN" or f.code not in FINDINGS:
        return f.message
    name = _label(FINDINGS, f.code)
    return f"{name}: {f.item_number}" if f.item_number else f"{name}: {f.message}"


def choices(table: dict) -> list[tuple[str, str]]:
    """(code, shown label) pairs for a combo box: the stored code stays the item's data."""
    return [(code, _label(table, code)) for code in table]
