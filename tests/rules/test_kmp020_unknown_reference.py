"""KMP020, a reference to a grade, family, competency or source that is not declared."""

from __future__ import annotations

from tests.rules.conftest import POSITION, Project, where


def test_kmp020_unknown_grade(project: Project) -> None:
    project.edit(POSITION, "jenjang: AHLI-MUDA", "jenjang: AHLI-MUDAA")
    [found] = project.diagnostics("KMP020")
    assert where(found) == (POSITION, *project.locate(POSITION, "AHLI-MUDAA"))
    assert found.message.en == "The grade 'AHLI-MUDAA' is not declared in jenjang.yaml."


def test_kmp020_passes_on_declared_references(project: Project) -> None:
    assert project.diagnostics("KMP020") == []
