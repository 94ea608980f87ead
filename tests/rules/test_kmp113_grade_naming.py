"""KMP113, position name matches the grade: each case fails or passes a copy of the minimal project."""

from __future__ import annotations

from tests.rules.conftest import POSITION, Project, administrator, where


def test_kmp113_name_of_another_grade(project: Project) -> None:
    project.edit(POSITION, "Daerah Ahli Muda", "Daerah Ahli Madya")
    (found,) = project.diagnostics("KMP113")
    assert where(found) == (POSITION, *project.locate(POSITION, "Analis Keuangan"))
    assert found.message.id == (
        "Nama jabatan 'Analis Keuangan Pusat dan Daerah Ahli Madya' menyebut 'Ahli Madya' (jenjang AHLI-MADYA), "
        "padahal jenjangnya Ahli Muda (AHLI-MUDA)."
    )


def test_kmp113_name_without_its_grade(project: Project) -> None:
    project.edit(POSITION, "Daerah Ahli Muda", "Daerah")
    (found,) = project.diagnostics("KMP113")
    assert where(found) == (POSITION, *project.locate(POSITION, "Analis Keuangan"))
    assert "does not contain 'Ahli Muda', the naming pattern of the grade AHLI-MUDA" in found.message.en


def test_kmp113_passes_with_the_grade_in_any_case_and_spacing(project: Project) -> None:
    administrator(project)
    project.edit(POSITION, "Daerah Ahli Muda", "Daerah  ahli muda")
    assert project.diagnostics("KMP113") == []
