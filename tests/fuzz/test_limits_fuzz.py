"""Hypothesis over the bounded readers: whatever the member and whatever its headers claim, the inflater
never yields more than its cap and either returns exactly the member or refuses; the .xlsx pre-check with
small limits refuses with a Chinese ValidationError or lets openpyxl read a file whose every part obeys them."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st

from storage import boundedzip
from storage.boundedzip import InflateRefused
from storage.errors import ValidationError
from storage.sheets import readers
from storage.sheets.limits import SheetLimits
from tests.hostile import files

from .conftest import fuzz_settings

DATA = st.one_of(st.binary(max_size=4096), st.builds(lambda b, n: b * n, st.binary(min_size=1, max_size=8),
                                                       st.integers(1, 50_000)))


@fuzz_settings()
@given(data=DATA, claimed=st.one_of(st.none(), st.integers(0, 2**20)), cap=st.integers(0, 2**20),
       ratio=st.integers(1, 300))
def test_inflate_never_passes_its_caps(data, claimed, cap, ratio):
    path = io.BytesIO(_zip_bytes([files.member("top/x.bin", data, claimed)]))
    info = zipfile.ZipFile(path).infolist()[0]
    out, total = [], 0
    try:
        for piece in boundedzip.inflate(path, info, cap=cap, ratio=ratio, ratio_floor=1024):
            total += len(piece)
            assert total <= min(cap, info.file_size)
            out.append(piece)
    except InflateRefused:
        return
    assert b"".join(out) == data and len(data) == info.file_size <= cap


def _zip_bytes(members) -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        return files.write_zip(Path(tmp) / "z.zip", members).read_bytes()


SMALL = SheetLimits(file_bytes=1 << 20, inflated_total=64 * 1024, part=32 * 1024, shared_strings_bytes=8 * 1024,
                    shared_strings=20, ratio=50, ratio_floor=4 * 1024, text_run=512, rows=30, columns=8, cells=100,
                    cell=200)
XML_BITS = st.sampled_from([b"<row>", b"</row>", b'<c t="inlineStr"><is><t>', b"</t></is></c>", b" " * 600,
                            "长".encode() * 300, b"<!DOCTYPE x>", b"<si><t>a</t></si>", b"<c><v>1</v></c>", b"&amp;"])


@fuzz_settings()
@given(body=st.lists(XML_BITS, max_size=40), shared=st.lists(XML_BITS, max_size=30),
       claimed=st.one_of(st.none(), st.integers(0, 10_000)))
def test_xlsx_precheck_refuses_in_words_or_reads_within_limits(body, shared, claimed):
    sheet = files.SHEET_HEAD + b"<sheetData>" + files.HEADER_ROW + b"".join(body) + b"</sheetData></worksheet>"
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + b"".join(shared) + b"</sst>"
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = files.xlsx(Path(tmp) / "f.xlsx", files.member("xl/worksheets/sheet1.xml", sheet, claimed),
                          files.member("xl/sharedStrings.xml", sst))
        try:
            table = readers.read_table(path, SMALL)
        except ValidationError as e:
            assert e.message and "Error" not in e.message
            return
    assert len(table.rows) <= SMALL.rows + 1
    assert all(len(v) <= SMALL.columns for _n, v in table.rows)
    assert all(len(x) <= SMALL.cell for _n, v in table.rows for x in v if isinstance(x, str))
