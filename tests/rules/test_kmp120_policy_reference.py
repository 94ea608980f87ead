"""KMP120: the development policy names a learning form, competency or grade that no file declares."""

from __future__ import annotations

from tests.rules.conftest import Project, where
from tests.rules.policy import write_policy

CATALOGUE = "pengembangan/katalog.yaml"


def test_kmp120_unknown_form_with_a_suggestion(project: Project) -> None:
    write_policy(project)
    project.edit(CATALOGUE, "bentuk: coaching", "bentuk: coachng")
    [found] = project.diagnostics("KMP120")
    line, column = project.locate(CATALOGUE, "coachng")
    assert where(found) == (CATALOGUE, line, column)
    assert found.message.en == (
        "The learning form 'coachng' is not declared in bentuk_pembelajaran. Did you mean coaching?"
    )


def test_kmp120_unknown_competency(project: Project) -> None:
    write_policy(project)
    project.edit(CATALOGUE, "kompetensi: T.KEU.02", "kompetensi: T.KEU.09")
    [found] = project.diagnostics("KMP120")
    line, column = project.locate(CATALOGUE, "T.KEU.09")
    assert where(found) == (CATALOGUE, line, column)
    assert found.message.id.startswith("Kompetensi 'T.KEU.09' tidak dideklarasikan di kamus/.")


def test_kmp120_unknown_grades_in_penyetaraan(project: Project) -> None:
    write_policy(project)
    project.edit("pengembangan/penyetaraan.yaml", "setara: AHLI-MADYA", "setara: AHLI-MADIA")
    project.edit("pengembangan/penyetaraan.yaml", "jenjang: PENGAWAS", "jenjang: ESELON-V")
    found = project.diagnostics("KMP120")
    assert [f.message.en for f in found] == [
        "The grade 'AHLI-MADIA' is not declared in jenjang.yaml. Did you mean AHLI-MADYA?",
        "The grade 'ESELON-V' is not declared in jenjang.yaml.",
    ]


def test_kmp120_a_form_declared_with_a_schema_error_is_not_unknown(project: Project) -> None:
    write_policy(project)
    project.edit("pengembangan/bentuk.yaml", "kelompok: 20", "kelompok: 30")
    assert project.diagnostics("KMP120") == []
    assert {d.code for d in project.diagnostics()} == {"KMP011"}
