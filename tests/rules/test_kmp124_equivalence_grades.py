"""KMP124: a penyetaraan not from a structural to a functional grade, or a grade equated twice."""

from __future__ import annotations

from tests.rules.conftest import Project, where
from tests.rules.policy import write_policy

EQUIVALENCE = "pengembangan/penyetaraan.yaml"


def test_kmp124_from_a_functional_grade(project: Project) -> None:
    write_policy(project)
    project.edit(EQUIVALENCE, "jenjang: PENGAWAS", "jenjang: AHLI-PERTAMA")
    [found] = project.diagnostics("KMP124")
    line, column = project.locate(EQUIVALENCE, "AHLI-PERTAMA")
    assert where(found) == (EQUIVALENCE, line, column)
    assert found.message.en.startswith("The grade AHLI-PERTAMA is of kind fungsional_keahlian;")


def test_kmp124_to_a_structural_grade(project: Project) -> None:
    write_policy(project)
    project.edit(EQUIVALENCE, "setara: AHLI-MUDA", "setara: ADMINISTRATOR")
    [found] = project.diagnostics("KMP124")
    assert found.message.id.startswith("Jenjang ADMINISTRATOR berjenis administrator; penyetaraan menuju")


def test_kmp124_a_grade_equated_twice(project: Project) -> None:
    write_policy(project)
    project.edit(EQUIVALENCE, "jenjang: PENGAWAS", "jenjang: ADMINISTRATOR")
    [found] = project.diagnostics("KMP124")
    line, _ = project.locate(EQUIVALENCE, "ADMINISTRATOR", nth=2)
    assert where(found)[:2] == (EQUIVALENCE, line)
    assert found.message.en.startswith(
        "The grade ADMINISTRATOR is already equated with AHLI-MADYA on line 2;"
    )
