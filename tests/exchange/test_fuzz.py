"""Hypothesis fuzzing of the importer: damaged bytes and well-signed but odd JSON never crash it,
and a refused file never changes the station's records."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import kinds
from storage.exchange.importer import import_bag

from .bagtools import rebag, state

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False)
    | st.text(max_size=300),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=8,
)
KINDS = [k.bag for k in kinds.KINDS.values()]  # every record file of a bag


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_damaged_bytes_never_crash_or_change(data, village_bag, station, tmp_path):
    raw = bytearray(village_bag.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(raw) // 2, len(raw)))
    bad = tmp_path / "fuzz.zip"
    bad.write_bytes(bytes(raw[:cut]))
    before = state(station)
    res = import_bag(station, bad)
    assert res.result in ("refused", "imported", "unchanged")  # a harmless change may import (once)
    if res.result == "refused":
        assert res.message.startswith("fuzz.zip") and state(station) == before


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(kind=st.sampled_from(KINDS), field=st.integers(0, 40) | st.text(min_size=1, max_size=20), value=JSON_VALUES,
       pick=st.integers(0, 50))
def test_signed_odd_json_never_crashes(kind, field, value, pick, village_bag, village_key, station, tmp_path):
    def edit(k, recs):
        if k != kind or not recs:
            return None
        rec = recs[pick % len(recs)]
        names = sorted(rec)
        name = names[field % len(names)] if isinstance(field, int) else field  # mostly a real field
        rec[name] = value
        return recs
    bad = rebag(village_bag, tmp_path / "odd.zip", private_key=village_key, records=edit)
    before = state(station)
    res = import_bag(station, bad)
    assert res.result in ("refused", "imported", "unchanged")
    json.dumps(res.as_dict(), ensure_ascii=False)
    if res.result == "refused":
        assert res.message.startswith("odd.zip") and state(station) == before
