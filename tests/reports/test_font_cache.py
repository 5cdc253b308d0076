"""The parsed-font cache (reports.fonts.load_ttfont): the cached face equals a freshly parsed one; a broken
or unwritable cache only costs time."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from reports import fonts
from reports.fonts import SONG_PATH, SUBFONT_REGULAR, TTC_PATH, load_ttfont


def _same_face(fresh, cached) -> None:
    skip = ("_pdfScale", "_pos")
    a = {k: v for k, v in fresh.face.__dict__.items() if k not in skip}
    b = {k: v for k, v in cached.face.__dict__.items() if k not in skip}
    assert a.keys() == b.keys()
    for k, v in a.items():
        assert v == b[k] and type(v) is type(b[k]), k
        if isinstance(v, dict):  # order and value types too (ints stay ints, widths stay floats)
            assert list(v) == list(b[k]), k
            assert [type(x) for x in v.values()] == [type(x) for x in b[k].values()], k
        if isinstance(v, list):
            assert [type(x) for x in v] == [type(x) for x in b[k]], k
            if v and isinstance(v[0], tuple):
                assert [tuple(map(type, x)) for x in v] == [tuple(map(type, x)) for x in b[k]], k
    assert [fresh.face._pdfScale(x) for x in range(0, 4000, 7)] == [cached.face._pdfScale(x) for x in range(0, 4000, 7)]
    assert fresh.shapable == cached.shapable and fresh._asciiReadable == cached._asciiReadable
    assert fresh.fontName == cached.fontName


@pytest.mark.parametrize("path,sub", [(SONG_PATH, 0), (TTC_PATH, SUBFONT_REGULAR)])
def test_cached_face_equals_parsed_face(tmp_path, monkeypatch, path, sub):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = load_ttfont("X", path, sub)  # parses and writes the cache
    cache = fonts._cache_file(path, sub)
    assert cache is not None and cache.is_file()
    second = load_ttfont("X", path, sub)  # from the cache
    fresh = TTFont("X", str(path), subfontIndex=sub)
    _same_face(fresh, first)
    _same_face(fresh, second)
    text = "村级文化档案 2025-03-05（第 1 页）"
    assert second.stringWidth(text, 10) == fresh.stringWidth(text, 10)


def test_a_broken_cache_is_rebuilt_and_an_unwritable_one_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    load_ttfont("X", SONG_PATH)
    cache = fonts._cache_file(SONG_PATH, 0)
    cache.write_bytes(b"\x00garbage")
    font = load_ttfont("X", SONG_PATH)
    _same_face(TTFont("X", str(SONG_PATH)), font)
    assert fonts._read_cache(cache) is not None  # written again
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    _same_face(TTFont("X", str(SONG_PATH)), load_ttfont("X", SONG_PATH))
