"""The dossier as an archive document: identity on the cover, DA/T 22 catalogue, 备考表, PDF/A-2b, typography."""

from __future__ import annotations

import io
import re
from datetime import date

import pikepdf
import pytest
from pypdf import PdfReader

from reports import pdfa
from reports.dossier import render_dossier
from reports.templates import MARGIN_LEFT, TABLE_SIZE
from storage import centers, retention
from storage.errors import ValidationError

from .conftest import page_texts, section_pages


def test_demo_dossier_is_valid_pdfa_2b(demo_2017_pdf):
    verdict = pdfa.check(demo_2017_pdf)
    assert verdict.passed, verdict.findings[:5]
    with pikepdf.open(io.BytesIO(demo_2017_pdf)) as pdf:
        assert "/OutputIntents" in pdf.Root
        with pdf.open_metadata() as meta:
            assert meta.get("pdfaid:part") == "2" and meta.get("pdfaid:conformance") == "B"
        assert all("/Trans" not in page.obj for page in pdf.pages)


def test_a_broken_pdf_fails_the_validator(demo_2017_pdf):
    with pikepdf.open(io.BytesIO(demo_2017_pdf)) as pdf:
        del pdf.Root["/OutputIntents"]  # device colour without an output intent
        pdf.Root["/OpenAction"] = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        out = io.BytesIO()
        pdf.save(out)
    verdict = pdfa.check(out.getvalue())
    assert not verdict.passed and verdict.findings
    assert "不符合 PDF/A-2b" in verdict.text


def test_cover_catalogue_and_backup_table_agree(demo_2017_pdf):
    texts = page_texts(demo_2017_pdf)
    cover = texts[0]
    for field in ("全宗号", "档", "保管期限", "件数、页数", "立卷人", "检查人", "检查日期", "打印日期", "档案指纹",
                  "苍城镇城东村综合性文化服务中心", "2017年1月1日至2017年12月31日"):
        assert field in cover, field
    m = re.search(r"本卷共 (\d+) 件，(\d+) 页，照片 (\d+) 张", cover)
    assert m
    items, pages, photos = map(int, m.groups())
    catalogue = "\n".join(section_pages(texts, "一、归档文件目录", "二、中心概况与场地设施")).replace("-\n", "-")
    numbers = re.findall(r"KPCCCD-2017-(?:HD|SB)-\d{4}", catalogue)
    assert len(numbers) == items == len(set(numbers))
    # DA/T 22 columns and date order within the year
    for col in ("件号", "责任者", "文号", "题名", "日期", "页数", "密级", "保管期限", "备注"):
        assert col in re.sub(r"\s", "", catalogue)
    days = re.findall(r"\b(2017\d{4})\b", catalogue)
    assert days == sorted(days) and len(days) >= items
    assert re.search(r"验〔2017〕\d+号", catalogue.replace("\n", ""))  # acceptance report numbers as 文号
    assert f"本期共 {items} 件 {pages} 页" in catalogue
    backup = texts[-1]
    assert "备考表" in backup and f"本卷共 {items} 件 {pages} 页、照片 {photos} 张" in backup
    for word in ("立卷人", "检查人", "单位盖章", "李秀英"):
        assert word in backup
    toc = texts[1]
    assert re.search(r"备考表\s*" + str(len(texts)), toc)


def test_fonds_number_and_retention_rule_reach_the_cover(archive):
    with archive.session() as s:
        c = centers.own_center(s)
        centers.update_center(s, "测试员", c, fonds_number="Z118", retention_rule="activity=永久")
    pdf = render_dossier(archive, start=date(2017, 1, 1), end=date(2017, 12, 31), deterministic=True,
                         sections=["catalogue"])
    cover = page_texts(pdf)[0]
    assert "Z118" in cover and "Z118-2017-Y" in cover and "永久" in cover
    with archive.session() as s, pytest.raises(ValidationError):
        centers.update_center(s, "测试员", centers.own_center(s), retention_rule="activity=五年")


def test_retention_rule_defaults_and_archive_number():
    assert retention.parse_rule("") == retention.DEFAULTS
    assert retention.parse_rule("equipment=永久；activity=定期30年")["equipment"] == "永久"
    assert retention.format_rule({"activity": "定期10年", "equipment": "永久"}) == "equipment=永久"
    assert retention.longest(["定期10年", "定期30年"]) == "定期30年"
    with pytest.raises(ValidationError):
        retention.parse_rule("photos=永久")


def test_typography_binding_margin_and_table_size(demo_2017_pdf):
    from reportlab.lib.units import mm

    assert MARGIN_LEFT >= 28 * mm and TABLE_SIZE >= 10
    reader = PdfReader(io.BytesIO(demo_2017_pdf))
    sizes, lefts = set(), []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.add(round(size * tm[0], 1))
            lefts.append(cm[4] + tm[4] * cm[0])

    page = reader.pages[len(reader.pages) // 2]
    page.extract_text(visitor_text=visit)
    assert min(sizes) >= 8  # footers' fingerprint is the only text below 10 pt
    assert min(x for x in lefts) >= 28 * mm - 0.5
    # no line opens with closing punctuation
    for text in page_texts(demo_2017_pdf):
        for line in text.splitlines():
            assert not re.match(r"^[，。、；：？！）》」』】〕]", line), line


def _drawn_images(pdf: bytes):
    """(pixel width, drawn width in points) of every image drawn, from the content streams' cm operators."""
    out = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
            stack, ctm = [], [1, 0, 0, 1, 0, 0]
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op == "q":
                    stack.append(ctm)
                elif op == "Q":
                    ctm = stack.pop()
                elif op == "cm":
                    a, b, c, d, e, f = (float(x) for x in operands)
                    A, B, C, D, E, F = ctm
                    ctm = [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E,
                           e * B + f * D + F]
                elif op == "Do":
                    xo = xobjects.get(str(operands[0]))
                    if xo is not None and xo.get("/Subtype") == "/Image":
                        out.append((int(xo.Width), abs(ctm[0])))
    return out


def test_photos_print_at_200_ppi_or_finer_and_large_ones_are_reduced(archive):
    from PIL import Image

    from storage import activities, attachments

    def jpeg(size):
        buf = io.BytesIO()
        Image.new("RGB", size, (180, 60, 40)).save(buf, "JPEG", quality=90)
        return buf.getvalue()

    with archive.session() as s:
        act = activities.create_activity(s, "测试员", centers.own_center(s), start_date=date(2017, 5, 1),
                                         title="读书会", category="阅读服务", location="农家书屋", organizer="村委会")
        attachments.add_attachment(s, "测试员", act, jpeg((4000, 3000)), "big.jpg", caption="读书会现场（大图）")
        attachments.add_attachment(s, "测试员", act, jpeg((200, 150)), "small.jpg", caption="读书会现场（小图）")
    pdf = render_dossier(archive, start=date(2017, 1, 1), end=date(2017, 12, 31), deterministic=True,
                         sections=["photos"])
    images = _drawn_images(pdf)
    assert len(images) == 2
    for px, pt in images:
        ppi = px / (pt / 72)
        assert ppi >= 199.9, ppi
        assert px <= 1000  # the 4000-pixel original is reduced for print, not embedded whole
    text = "".join(page_texts(pdf)).replace("\n", "")
    assert "读书会现场（大图）" in text and "读书会现场（小图）" in text  # captions are text, not pixels
