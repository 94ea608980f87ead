"""The Kelompok Jabatan line names the grade only when the kind's label does not already say it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import REPO

EXPECTED = {
    ("NTB.ADM.BKD.MUTASI", "id"): "Jabatan Administrator",
    ("NTB.ADM.BKD.MUTASI", "en"): "Administrator Position",
    ("NTB.PWS.BKD.PROGKEU", "id"): "Jabatan Pengawas",
    ("NTB.JF.AKPD.MUDA", "id"): "Jabatan Fungsional Keahlian (Ahli Muda)",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("kelompok") / "standar"
    shutil.copytree(REPO / "standards", target, ignore=shutil.ignore_patterns(".kompiler-cache"))
    return target


@pytest.mark.parametrize(("code", "locale"), list(EXPECTED))
def test_group_line(
    code: str, locale: str, project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli(
        ["build", ".", "-o", str(tmp_path / "out"), "--only", code, "--locale", locale, "-q"], project
    )
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "out" / f"{code}.md").read_text(encoding="utf-8")
    [line] = [
        line for line in markdown.splitlines() if "Kelompok Jabatan" in line or "Position Group" in line
    ]
    assert line.rstrip(" |").endswith(EXPECTED[code, locale]), line
