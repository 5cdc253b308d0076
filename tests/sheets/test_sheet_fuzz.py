"""Property test: whatever the sheet holds, the importer reports — it never crashes, and a refused
import changes nothing."""

from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.sheets import import_table
from storage.sheets.columns import KINDS
from storage.sheets.readers import Table, read_bytes

from .conftest import fingerprint

HEADERS = sorted({h for k in KINDS.values() for c in k.columns for h in (c.header, *c.aliases[:2])}) + ["备注x", ""]
cells = st.one_of(
    st.none(), st.text(max_size=12), st.integers(-10, 100_000), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.times(), st.booleans(),
    st.datetimes(datetime(1940, 1, 1), datetime(2030, 1, 1)),
    st.sampled_from(["2017-02-01", "2017/2/1", "2017.2.1", "2017年2月1日", "1,200", "民俗节庆", "在用", "通过",
                     "08:30", "17:30", "24:00", "¥1,280.50", "【示例】", "2017-02-30", "42767", "-1"]),
)
sheets = st.tuples(
    st.sampled_from(sorted(KINDS)),
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    st.lists(st.lists(cells, max_size=9), max_size=6),
    st.booleans(),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheets)
def test_importer_never_crashes_and_refusal_changes_nothing(archive, sheet):
    kind, header, rows, only_valid = sheet
    table = Table(source_name="fuzz.xlsx", sha256="0" * 64,
                  rows=[(1, header)] + [(i, r) for i, r in enumerate(rows, start=2) if r])
    before = fingerprint(archive)
    report = import_table(archive, kind, table, only_valid=only_valid, today=date(2026, 11, 26))
    report.text()
    if report.refused:
        assert fingerprint(archive) == before
        assert report.problems and all(p.why for p in report.problems)
    else:
        assert report.rows_added + report.rows_skipped == report.rows_total
        assert fingerprint(archive)["sheet_import"] == before["sheet_import"] + 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.csv", "a.xlsx", "a.txt"]))
def test_reader_refuses_garbage_with_a_domain_error(data, name):
    from storage.errors import DomainError

    try:
        read_bytes(data, name)
    except DomainError as e:
        assert e.message
