"""An .xlsx's shared-string table in little memory, read as openpyxl reads it.

openpyxl keeps each shared string as a Python object (and its parser keeps an emptied element per string
until the end): 1,000,000 short strings — the limit in limits.py — took ~195 MB. Here the strings are one
UTF-8 buffer plus an array of end offsets (~70 MB for the largest legal table), and a string is decoded
when a cell asks for it. The text of each ``<si>`` is what openpyxl gives: its ``<t>``, or the ``<t>`` of its
rich-text runs joined, phonetic hints left out, ``x005F_`` removed.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import BinaryIO
from xml.etree.ElementTree import iterparse

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SI, T = NS + "si", NS + "t"


class SharedStrings(Sequence):
    def __init__(self):
        self._data = bytearray()
        self._ends = array("Q")

    def append(self, text: str) -> None:
        self._data += text.encode("utf-8")
        self._ends.append(len(self._data))

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._ends)
        if not 0 <= index < len(self._ends):
            raise IndexError("shared string index out of range")
        start = self._ends[index - 1] if index else 0
        return self._data[start:self._ends[index]].decode("utf-8")


def read_shared_strings(src: BinaryIO) -> SharedStrings:
    from openpyxl.cell.text import Text

    table = SharedStrings()
    root = None
    for event, node in iterparse(src, events=("start", "end")):
        if root is None:
            root = node
            continue
        if event != "end" or node.tag != SI:
            continue
        if len(node) == 1 and node[0].tag == T and not len(node[0]):
            text = node[0].text or ""
        else:
            text = Text.from_tree(node).content
        table.append(text.replace("x005F_", ""))
        root.clear()  # the strings read so far are in the table: drop their elements
    return table


def load_workbook(file: BinaryIO):
    """``openpyxl.load_workbook(file, read_only=True, data_only=True)`` with the compact shared strings."""
    from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader

    reader = ExcelReader(file, read_only=True, data_only=True)

    def read_strings() -> None:
        ct = reader.package.find(SHARED_STRINGS)
        if ct is not None:
            with reader.archive.open(ct.PartName[1:]) as src:
                reader.shared_strings = read_shared_strings(src)

    reader.read_strings = read_strings
    reader.read()
    return reader.wb
