"""KMP122: match categories out of order, not ending at 0, codes twice; talent cut points not rising or
off their axis's scale."""

from __future__ import annotations

import pytest

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


TALENT = "pengembangan/talenta.yaml"


@pytest.mark.parametrize(
    ("axis", "written", "needle", "message"),
    [
        # A policy whose potential is rated 1–3 cannot cut at 4: nobody would be high.
        (
            "potensi",
            "skala: [1, 3]\n    batas: [2, 4]",
            "4]",
            "The second cut point of the potential axis (4) is outside its scale (1–3), the scale the "
            "assessment file's values are read on",
        ),
        # Without a skala the axis is on the 1–5 the file is read on: a first cut at 1 leaves nobody low.
        (
            "kinerja",
            "batas: [1, 3]",
            "1, 3]",
            "The first cut point of the performance axis (1) must be above the start of its scale (1–5)",
        ),
    ],
)
def test_kmp122_a_cut_point_outside_the_scale_the_values_are_read_on(
    project: Project, axis: str, written: str, needle: str, message: str
) -> None:
    write_policy(project)
    project.edit(TALENT, f"{axis}:\n    batas: [2, 3]", f"{axis}:\n    {written}")
    [found] = project.diagnostics("KMP122")
    assert where(found) == (TALENT, *project.locate(TALENT, needle, after=f"{axis}:"))
    assert found.message.en.startswith(message)


def test_kmp122_a_scale_that_does_not_rise(project: Project) -> None:
    write_policy(project)
    project.edit(TALENT, "kinerja:\n    batas: [2, 3]", "kinerja:\n    skala: [3, 3]\n    batas: [2, 3]")
    [found] = project.diagnostics("KMP122")
    assert where(found)[0] == TALENT
    assert found.message.en == "The end of the performance axis's scale (3) must be above its start (3)."


def test_kmp122_the_shipped_categories_pass(project: Project) -> None:
    write_policy(project)
    assert project.diagnostics("KMP122") == []
