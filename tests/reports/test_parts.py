"""The building blocks: the archive fingerprint, CJK cell wrapping, the PDF's structure, odd attachments."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.dossier import fingerprint_of, render_dossier
from reports.fonts import register_fonts
from reports.wrapping import _NO_START, _WORD, wrap_text
from storage import activities, attachments, centers
from storage.models import Attachment

from .conftest import page_texts, section_pages

FONT = register_fonts().regular


def _activity(s, day: date, title: str = "读书会"):
    return activities.create_activity(s, "测试员", centers.own_center(s), start_date=day, title=title,
                                      category="阅读服务", location="农家书屋", organizer="村委会", participants=12)


def test_fingerprint_covers_the_period_and_nothing_else(archive):
    with archive.session() as s:
        act = _activity(s, date(2017, 5, 1))
        attachments.add_attachment(s, "测试员", act, b"not really a photo", "a.jpg", caption="读书会现场")
    year = (date(2017, 1, 1), date(2017, 12, 31))
    first = fingerprint_of(archive, None, *year)
    assert len(first) == 64 and first == fingerprint_of(archive, None, *year)
    with archive.session() as s:
        _activity(s, date(2018, 3, 1))  # another year: not in the 2017 fingerprint
    assert fingerprint_of(archive, None, *year) == first
    with archive.session() as s:
        att = s.query(Attachment).one()
        attachments.update_caption(s, "测试员", att, "读书会现场（更正）")
    second = fingerprint_of(archive, None, *year)
    assert second != first  # a caption is content
    with archive.session() as s:
        _activity(s, date(2017, 6, 1))
    assert fingerprint_of(archive, None, *year) != second
    assert fingerprint_of(archive, None, date(2017, 1, 1), date(2017, 3, 31)) != second


def test_fingerprint_is_the_same_for_a_copy_of_the_archive(demo_path, tmp_path):
    from storage.engine import open_archive

    copy = tmp_path / "copy.db"
    shutil.copy2(demo_path, copy)
    prints = []
    for path in (demo_path, copy):
        a = open_archive(path, readonly=True)
        try:
            prints.append(fingerprint_of(a, None, date(2017, 1, 1), date(2017, 12, 31)))
        finally:
            a.close()
    assert prints[0] == prints[1]


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("春节舞龙闹新春，。、（）“”ABC abc 0123-45《》：防诈骗")),
                    min_size=0, max_size=120),
       width=st.floats(min_value=20, max_value=200))
def test_wrap_text_fits_keeps_every_character_and_respects_punctuation(text, width):
    size = 7.5
    wrapped = wrap_text(text, FONT, size, width)
    lines = wrapped.split("\n")
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    one_char = max((stringWidth(ch, FONT, size) for ch in text), default=0)
    for i, line in enumerate(lines):
        w = stringWidth(line, FONT, size)
        # a line may only overflow when it is a single unbreakable character, or a carried pair
        assert w <= width + 0.01 or len(line.strip()) <= 1 or w <= width + 2 * one_char
        if i and line:
            # closing punctuation opens a line only when the line before is one unbreakable word
            assert line[0] not in _NO_START or len(_WORD.findall(lines[i - 1])) <= 1


def test_a_file_that_is_not_an_image_is_listed_not_drawn(archive):
    with archive.session() as s:
        act = _activity(s, date(2017, 5, 1), "消防演练")
        attachments.add_attachment(s, "测试员", act, b"%PDF-1.4 minutes", "会议记录.pdf", caption="会议记录")
        attachments.add_attachment(s, "测试员", act, _jpeg(), "现场.jpg", caption="演练现场")
    pdf = render_dossier(archive, start=date(2017, 1, 1), end=date(2017, 12, 31), sections=["photos"])
    text = "".join(section_pages(page_texts(pdf), "一、照片附录", None)).replace("\n", "")  # narrow caption cells
    assert "无法预览：会议记录.pdf" in text and "演练现场" in text and "TEST-2017-HD-0001" in text
    assert b"/Subtype /Image" in pdf


def _jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 40, 40)).save(out, "JPEG")
    return out.getvalue()


def test_qpdf_finds_the_dossier_sound(demo_2017_pdf, tmp_path):
    path = tmp_path / "d.pdf"
    path.write_bytes(demo_2017_pdf)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_ledger_shows_the_status_on_the_periods_last_day(demo_archive):
    # the demo's projector went for repair on 2021-06-03 and came back on 2021-06-20
    during = render_dossier(demo_archive, start=date(2021, 6, 1), end=date(2021, 6, 10), sections=["equipment"])
    after = render_dossier(demo_archive, start=date(2021, 1, 1), end=date(2021, 12, 31), sections=["equipment"])

    def projector_row(pdf):
        text = "\n".join(page_texts(pdf))
        return text[text.index("投影仪"):text.index("投影仪") + 60]

    assert "维修" in projector_row(during)
    assert "在用" in projector_row(after) and "维修" not in projector_row(after)
