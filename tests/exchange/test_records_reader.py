"""The records reader (storage.exchange.records) reads what json.loads reads, one item at a time, from pieces of
any size; it refuses what json.loads refuses, naming the same line and column; it never holds a value longer
than VALUE_CHARS."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.exchange.records import VALUE_CHARS, RecordFile, RecordsError

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)


def pieces(raw: bytes, n: int):
    return (raw[i:i + n] for i in range(0, len(raw), n))


def read(raw: bytes, n: int):
    f = RecordFile(pieces(raw, n))
    items = list(f.records())
    return f.header, items, f.records_list, f.sha256


@settings(max_examples=150, deadline=None)
@given(items=st.lists(values, max_size=12), head=st.dictionaries(st.sampled_from(["format", "kind", "count", "z"]),
                                                                  scalars, max_size=4),
       ascii_only=st.booleans(), indent=st.sampled_from([None, 0, 2]), n=st.integers(1, 300))
def test_reads_what_json_loads_reads(items, head, ascii_only, indent, n):
    doc = dict(head, records=items)
    raw = json.dumps(doc, ensure_ascii=ascii_only, indent=indent).encode()
    header, got, is_list, _ = read(raw, n)
    assert got == items and is_list and header == {k: v for k, v in json.loads(raw).items() if k != "records"}


@settings(max_examples=100, deadline=None)
@given(items=st.lists(values, min_size=1, max_size=8), cut=st.integers(1, 40), n=st.integers(1, 64))
def test_a_broken_file_names_the_place_json_loads_names(items, cut, n):
    raw = json.dumps({"records": items}, ensure_ascii=False, indent=1).encode()
    broken = raw[:-cut] if cut < len(raw) else raw[:1]
    try:
        json.loads(broken)
    except json.JSONDecodeError as e:
        expected = f"第 {e.lineno} 行第 {e.colno} 列附近"
    except UnicodeDecodeError:
        expected = "文字编码"
    else:
        return  # the cut left valid JSON (e.g. trailing whitespace only)
    with pytest.raises(RecordsError) as refused:
        read(broken, n)
    assert expected in refused.value.message


def test_the_digest_is_of_the_bytes_read():
    import hashlib

    raw = b'{"format": "x", "records": [{"a": 1}, {"b": "\xe6\xb5\x8b"}]}'
    assert read(raw, 3)[3] == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize("raw,words", [
    (b'{"records": [{"title": "' + b"x" * (VALUE_CHARS + 10) + b'"}]}', "上限"),
    (b'[{"a": 1}]', "文件头不正确"),
    (b'{"records": [1], "records": [2]}', "出现了两次"),
    (b'{"records": [NaN]}', "UTF-8 JSON"),
    (b'\xff{"records": []}', "UTF-8 JSON"),
    (b'{"records": [1]} trailing', "第 1 行第 18 列"),
    (b"", "第 1 行第 1 列"),
], ids=["long", "list", "twice", "nan", "not-utf8", "trailing", "empty"])
def test_refusals(raw, words):
    with pytest.raises(RecordsError) as refused:
        read(raw, 7)
    assert words in refused.value.message


def test_records_not_a_list_and_no_records():
    assert read(b'{"records": {"a": 1}, "count": 1}', 4)[:3] == ({"count": 1}, [], False)
    assert read(b'\xef\xbb\xbf{"count": 0}', 4)[:3] == ({"count": 0}, [], None)
