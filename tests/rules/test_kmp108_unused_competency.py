"""KMP108, unused competency: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from kompiler.diagnostics import Severity
from tests.rules.conftest import POSITION, TECHNICAL, Project, where


def test_kmp108_unused_competency(project: Project) -> None:
    project.edit(POSITION, "    - kode: T.KEU.02\n      level: 2\n", "")
    (found,) = project.diagnostics("KMP108")
    assert where(found) == (TECHNICAL, *project.locate(TECHNICAL, "T.KEU.02"))
    assert found.severity is Severity.INFO
    assert (
        found.message.id
        == "Kompetensi T.KEU.02 (Penyusunan Laporan Keuangan) tidak dipersyaratkan oleh jabatan mana pun."
    )


def test_kmp108_silent_without_positions(project: Project) -> None:
    project.path(POSITION).unlink()
    assert project.diagnostics("KMP108") == []
