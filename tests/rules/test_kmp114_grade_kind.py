"""KMP114, position kind matches the grade: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from tests.rules.conftest import POSITION, Project, administrator, executor, where


def test_kmp114_kind_differs_from_the_grade(project: Project) -> None:
    project.edit(POSITION, "jenis: fungsional_keahlian", "jenis: fungsional_keterampilan")
    (found,) = project.diagnostics("KMP114")
    assert where(found) == (POSITION, *project.locate(POSITION, "fungsional_keterampilan"))
    assert found.message.id == (
        "Jenis jabatan fungsional_keterampilan, tetapi jenjang Ahli Muda (AHLI-MUDA) adalah jenjang "
        "fungsional_keahlian."
    )


def test_kmp114_passes(project: Project) -> None:
    administrator(project)
    executor(project)
    assert project.diagnostics("KMP114") == []
