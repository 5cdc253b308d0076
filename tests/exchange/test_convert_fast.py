"""The fast path of converting bag records (``schema._plan``) agrees with the full check ``convert_value``:
whatever it accepts, the full check accepts with the same value and no problem; the rest goes the full way."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.exchange import schema

TODAY = date(2026, 12, 3)
FIELDS = [(kind, f) for kind in schema.KINDS for f in schema.FIELDS[kind]]

values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-2**40, max_value=2**40), st.floats(allow_nan=True),
    st.text(max_size=30), st.text(alphabet="0123456789-:T+.Z ", max_size=32), st.uuids().map(str),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)).map(date.isoformat),
    st.datetimes(timezones=st.sampled_from([None, __import__("datetime").timezone.utc])).map(lambda d: d.isoformat()),
    st.text(alphabet="0123456789abcdef", min_size=64, max_size=64), st.sampled_from(["在用", "通过", "closure", "x" * 600]),
)


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(FIELDS), values)
def test_fast_path_accepts_only_what_the_full_check_accepts(kind_field, value):
    kind, field = kind_field
    plan = {name: quick for name, quick, _f in schema._plan(schema.FIELDS[kind], TODAY)}
    got = schema._SLOW if value is None else plan[field.name](value)
    problems = schema.Problems()
    full = schema.convert_value(kind, 0, field, value, TODAY, problems)
    if got is not schema._SLOW:
        assert not problems and got == full and type(got) is type(full)


def test_a_whole_record_converts_the_same_either_way():
    kind = "activity"
    fields = schema.FIELDS[kind]
    rec = {f.name: None for f in fields}
    rec.update({"uuid": "0b7c5a0e-6a57-4c4e-9a57-2a4b8f3e9d11", "created_at": "2026-01-02T03:04:05+00:00",
                "start_date": "2026-03-01", "title": "广场舞培训班", "participants": 35})
    problems_fast, problems_full = schema.Problems(), schema.Problems()
    fast = schema.convert_record(kind, 0, rec, TODAY, problems_fast, fields, {f.name for f in fields})
    full = {f.name: schema.convert_value(kind, 0, f, rec[f.name], TODAY, problems_full) for f in fields}
    assert fast == full and list(problems_fast) == list(problems_full)


def test_the_fast_path_takes_the_common_values():
    quick = {name: q for name, q, _f in schema._plan(schema.FIELDS["activity"], TODAY)}
    assert quick["start_date"]("2026-03-01") == date(2026, 3, 1)
    assert quick["uuid"]("0b7c5a0e-6a57-4c4e-9a57-2a4b8f3e9d11") != schema._SLOW
    assert quick["created_at"]("2026-01-02T03:04:05+08:00").isoformat() == "2026-01-01T19:04:05+00:00"
    assert quick["participants"](35) == 35 and quick["participants"](True) is schema._SLOW
    assert quick["start_date"]("2026-3-1") is schema._SLOW
