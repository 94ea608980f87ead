"""KMP122: match categories out of order, not ending at 0, codes twice; talent cut points not rising."""

from __future__ import annotations

from tests.rules.conftest import Project, where
from tests.rules.policy import write_policy

MATCH = "pengembangan/kecocokan.yaml"


def test_kmp122_a_category_not_below_the_one_before(project: Project) -> None:
    write_policy(project)
    project.edit(MATCH, "minimal: 68", "minimal: 80")
    [found] = project.diagnostics("KMP122")
    line, column = project.locate(MATCH, "80", nth=2)
    assert where(found) == (MATCH, line, column)
    assert found.message.en.startswith(
        "The minimum of the category 'masih_memenuhi_syarat' (80) must be below that of the category before "
        "it, 'memenuhi_syarat' (80)"
    )


def test_kmp122_the_last_category_must_start_at_0(project: Project) -> None:
    write_policy(project)
    project.edit(MATCH, "minimal: 0", "minimal: 10")
    [found] = project.diagnostics("KMP122")
    assert found.message.en == (
        "The last category of the purpose 'pengisian' must have minimum 0, so that a percentage below 10 "
        "falls into a category too."
    )


def test_kmp122_a_category_code_twice(project: Project) -> None:
    write_policy(project)
    project.edit(MATCH, "kode: kurang_memenuhi_syarat", "kode: memenuhi_syarat")
    [found] = project.diagnostics("KMP122")
    line, column = project.locate(MATCH, "kode: memenuhi_syarat", nth=2)
    assert where(found) == (MATCH, line, column + len("kode: "))
    assert found.related[0].location.line == project.locate(MATCH, "kode: memenuhi_syarat")[0]


def test_kmp122_talent_cut_points_must_rise(project: Project) -> None:
    write_policy(project)
    project.edit("pengembangan/talenta.yaml", "potensi:\n    batas: [2, 3]", "potensi:\n    batas: [3, 3]")
    [found] = project.diagnostics("KMP122")
    assert where(found)[0] == "pengembangan/talenta.yaml"
    assert found.message.en.startswith(
        "The second cut point of the potential axis (3) must be above the first"
    )


def test_kmp122_the_shipped_categories_pass(project: Project) -> None:
    write_policy(project)
    assert project.diagnostics("KMP122") == []
