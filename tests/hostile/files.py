"""Hostile input files, built in the tests (small on disk, huge or lying when read).

* ``repeated_deflate``: a raw deflate stream of ``prefix + unit * n + suffix`` built in O(size of one
  block) time by repeating one full-flushed block (a full flush resets the history, so every later
  block compresses to the same bytes); its CRC and size are computed as it is built.
* ``write_zip``: a zip written by hand from such streams, with the sizes in the headers free to lie.
* spreadsheets: under-stated ``<dimension>``, a huge shared string, a whitespace bomb, a giant cell,
  millions of shared strings or rows, an XML entity bomb.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

MB = 1024**2
BLOCK = 1 * MB


@dataclass
class Member:
    name: str
    deflated: bytes
    crc: int
    size: int  # the real size
    claimed: int | None = None  # what the headers say (None: the truth)


def repeated_deflate(prefix: bytes, unit: bytes, total: int, suffix: bytes = b"") -> tuple[bytes, int, int]:
    """(raw deflate, crc32, size) of prefix + unit repeated to about ``total`` bytes + suffix."""
    block = (unit * (BLOCK // len(unit) + 1))[: BLOCK - BLOCK % len(unit)]
    n = max(1, total // len(block))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)]
    first = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    assert first == again  # the history was reset: the block can be repeated byte for byte
    out.append(first * n)
    out.append(c.compress(suffix) + c.flush())
    crc = zlib.crc32(prefix)
    block_crc_state = crc
    for _ in range(n):
        block_crc_state = zlib.crc32(block, block_crc_state)
    crc = zlib.crc32(suffix, block_crc_state)
    return b"".join(out), crc, len(prefix) + n * len(block) + len(suffix)


def member(name: str, data: bytes, claimed: int | None = None) -> Member:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Member(name, c.compress(data) + c.flush(), zlib.crc32(data), len(data), claimed)


def bomb(name: str, prefix: bytes, unit: bytes, total: int, suffix: bytes = b"", claimed: int | None = None) -> Member:
    deflated, crc, size = repeated_deflate(prefix, unit, total, suffix)
    return Member(name, deflated, crc, size, claimed)


def write_zip(path: Path, members: list[Member]) -> Path:
    """Local headers, data, central directory, end record: sizes as ``claimed`` (zip32 only)."""
    body, central = bytearray(), bytearray()
    for m in members:
        name = m.name.encode()
        size = m.size if m.claimed is None else m.claimed
        size = min(size, 0xFFFFFFFE)
        offset = len(body)
        flags = 0x800
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, flags, 8, 0, 0x21, m.crc, len(m.deflated), size,
                            len(name), 0) + name + m.deflated
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", (3 << 8) | 20, 20, flags, 8, 0, 0x21, m.crc,
                               len(m.deflated), size, len(name), 0, 0, 0, 0, 0o100644 << 16, offset) + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(body), 0)
    path.write_bytes(bytes(body + central + end))
    return path


# -- spreadsheets ----------------------------------------------------------------------------------
CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 b'<Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 b'spreadsheetml.sheet.main+xml"/>'
                 b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.spreadsheetml.worksheet+xml"/>'
                 b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
ROOT_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
             b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
             b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                 b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                 b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
              b'spreadsheetml/2006/main">')
HEADER_ROW = ('<row r="1">' + "".join(
    f'<c r="{col}1" t="inlineStr"><is><t>{title}</t></is></c>'
    for col, title in zip("ABCDE", ("开始日期", "活动名称", "类别", "地点", "参与人数"), strict=True)) + "</row>").encode()


def activity_row(n: int, title: str = "舞龙表演") -> bytes:
    cells = (("A", "2024-02-10"), ("B", f"{title}{n}"), ("C", "民俗节庆"), ("D", "文化广场"), ("E", "120"))
    return (f'<row r="{n}">' + "".join(f'<c r="{c}{n}" t="inlineStr"><is><t>{v}</t></is></c>' for c, v in cells)
            + "</row>").encode()


def xlsx(path: Path, sheet: Member, shared: Member | None = None, extra: list[Member] = ()) -> Path:
    shared = shared or member("xl/sharedStrings.xml", b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://'
                              b'schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>')
    return write_zip(path, [member("[Content_Types].xml", CONTENT_TYPES), member("_rels/.rels", ROOT_RELS),
                            member("xl/workbook.xml", WORKBOOK), member("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                            sheet, shared, *extra])


def sheet_xml(rows: bytes, dimension: str | None = None) -> bytes:
    dim = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    return SHEET_HEAD + dim + b"<sheetData>" + HEADER_ROW + rows + b"</sheetData></worksheet>"


def xlsx_understated_dimension(path: Path, rows: int = 5) -> Path:
    body = b"".join(activity_row(n) for n in range(2, rows + 2))
    return xlsx(path, member("xl/worksheets/sheet1.xml", sheet_xml(body, "A1:E2")))


def xlsx_whitespace_bomb(path: Path, size: int = 1024 * MB) -> Path:
    head = SHEET_HEAD + b"<sheetData>" + HEADER_ROW + activity_row(2)
    return xlsx(path, bomb("xl/worksheets/sheet1.xml", head, b" ", size, b"</sheetData></worksheet>"))


def xlsx_giant_cell(path: Path, size: int = 1024 * MB) -> Path:
    head = SHEET_HEAD + b"<sheetData>" + HEADER_ROW + b'<row r="2"><c r="A2" t="inlineStr"><is><t>'
    return xlsx(path, bomb("xl/worksheets/sheet1.xml", head, "长".encode(), size,
                           b"</t></is></c></row></sheetData></worksheet>"))


def xlsx_huge_shared_string(path: Path, size: int = 1024 * MB) -> Path:
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           b'2006/main" count="1" uniqueCount="1"><si><t>')
    sheet = sheet_xml(b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>')
    return xlsx(path, member("xl/worksheets/sheet1.xml", sheet),
                bomb("xl/sharedStrings.xml", sst, b"A", size, b"</t></si></sst>"))


def xlsx_many_shared_strings(path: Path, size: int = 512 * MB) -> Path:
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           b'2006/main">')
    sheet = sheet_xml(b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>')
    return xlsx(path, member("xl/worksheets/sheet1.xml", sheet),
                bomb("xl/sharedStrings.xml", sst, b"<si><t>a</t></si>", size, b"</sst>"))


def xlsx_many_rows(path: Path, size: int = 512 * MB) -> Path:
    head = SHEET_HEAD + b"<sheetData>" + HEADER_ROW
    unit = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx(path, bomb("xl/worksheets/sheet1.xml", head, unit, size, b"</sheetData></worksheet>"))


def xlsx_wide_row(path: Path) -> Path:
    """One cell in the last column (XFD): a reader that pads rows to the widest builds 16,384-wide rows."""
    cells = b"".join(f'<c r="XFD{n}"><v>1</v></c>'.encode() for n in range(2, 2000))
    rows = b"".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>'.encode() for n in range(2, 200_002))
    del cells
    return xlsx(path, member("xl/worksheets/sheet1.xml", sheet_xml(rows)))


def xlsx_entity_bomb(path: Path) -> Path:
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
           + b"".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
                      for i in range(1, 10))
           + b']>')
    sheet = lol + sheet_xml(b'<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>')[38:]
    return xlsx(path, member("xl/worksheets/sheet1.xml", sheet))


def xlsx_understated_sizes(path: Path, size: int = 1024 * MB) -> Path:
    """The sheet's headers claim 1 KB; it inflates to ``size`` (whitespace inside a valid sheet)."""
    head = SHEET_HEAD + b"<sheetData>" + HEADER_ROW + activity_row(2)
    return xlsx(path, bomb("xl/worksheets/sheet1.xml", head, b" ", size, b"</sheetData></worksheet>", claimed=1024))


def csv_giant(path: Path, size: int = 600 * MB) -> Path:
    with open(path, "wb") as f:
        f.write("开始日期,活动名称,类别,地点\n".encode())
        line = b"2024-02-10," + b"A" * (BLOCK - 30) + b",x,y\n"
        for _ in range(size // len(line)):
            f.write(line)
    return path


def csv_many_cells(path: Path, size: int = 300 * MB) -> Path:
    with open(path, "wb") as f:
        f.write("开始日期,活动名称,类别,地点\n".encode())
        line = b"," * (BLOCK - 1) + b"\n"
        for _ in range(size // len(line)):
            f.write(line)
    return path


# -- bags ------------------------------------------------------------------------------------------
def bag_with_bomb(src: Path, dest: Path, size: int = 3 * 1024 * MB, claimed: int | None = 1024,
                  where: str = "data/attachments/" + "0" * 64) -> Path:
    """A real bag plus one member that inflates to ``size`` while its headers claim ``claimed``."""
    import zipfile

    with zipfile.ZipFile(src) as zf:
        infos = zf.infolist()
        top = infos[0].filename.split("/", 1)[0]
        members = [member(i.filename, zf.read(i)) for i in infos if not i.is_dir()]
    members.append(bomb(f"{top}/{where}", b"", b"\0", size, claimed=claimed))
    return write_zip(dest, members)


def csv_wide_rows(path: Path, rows: int = 20_000, columns: int = 250) -> Path:
    """Every row as wide as allowed: each row passes the column limit, the sheet does not pass the cells limit."""
    with open(path, "wb") as f:
        f.write("开始日期,活动名称,类别,地点\n".encode())
        line = ",".join(["x"] * columns).encode() + b"\n"
        for _ in range(rows):
            f.write(line)
    return path
