"""KMP020, a reference to a grade, family, competency or source that is not declared."""

from __future__ import annotations

from tests.rules.conftest import POSITION, Project, where


def test_kmp020_unknown_grade(project: Project) -> None:
    project.edit(POSITION, "jenjang: AHLI-MUDA", "jenjang: AHLI-MUDAA")
    [found] = project.diagnostics("KMP020")
    assert where(found) == (POSITION, *project.locate(POSITION, "AHLI-MUDAA"))
    assert (
        found.message.en == "The grade 'AHLI-MUDAA' is not declared in jenjang.yaml. Did you mean AHLI-MUDA?"
    )
    assert found.message.id.endswith("tidak dideklarasikan di jenjang.yaml. Maksud Anda AHLI-MUDA?")


def test_kmp020_suggests_the_closest_family_and_competency(project: Project) -> None:
    project.edit(POSITION, "rumpun: RJ-KEU", "rumpun: RJ-KUE")
    project.edit(POSITION, "kode: T.KEU.02", "kode: T.KEU.20")
    family, competency = project.diagnostics("KMP020")
    assert family.message.en == "The job family 'RJ-KUE' is not declared in rumpun/. Did you mean RJ-KEU?"
    assert (
        competency.message.en == "The competency 'T.KEU.20' is not declared in kamus/. Did you mean T.KEU.02?"
    )


def test_kmp020_suggests_nothing_when_nothing_is_close(project: Project) -> None:
    project.edit(POSITION, "jenjang: AHLI-MUDA", "jenjang: GURU")
    [found] = project.diagnostics("KMP020")
    assert found.message.en == "The grade 'GURU' is not declared in jenjang.yaml."


def test_kmp020_passes_on_declared_references(project: Project) -> None:
    assert project.diagnostics("KMP020") == []
