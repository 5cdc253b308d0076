"""Atomic writes: the target appears whole or not at all; nothing half-made stays in sight."""

import os

import pytest

from storage import atomicfile


def test_write_replaces_whole(tmp_path):
    target = tmp_path / "汇编.pdf"
    target.write_bytes(b"old")
    atomicfile.write_bytes(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in tmp_path.iterdir()] == ["汇编.pdf"]


def test_an_error_inside_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "ledger.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomicfile.replacing(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.xlsx"]


def test_stale_temp_files_of_a_killed_write_are_swept(tmp_path):
    target = tmp_path / "bag.zip"
    stale = tmp_path / f".bag.zip.{os.getpid() + 1}.part"
    stale.write_bytes(b"killed mid-write")
    atomicfile.write_bytes(target, b"zip")
    assert not stale.exists() and target.read_bytes() == b"zip"
