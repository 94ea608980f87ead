"""KMP105, rank and education within the grade's limits: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from tests.rules.conftest import POSITION, Project, where


def test_kmp105_rank_outside_the_grade(project: Project) -> None:
    project.edit(POSITION, "golongan: III/c", "golongan: III/a")
    (found,) = project.diagnostics("KMP105")
    assert where(found) == (POSITION, *project.locate(POSITION, "III/a"))
    assert (
        found.message.id
        == "Golongan III/a di luar rentang jenjang Ahli Muda (AHLI-MUDA): III/c sampai III/d."
    )


def test_kmp105_rank_that_does_not_exist(project: Project) -> None:
    project.edit(POSITION, "golongan: III/c", "golongan: III/e")
    (found,) = project.diagnostics("KMP105")
    assert where(found) == (POSITION, *project.locate(POSITION, "III/e"))
    assert "There is no rank III/e" in found.message.en


def test_kmp105_education_below_the_minimum(project: Project) -> None:
    project.edit(POSITION, "    - jenjang: S1", "    - jenjang: S1\n      tingkat: mutlak\n    - jenjang: D3")
    (found,) = project.diagnostics("KMP105")
    assert where(found) == (POSITION, *project.locate(POSITION, "D3"))
    assert (
        found.message.id
        == "Pendidikan D3 di bawah pendidikan minimal jenjang Ahli Muda (AHLI-MUDA), yaitu S1."
    )


def test_kmp105_passes_within_the_range(project: Project) -> None:
    project.edit(POSITION, "golongan: III/c", "golongan: III/d")
    project.edit(
        POSITION, "    - jenjang: S1", "    - jenjang: S2\n      tingkat: penting\n    - jenjang: S1"
    )
    assert project.diagnostics("KMP105") == []
