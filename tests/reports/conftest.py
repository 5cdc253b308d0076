"""Fixtures for the report tests: a read-only demo archive, a big bulk-filled year, PDF text helpers."""

from __future__ import annotations

import io
import shutil
from datetime import date

import pytest
from pypdf import PdfReader

from reports.dossier import render_dossier
from storage.engine import open_archive

from .bulk import fill_year


@pytest.fixture
def demo_archive(demo_path):
    a = open_archive(demo_path, actor="测试员", daily_backup=False)
    yield a
    a.close()


@pytest.fixture(scope="session")
def demo_2017_pdf(demo_master, tmp_path_factory) -> bytes:
    """The demo's 2017 dossier, built once (deterministic)."""
    path = tmp_path_factory.mktemp("demo-pdf") / "demo.db"
    shutil.copy2(demo_master, path)
    a = open_archive(path, readonly=True)
    try:
        return render_dossier(a, start=date(2017, 1, 1), end=date(2017, 12, 31), deterministic=True)
    finally:
        a.close()


@pytest.fixture(scope="session")
def big_archive_path(tmp_path_factory):
    """A year with 2,000 activities, 1,000 equipment items, 365 log days and 300 photos (built once)."""
    from storage import centers

    path = tmp_path_factory.mktemp("big") / "big.db"
    a = open_archive(path, create=True, actor="测试员")
    try:
        with a.session() as s:
            centers.create_center(s, a.actor, own=True, name="城东村综合性文化服务中心", town="苍城镇",
                                  village="城东村", code="BIG", keeper="李秀英")
            centers.set_role(s, "village")
        fill_year(a, 2017)
    finally:
        a.close()
    return path


@pytest.fixture(scope="session")
def big_pdf(big_archive_path) -> bytes:
    a = open_archive(big_archive_path, readonly=True)
    try:
        return render_dossier(a, start=date(2017, 1, 1), end=date(2017, 12, 31), deterministic=True)
    finally:
        a.close()


def page_texts(pdf: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]


def section_pages(texts: list[str], title: str, next_title: str | None) -> list[str]:
    """The pages from the one whose first heading is ``title`` up to (not including) ``next_title``'s."""
    def starts(text, t):
        return any(line.strip() == t for line in text.splitlines()[:6])

    begin = next(i for i, t in enumerate(texts) if i > 1 and starts(t, title))
    end = len(texts)
    if next_title:
        end = next(i for i, t in enumerate(texts) if i > begin and starts(t, next_title))
    return texts[begin:end]
