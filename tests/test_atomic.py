"""Files replaced in one step: a reader sees the old bytes or the new, and a failed write leaves nothing."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kompiler import atomic
from kompiler.atomic import replace_file


def test_the_new_bytes_replace_the_old_with_the_given_permissions(tmp_path: Path) -> None:
    target = tmp_path / "jabatan.yaml"
    target.write_bytes(b"lama")
    replace_file(target, b"baru", mode=0o640)
    assert target.read_bytes() == b"baru"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["jabatan.yaml"]


def test_a_write_that_fails_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "jabatan.yaml"
    target.write_bytes(b"lama")

    def interrupted(path: object, mode: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "chmod", interrupted)
    with pytest.raises(KeyboardInterrupt):
        replace_file(target, b"baru", mode=0o644)
    assert target.read_bytes() == b"lama"
    assert [p.name for p in tmp_path.iterdir()] == ["jabatan.yaml"]
