"""The compact shared-string table reads what openpyxl reads, and a sheet using it imports the same."""

import io

from openpyxl.reader.strings import read_string_table

from storage.sheets.sharedstrings import SharedStrings, read_shared_strings

SST = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="8" uniqueCount="8">'
       '<si><t>春节舞龙</t></si>'
       '<si><t xml:space="preserve">  前后有空格  </t></si>'
       '<si><t/></si>'
       '<si><r><rPr><b/></rPr><t>粗体</t></r><r><t xml:space="preserve"> 和普通</t></r></si>'
       '<si><t>舞龙</t><rPh sb="0" eb="2"><t>wulong</t></rPh><phoneticPr fontId="1"/></si>'
       '<si><t>a_x005F_x000D_b</t></si>'
       '<si><t>多行\n内容 &amp; &lt;符号&gt;</t></si>'
       '<si></si>'
       '</sst>').encode()


def test_same_strings_as_openpyxl():
    ours = read_shared_strings(io.BytesIO(SST))
    theirs = read_string_table(io.BytesIO(SST))
    assert list(ours) == theirs and len(ours) == 8
    assert ours[0] == "春节舞龙" and ours[3] == "粗体 和普通" and ours[-1] == theirs[-1]


def test_index_out_of_range():
    table = SharedStrings()
    table.append("一")
    assert table[0] == table[-1] == "一"
    for bad in (1, -2):
        try:
            table[bad]
        except IndexError:
            continue
        raise AssertionError(bad)
