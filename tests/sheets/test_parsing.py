"""Cell parsing: every date form, times, counts with separators, exact money; header aliases."""

from datetime import date, datetime, time

import pytest

from storage.errors import ValidationError
from storage.sheets import columns, parsing, readers


@pytest.mark.parametrize("value", [
    "2017-02-01", "2017/2/1", "2017.2.1", "2017年2月1日", "2017 年 2 月 1 日", "２０１７－０２－０１", "2017-2-1",
    "2017/02/01 00:00:00", "20170201", "42767", datetime(2017, 2, 1, 0, 0), date(2017, 2, 1), 42767, 42767.0, 42767.5,
])
def test_every_date_form(value):
    assert parsing.parse_date(value, "日期", "d") == date(2017, 2, 1)


@pytest.mark.parametrize("value", ["2017-02-30", "2/1/2017", "去年春节", "2017-13-01", 0, -5, 10 ** 9, True])
def test_bad_dates_are_refused_in_chinese(value):
    with pytest.raises(ValidationError) as e:
        parsing.parse_date(value, "日期", "d")
    assert e.value.code == "bad_date" and "日期" in e.value.message


def test_blank_is_none():
    assert parsing.parse_date("  ", "日期", "d") is None
    assert parsing.parse_count(None, "人数", "n") is None
    assert parsing.parse_money("", "单价", "p") is None


@pytest.mark.parametrize("value, expected", [
    ("08:30", "8:30"), ("8:30", "8:30"), ("8：30", "8:30"), ("8时30分", "8:30"), ("08:30:00", "8:30"),
    (time(8, 30), time(8, 30)), (datetime(1899, 12, 30, 8, 30), time(8, 30)), (0.354166666, time(8, 30)),
    ("24:00", "24:00"),
])
def test_times(value, expected):
    assert parsing.parse_time(value, "开门时间", "t") == expected


@pytest.mark.parametrize("value, expected", [
    ("1200", 1200), ("1,200", 1200), ("1，200", 1200), ("１２００", 1200), (1200.0, 1200), ("35人", 35), (7, 7),
    ("12.0", 12),
])
def test_counts(value, expected):
    assert parsing.parse_count(value, "人数", "n") == expected


@pytest.mark.parametrize("value", ["12.5", "很多", 12.5, "1,2,3x"])
def test_bad_counts(value):
    with pytest.raises(ValidationError):
        parsing.parse_count(value, "人数", "n")


@pytest.mark.parametrize("value, fen", [
    ("1,280.50", 128050), (1280.5, 128050), (1408.5500000000002, 140855), (12800, 1280000), ("¥98", 9800),
    ("９８元", 9800), (0.1, 10),
])
def test_money_is_exact_fen(value, fen):
    from storage import rules

    assert rules.as_money_fen(parsing.parse_money(value, "单价", "p"), "单价", "p") == fen


def test_money_with_more_than_cents_is_refused():
    from storage import rules

    with pytest.raises(ValidationError) as e:
        rules.as_money_fen(parsing.parse_money(1.005, "单价", "p"), "单价", "p")
    assert e.value.code == "bad_money"


def test_headers_fold_full_width_case_and_spaces():
    index = columns.header_index(columns.EQUIPMENT)
    for header in ("单价(元)", "单价（元）", "单价", "Unit Price", "unit_price", " 单价(元)* "):
        assert index[columns.normalize_header(header)].key == "unit_price"


def test_aliases_do_not_collide_within_a_kind():
    for kind in columns.KINDS.values():
        names = {}
        for col in kind.columns:
            for name in {columns.normalize_header(n) for n in (col.header, col.key, *col.aliases)}:
                assert names.setdefault(name, col.key) == col.key, (kind.name, name)


@pytest.mark.parametrize("encoding, name", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8-BOM"), ("gb18030", "GB18030"),
                                            ("gbk", "GB18030"), ("utf-16", "UTF-16")])
def test_csv_encodings_are_detected(encoding, name):
    table = readers.read_bytes("日期,活动名称\n2017-02-01,春节舞龙闹新春\n".encode(encoding), "a.csv")
    assert table.encoding == name
    assert table.rows == [(1, ["日期", "活动名称"]), (2, ["2017-02-01", "春节舞龙闹新春"])]


def test_old_excel_and_broken_files_are_refused_clearly():
    with pytest.raises(ValidationError) as e:
        readers.read_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100, "旧表.xls")
    assert "另存为" in e.value.message
    with pytest.raises(ValidationError) as e:
        readers.read_bytes(b"PK\x03\x04broken", "坏.xlsx")
    assert e.value.code == "bad_file"
    with pytest.raises(ValidationError) as e:
        readers.read_bytes(b"", "empty.csv")
    assert e.value.code == "empty"


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf\x80", b"\xff\xfe\x00", b"\xfe\xff\xd8\x00", b"\xff\xfe\x00\xd8"])
def test_a_byte_order_mark_followed_by_other_bytes_is_a_clear_refusal(data):
    with pytest.raises(ValidationError) as e:
        readers.read_bytes(data, "坏.csv")
    assert e.value.code == "bad_encoding" and "编码" in e.value.message
