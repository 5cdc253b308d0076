"""Property tests: whatever the sheet holds, the importer reports — it never crashes, a refused import
changes nothing, and an accepted one adds each row at most once."""

from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import kinds
from storage.sheets import import_table
from storage.sheets.columns import KINDS
from storage.sheets.readers import Table, read_bytes

from .conftest import fingerprint

TODAY = date(2026, 11, 26)
junk = st.one_of(
    st.none(), st.text(max_size=12), st.integers(-10, 100_000), st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.times(), st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1)),
    st.sampled_from(["2017-02-30", "-1", "1,2,3", "【示例】", "24:00", "12.345", "  ", "２０１７年２月１日"]),
)
GOOD = {
    "date": st.one_of(st.dates(date(2015, 1, 1), date(2026, 11, 1)),
                      st.dates(date(2015, 1, 1), date(2026, 11, 1)).map(lambda d: f"{d.year}年{d.month}月{d.day}日"),
                      st.dates(date(2015, 1, 1), date(2026, 11, 1)).map(lambda d: f"{d.year}/{d.month}/{d.day}"),
                      st.dates(date(2015, 1, 1), date(2026, 11, 1)).map(lambda d: f"{d:%Y.%m.%d}")),
    "time": st.one_of(st.times(), st.sampled_from(["08:30", "9:00", "17:30", "12：00"])),
    "count": st.one_of(st.integers(0, 5000), st.integers(0, 5000).map(lambda n: f"{n:,}")),
    "money": st.one_of(st.integers(0, 10**6), st.decimals(0, 10**6, places=2).map(str),
                       st.floats(0, 10**6).map(lambda f: round(f, 2))),
    "text": st.text(max_size=20),
    "skip": st.text(max_size=5),
}


def cell(col):
    """Mostly good values of the column's type, sometimes blank, sometimes anything at all."""
    good = st.sampled_from(col.choices) if col.choices else GOOD[col.type]
    return st.integers(0, 15).flatmap(lambda i: junk if i == 0 else st.none() if i == 1 else good)


@st.composite
def sheets(draw):
    kind = KINDS[draw(st.sampled_from(sorted(KINDS)))]
    columns = [c for c in kind.columns if c.required or draw(st.booleans())]
    columns = draw(st.permutations(columns))
    header = [draw(st.sampled_from((c.header, *c.aliases))) for c in columns]
    if draw(st.booleans()):
        header.append(draw(st.sampled_from(["照片张数", "", "备注x", "日期"])))
    rows = draw(st.lists(st.tuples(*[cell(c) for c in columns], junk).map(list), max_size=6))
    return kind.name, header, rows, draw(st.booleans())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheets())
def test_importer_never_crashes_and_refusal_changes_nothing(archive, sheet):
    kind, header, rows, only_valid = sheet
    table = Table(source_name="fuzz.xlsx", sha256="0" * 64,
                  rows=[(1, header)] + [(i, r) for i, r in enumerate(rows, start=2)])
    before = fingerprint(archive)
    report = import_table(archive, kind, table, only_valid=only_valid, today=TODAY)
    assert report.text()
    after = fingerprint(archive)
    if report.refused:
        assert after == before
        assert report.problems and all(p.why for p in report.problems)
    else:
        assert report.rows_added + report.rows_skipped == report.rows_total
        assert after["sheet_import"] == before["sheet_import"] + 1
        table_name = kinds.KINDS[kind].model.__tablename__
        assert after[table_name] == before[table_name] + report.rows_added
        again = import_table(archive, kind, table, only_valid=True, today=TODAY)
        assert again.rows_added == 0


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.csv", "a.xlsx", "a.txt"]))
def test_reader_refuses_garbage_with_a_domain_error(data, name):
    from storage.errors import DomainError

    try:
        read_bytes(data, name)
    except DomainError as e:
        assert e.message

