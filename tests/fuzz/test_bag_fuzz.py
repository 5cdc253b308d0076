"""Hypothesis fuzzing of the station's bag importer: mutated bags and made-up zips never raise, and a
refused file never changes the station archive."""

from __future__ import annotations

import io
import warnings
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.exchange.importer import import_bag
from tests.archive_state import RECORD_TABLES, table_digest

from .conftest import fuzz_settings

TABLES = (*RECORD_TABLES, "archive_meta")


def state(archive) -> str:
    return table_digest(archive, TABLES)


MUTATION = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1, exclude_max=True), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.floats(0, 1), st.just(0)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("delete"), st.floats(0, 1, exclude_max=True), st.integers(1, 512)),
    st.tuples(st.just("overwrite"), st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=64)),
)


def mutate(raw: bytes, ops) -> bytes:
    data = bytearray(raw)
    for op, where, arg in ops:
        if not data:
            break
        pos = min(int(where * len(data)), len(data) - 1)
        if op == "flip":
            data[pos] ^= arg
        elif op == "cut":
            del data[pos:]
        elif op == "insert":
            data[pos:pos] = arg
        elif op == "delete":
            del data[pos:pos + arg]
        else:
            data[pos:pos + len(arg)] = arg
    return bytes(data)


def import_and_check(station, path) -> str:
    before = state(station)
    result = import_bag(station, path)  # any exception fails the test
    assert result.result in ("refused", "imported", "unchanged")
    assert result.message
    if result.result == "refused":
        assert state(station) == before, f"a refused file changed the station: {result.message}"
    return result.result


def _mutated(bag_master, station, tmp_path, ops):
    raw = bag_master[1].read_bytes()
    path = tmp_path / "mutated.zip"
    path.write_bytes(mutate(raw, ops))
    import_and_check(station, path)


@fuzz_settings()
@given(ops=st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_bags_never_raise_or_change_when_refused(ops, bag_master, station, tmp_path):
    _mutated(bag_master, station, tmp_path, ops)


@pytest.mark.slow
@fuzz_settings(full=True)
@given(ops=st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_bags_full(ops, bag_master, station, tmp_path):
    _mutated(bag_master, station, tmp_path, ops)


NAMES = st.one_of(
    st.text(min_size=1, max_size=40),
    st.sampled_from(["../evil.txt", "/etc/passwd", "bag/../../x", "bag/data/../../../x", "C:\\x.txt", "bag/./a",
                     "bag/bagit.txt", "bag/bag-info.txt", "bag/manifest-sha256.txt", "bag/data/records/centers.json",
                     "bag/tagmanifest-sha256.txt", "bag/tagmanifest-sha256.txt.sig", "bag/", "bag//x", "bag/\x00x"]),
)
MEMBERS = st.lists(st.tuples(NAMES, st.binary(max_size=300), st.booleans()), max_size=8)


def _made_up(station, tmp_path, members):
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w") as zf:
        warnings.simplefilter("ignore")  # duplicate names are the point
        for name, data, link in members:
            info = zipfile.ZipInfo(name)
            if link:
                info.external_attr = 0o120777 << 16  # a symlink
            zf.writestr(info, data)
    path = tmp_path / "made-up.zip"
    path.write_bytes(buf.getvalue())
    assert import_and_check(station, path) == "refused"  # nothing made up carries a valid signature


@fuzz_settings()
@given(members=MEMBERS)
def test_made_up_zips_are_refused(members, station, tmp_path):
    _made_up(station, tmp_path, members)


@pytest.mark.slow
@fuzz_settings(full=True)
@given(members=MEMBERS)
def test_made_up_zips_full(members, station, tmp_path):
    _made_up(station, tmp_path, members)
